"""End to end: the `reglament` command line on the corpus and on every broken spec."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli import app
from engine.corpus import check_paths
from engine.spec import bundle
from tests.specdata import (
    GENERATED,
    INVALID,
    ROOT,
    SPECS,
    expected_file,
    invalid_cases,
    materialise,
    reference_specs,
)

runner = CliRunner()


def _sorted_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    assert keys == sorted(keys), f"keys not sorted: {keys}"
    return dict(pairs)


def _json(text: str) -> Any:
    """Parse JSON, asserting that every object's keys come sorted."""
    return json.loads(text, object_pairs_hook=_sorted_keys)


# the corpus ------------------------------------------------------------------------------


def test_check_the_whole_corpus_exits_0() -> None:
    result = runner.invoke(app, ["check", str(SPECS)])
    assert result.exit_code == 0, result.output
    assert " 0 error(s)" in result.stdout


def test_check_the_reference_specs_exits_0() -> None:
    result = runner.invoke(app, ["check", *map(str, reference_specs())])
    assert result.exit_code == 0, result.output
    # Files of specs/ are checked with their spec root: the calendar is among the files reported.
    assert result.stdout.splitlines()[-1].startswith("4 file(s): 2 standard(s), 1 regulation(s)")


def test_check_json_of_the_reference_specs() -> None:
    result = runner.invoke(app, ["check", "--format", "json", *map(str, reference_specs())])
    assert result.exit_code == 0, result.output
    report = _json(result.stdout)
    assert report["files"] == sorted(str(p) for p in [SPECS / "calendars" / "kz.yaml", *reference_specs()])
    assert report["ok"] is True
    assert [f for f in report["findings"] if f["severity"] == "error"] == []


# broken specs ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", invalid_cases())
def test_check_of_a_broken_spec_exits_1_with_its_located_messages(
        case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(materialise(case, tmp_path))
    result = runner.invoke(app, ["check", case])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    expected = expected_file(case).read_text(encoding="utf-8").splitlines()
    assert expected
    for message in expected:
        assert f"  {message}" in lines


@pytest.mark.parametrize("case", ["unknown-key.yaml", "dangling-refusal-ground", "alias-bomb.yaml"])
def test_check_json_of_a_broken_spec(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INVALID)
    result = runner.invoke(app, ["check", "--format", "json", case])
    assert result.exit_code == 1, result.output
    report = _json(result.stdout)
    assert report["ok"] is False
    found = {f"{f['path']}:{f['line']}:{f['column']}: "
             + (f"{f['breadcrumb']}: " if f["breadcrumb"] else "") + f["message"]
             for f in report["findings"]}
    assert set(expected_file(case).read_text(encoding="utf-8").splitlines()) <= found
    assert {f["severity"] for f in report["findings"]} >= {"error"}


def test_findings_of_the_library_and_of_the_cli_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INVALID)
    cases = [c for c in invalid_cases() if c not in GENERATED]
    result = runner.invoke(app, ["check", "--format", "json", *cases])
    assert result.exit_code == 1
    reported = {(f["path"], f["line"], f["column"], f["message"])
                for f in _json(result.stdout)["findings"]}
    library = {(e.location.path, e.location.line, e.location.col, e.message)
               for e in check_paths(cases).errors}
    assert library <= reported


# usage -----------------------------------------------------------------------------------


def test_a_missing_path_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    result = runner.invoke(app, ["check", str(missing)])
    assert result.exit_code == 2
    assert f"no such file or directory: {missing}" in result.stderr
    assert result.stdout == ""


def test_a_folder_without_specs_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "no .yaml files found" in result.stderr


def test_an_unknown_format_exits_2() -> None:
    result = runner.invoke(app, ["check", "--format", "xml", str(SPECS)])
    assert result.exit_code == 2


def test_check_without_paths_exits_2() -> None:
    assert runner.invoke(app, ["check"]).exit_code == 2


def test_schema_prints_the_bundle() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert _json(result.stdout) == bundle()


# the installed console script ------------------------------------------------------------


def test_the_console_script_checks_a_broken_spec() -> None:
    script = shutil.which("reglament")
    assert script, "the `reglament` console script is not installed: pip install -e '.[test]'"
    done = subprocess.run([script, "check", "tests/data/invalid/unknown-key.yaml"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert ('  tests/data/invalid/unknown-key.yaml:32:5: channels.gov_corp.max_wiat: unknown key '
            '"max_wiat" (hint: did you mean "max_wait"?)') in done.stdout.splitlines()
    assert done.stderr == ""
