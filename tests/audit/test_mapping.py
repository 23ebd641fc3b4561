"""The mapping file (`kind: audit_map`): read by the project's loader, held to the specs, every
error located with a hint; a fuzz of the loader on mapping files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from engine.audit import COLUMNS, load_audit_map, mapping_errors, read_audit_map
from engine.corpus import Corpus, check_paths
from engine.spec import SpecError, SpecErrors, read_document_bytes
from tests.audit.conftest import DATA, MAP, ROOT

INVALID = DATA / "invalid"
CASES = sorted(p.stem for p in INVALID.glob("*.yaml"))


def test_the_mapping_reads_with_its_defaults(corpus: Corpus) -> None:
    mapping = load_audit_map(MAP, corpus)
    assert mapping.id == "aktobe-schools-2019"
    assert mapping.columns == COLUMNS
    assert mapping.service_names()["403003"] == "school-admission"
    assert mapping.channel_names("education-document-duplicates")["ЦОН"] == "gov_corp"
    assert mapping.service("school-admission").activities["Рассмотрение документов"] == "review"
    assert mapping.resources == {"clerk-12": "executor", "head-1": "head"}


@pytest.mark.parametrize("case", CASES)
def test_a_broken_mapping_is_located(case: str, corpus: Corpus, regen_golden: bool) -> None:
    """Each broken file gives exactly the messages of its `.expected` file, at file:line:col."""
    path = INVALID / f"{case}.yaml"
    with pytest.raises(SpecErrors) as raised:
        load_audit_map(path.relative_to(DATA.parents[2]), corpus)
    messages = [str(e) for e in raised.value.errors]
    golden = INVALID / f"{case}.expected"
    if regen_golden:
        golden.write_text("".join(f"{m}\n" for m in messages), encoding="utf-8")
        return
    assert messages == golden.read_text(encoding="utf-8").splitlines()
    for error in raised.value.errors:
        assert error.location.line >= 1
        assert error.location.col >= 1
        assert "hint:" in error.message


def test_reglament_check_reads_a_mapping_as_a_spec() -> None:
    assert check_paths([MAP]).ok
    result = check_paths([INVALID / "unknown-key.yaml"])
    assert [e.message for e in result.errors] == ['unknown key "colums" (hint: did you mean "columns"?)']


def test_read_alone_refuses_another_kind() -> None:
    with pytest.raises(SpecErrors, match='expected kind audit_map, got "report_input"'):
        read_audit_map(INVALID / "not-a-map.yaml")


_BASE = yaml.safe_load(MAP.read_text(encoding="utf-8"))
_WORDS = st.sampled_from(["school-admission", "provider_office", "register", "received",
                          "Канцелярия", "", "x", 5, None, [], {}, "portal", "gov_corp",
                          "Asia/Almaty", "executor", "review"])


def _mutate(data: object, path: list[int], value: object) -> object:
    """Replace the value or key reached by walking `path` (indexes into keys and items)."""
    if not path or not isinstance(data, dict | list) or not data:
        return value
    if isinstance(data, dict):
        keys = list(data)
        key = keys[path[0] % len(keys)]
        out = dict(data)
        if len(path) == 1 and isinstance(value, str):
            out[value] = out.pop(key)  # a key renamed
        else:
            out[key] = _mutate(data[key], path[1:], value)
        return out
    items = list(data)
    items[path[0] % len(items)] = _mutate(items[path[0] % len(items)], path[1:], value)
    return items


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(path=st.lists(st.integers(0, 9), min_size=1, max_size=5), value=_WORDS,
       cut=st.integers(0, 2000))
def test_fuzzed_mappings_give_a_map_or_located_errors(corpus: Corpus, path: list[int],
                                                      value: object, cut: int) -> None:
    """Whatever the edit (a value or key replaced, the text cut short), the loader answers with
    a mapping or with located errors, never an exception."""
    text = yaml.safe_dump(_mutate(_BASE, path, value), allow_unicode=True, sort_keys=False)
    for raw in (text, text[:cut]):
        document = read_document_bytes(raw.encode("utf-8"), "fuzzed.yaml")
        errors: list[SpecError] = list(document.blocking)
        if not errors and document.kind == "audit_map":
            errors = mapping_errors(document, corpus)
        for error in errors:
            assert error.location.path == "fuzzed.yaml"
            assert error.location.line >= 1


def test_a_mapping_file_written_by_hand_round_trips(tmp_path: Path, corpus: Corpus) -> None:
    """Other column names: the mapping's `columns` are kept, the others default."""
    data = dict(_BASE, columns={"case": "id", "timestamp": "at"})
    path = tmp_path / "map.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    mapping = load_audit_map(path, corpus)
    assert mapping.columns["case"] == "id"
    assert mapping.columns["activity"] == "activity"


@pytest.mark.parametrize("name", ["unknown-step", "unknown-actor", "unknown-channel",
                                  "unknown-standard", "ambiguous-name"])
def test_reglament_check_holds_a_mapping_to_the_specs_it_reads(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Defect: `reglament check specs MAP.yaml` passed a mapping whose step, actor, channel or
    standard the specs do not have (only `reglament audit` held it to them): now the same
    located error, exit 1."""
    monkeypatch.chdir(ROOT)
    expected = (INVALID / f"{name}.expected").read_text(encoding="utf-8").splitlines()
    result = CliRunner().invoke(app, ["check", "specs", str((INVALID / f"{name}.yaml")
                                                            .relative_to(ROOT))])
    assert result.exit_code == 1, result.stdout
    for line in expected:
        assert line in result.stdout


def test_reglament_check_passes_a_sound_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", "specs", str(MAP.relative_to(ROOT))])
    assert result.exit_code == 0, result.stdout
