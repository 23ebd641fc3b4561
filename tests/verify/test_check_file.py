"""One-file workflows: `reglament check FILE` and `reglament test FILE` find the specs a file
refers to from its location (its spec root: a directory holding `.reglament-root`, or named
`specs`), and report what concerns that file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from engine.corpus import ROOT_MARKER, spec_root
from tests.specdata import SPECS

runner = CliRunner()
REGULATION = Path("regulations/aktobe/school-admission.yaml")
STANDARD = Path("standards/school-admission.yaml")


@pytest.fixture
def layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the corpus in a directory not named `specs`, marked as a spec root, as the
    working directory."""
    root = tmp_path / "regulations-repo" / "services"
    shutil.copytree(SPECS, root)
    (root / ROOT_MARKER).write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "regulations-repo")
    return root


def _late(path: Path) -> None:
    """Make the regulation's provider office path take 31 min against a 30-minute term."""
    text = path.read_text(encoding="utf-8")
    assert text.count("duration: 10 min") == 1
    path.write_text(text.replace("duration: 10 min", "duration: 11 min"), encoding="utf-8")


def test_the_spec_root_is_the_nearest_marked_or_specs_directory(tmp_path: Path) -> None:
    inner = tmp_path / "specs" / "region" / "more"
    inner.mkdir(parents=True)
    (inner / "a.yaml").write_text("", encoding="utf-8")
    assert spec_root(inner / "a.yaml") == tmp_path / "specs"
    (tmp_path / "specs" / "region" / ROOT_MARKER).write_text("", encoding="utf-8")
    assert spec_root(inner / "a.yaml") == tmp_path / "specs" / "region"
    assert spec_root(tmp_path / "specs") == tmp_path / "specs"
    assert spec_root(tmp_path / "elsewhere.yaml") is None


def test_a_relative_file_gives_a_relative_root(layout: Path) -> None:
    assert spec_root(Path("services") / REGULATION) == Path("services")


def test_a_regulation_alone_is_checked_against_its_standard_and_calendar(layout: Path) -> None:
    """Defect: `reglament check REGULATION` said "unknown standard"."""
    result = runner.invoke(app, ["check", str(Path("services") / REGULATION), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["files"] == [f"services/{p}" for p in ("calendars/kz.yaml", REGULATION, STANDARD)]
    assert report["summary"]["regulations"] == 1
    assert {p["regulation"] for p in report["paths"]} == {"aktobe-school-admission"}
    assert {p["status"] for p in report["paths"]} == {"ok"}


def test_a_late_regulation_alone_fails_with_its_deadline(layout: Path) -> None:
    _late(layout / REGULATION)
    result = runner.invoke(app, ["check", str(Path("services") / REGULATION)])
    assert result.exit_code == 1, result.output
    assert "takes up to 31 min; term 30 min" in result.stdout


def test_a_standard_alone_reports_its_regulations(layout: Path) -> None:
    """A changed standard can make its regulations late: their findings are its own."""
    _late(layout / REGULATION)
    result = runner.invoke(app, ["check", str(Path("services") / STANDARD)])
    assert result.exit_code == 1, result.output
    assert f"services/{REGULATION}:" in result.stdout


def test_a_broken_file_elsewhere_does_not_fail_a_sound_one(layout: Path) -> None:
    broken = layout / "standards" / "home-schooling.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nnot_a_key: 1\n", encoding="utf-8")
    sound = runner.invoke(app, ["check", str(Path("services") / REGULATION)])
    assert sound.exit_code == 0, sound.output
    assert "home-schooling" not in sound.stdout
    alone = runner.invoke(app, ["check", str(Path("services") / "standards" / "home-schooling.yaml")])
    assert alone.exit_code == 1
    assert 'unknown key "not_a_key"' in alone.stdout


def test_a_broken_calendar_fails_the_check_of_any_file(layout: Path) -> None:
    calendar = layout / "calendars" / "kz.yaml"
    calendar.write_text(calendar.read_text(encoding="utf-8") + "\nnot_a_key: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(Path("services") / REGULATION)])
    assert result.exit_code == 1, result.output
    assert "services/calendars/kz.yaml:" in result.stdout


def test_a_file_and_its_root_together_are_read_once(layout: Path) -> None:
    result = runner.invoke(app, ["check", "services", str(Path("services") / REGULATION)])
    whole = runner.invoke(app, ["check", "services"])
    assert result.exit_code == whole.exit_code == 0, result.output
    assert result.stdout == whole.stdout


def test_a_file_in_no_spec_root_is_checked_alone(tmp_path: Path) -> None:
    alone = tmp_path / "service.yaml"
    shutil.copy(SPECS / REGULATION, alone)
    result = runner.invoke(app, ["check", str(alone)])
    assert result.exit_code == 1
    assert 'unknown standard "school-admission"' in result.stdout


def test_a_scenario_file_in_a_marked_root_runs_without_specs(layout: Path) -> None:
    """Defect: `reglament test FILE` needed a directory named `specs` or `--specs`."""
    scenario = Path("services") / "standards" / "scenarios" / "preschool-queue.yaml"
    result = runner.invoke(app, ["test", str(scenario)])
    assert result.exit_code == 0, result.output
    assert " 0 failed, 0 error(s)" in result.stdout.splitlines()[-1]
