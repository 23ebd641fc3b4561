"""Reading scenario files: one broken file per error, its full messages kept as a golden file.

`data/invalid/NAME.yaml` is read and every error, one per line, is compared with
`data/invalid/NAME.expected`. After changing a message on purpose, regenerate with
`pytest tests/scenarios/test_scenario_file.py --regen-golden` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.scenarios import read_scenario_file

INVALID = Path(__file__).parent / "data" / "invalid"
ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p.stem for p in INVALID.glob("*.yaml"))


def messages(path: Path) -> str:
    errors = read_scenario_file(path.relative_to(ROOT)).errors
    return "".join(f"{error}\n" for error in errors)


@pytest.mark.parametrize("case", CASES)
def test_each_broken_file_is_refused_with_located_messages(
        case: str, regen_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    source = INVALID / f"{case}.yaml"
    expected = INVALID / f"{case}.expected"
    found = messages(source)
    assert found, f"{case}.yaml was read without errors"
    if regen_golden:
        expected.write_text(found, encoding="utf-8")
    assert found == expected.read_text(encoding="utf-8")
    path = str(source.relative_to(ROOT))
    assert all(line.startswith(f"{path}:") and line.split(":")[1] != "0"
               for line in found.splitlines()), "every error names its line"
    assert not read_scenario_file(source).scenarios, "a broken file runs no scenario"


def test_a_valid_file_reads_its_scenarios_in_order() -> None:
    read = read_scenario_file(Path(__file__).parent / "data" / "specs" / "scenarios"
                              / "school-admission.yaml")
    assert read.errors == []
    first = read.scenarios[0]
    assert (first.name, first.regulation, first.channel, first.documents) == (
        "accepted at the office on a working afternoon", "aktobe-school-admission",
        "provider_office", ("application",))
    assert first.received.isoformat() == "2024-03-20T17:00:00+05:00"
    assert first.applicant == "860306300458"
    assert dict(first.outcomes) == {"review": ("accept",)}
    assert (first.location.line, first.where("expect", "due").line) == (7, 15)
    assert len(read.scenarios) == 5
