"""`reglament test`: exit codes, the text and JSON reports; the pytest plugin end to end."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app

DATA = Path(__file__).parent / "data"
SPECS = DATA / "specs"
EXAMPLE = SPECS / "scenarios" / "school-admission.yaml"
ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

FAILING = """\
- name: the term is not 35 minutes
  regulation: aktobe-school-admission
  channel: provider_office
  received: 2024-03-20T17:00:00+05:00
  documents: [application]
  outcomes: {review: accept}
  expect:
    due: 2024-03-20T17:35:00+05:00
- name: the term is 30 minutes
  regulation: aktobe-school-admission
  channel: provider_office
  received: 2024-03-20T17:00:00+05:00
  documents: [application]
  outcomes: {review: accept}
  expect:
    due: 2024-03-20T17:30:00+05:00
"""


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    """A copy of the test specs with one failing and one passing scenario beside the example."""
    copy = tmp_path / "specs"
    shutil.copytree(SPECS, copy)
    (copy / "scenarios" / "failing.yaml").write_text(FAILING, encoding="utf-8")
    return copy


def test_all_scenarios_pass_exit_0() -> None:
    result = runner.invoke(app, ["test", str(SPECS)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == str(EXAMPLE)
    assert lines[1] == "  passed  accepted at the office on a working afternoon"
    assert lines[-1].startswith("5 scenario(s) in 1 file(s): 5 passed, 0 failed, 0 error(s) (")


def test_a_mismatch_exits_1_and_names_the_expected_line(specs: Path) -> None:
    result = runner.invoke(app, ["test", str(specs / "scenarios" / "failing.yaml")])
    assert result.exit_code == 1, result.output
    path = specs / "scenarios" / "failing.yaml"
    assert result.stdout.splitlines()[:4] == [
        str(path),
        "  FAILED  the term is not 35 minutes",
        f"    {path}:8:10: expect.due: expected 2024-03-20T17:35:00+05:00, "
        "got 2024-03-20T17:30:00+05:00",
        "  passed  the term is 30 minutes",
    ]
    assert result.stdout.splitlines()[-1].startswith(
        "2 scenario(s) in 1 file(s): 1 passed, 1 failed, 0 error(s) (")


def test_json_report(specs: Path) -> None:
    result = runner.invoke(app, ["test", "--format", "json", str(specs)])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["summary"] == {"error": 0, "failed": 1, "files": 2, "passed": 6,
                                 "scenarios": 7}
    failing = report["files"][0]
    assert failing["path"] == str(specs / "scenarios" / "failing.yaml")
    assert failing["scenarios"][0] == {
        "errors": [], "line": 1, "name": "the term is not 35 minutes", "status": "failed",
        "mismatches": [{"actual": "2024-03-20T17:30:00+05:00", "col": 10,
                        "expected": "2024-03-20T17:35:00+05:00", "key": "expect.due", "line": 8,
                        "location": f"{failing['path']}:8:10"}]}


def test_a_broken_scenario_file_exits_1_with_its_located_errors(tmp_path: Path) -> None:
    broken = tmp_path / "scenarios" / "broken.yaml"
    broken.parent.mkdir()
    broken.write_text((DATA / "invalid" / "schema-errors.yaml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    result = runner.invoke(app, ["test", "--specs", str(SPECS), str(broken)])
    assert result.exit_code == 1, result.output
    assert f"  ERROR   {broken}:4:3: [name=broken].chanel: unknown key" in result.stdout
    assert result.stdout.splitlines()[-1].startswith(
        "0 scenario(s) in 1 file(s), 1 not run: 0 passed, 0 failed, 1 error(s) (")


def test_a_scenario_file_outside_specs_needs_the_specs_named(tmp_path: Path) -> None:
    alone = tmp_path / "scenarios" / "alone.yaml"
    alone.parent.mkdir()
    alone.write_text(FAILING, encoding="utf-8")
    result = runner.invoke(app, ["test", str(alone)])
    assert result.exit_code == 1
    assert (f"{alone}:1:1: cannot tell which specs this scenario file tests (hint: keep "
            "scenario files under a directory named specs/ or holding a .reglament-root file, or pass "
            "--specs DIR)") in result.stdout
    assert runner.invoke(app, ["test", "--specs", str(SPECS), str(alone)]).exit_code == 1


@pytest.mark.parametrize(("args", "message"), [
    (["test", "no/such/dir"], "reglament test: no such file or directory: no/such/dir"),
    (["test", str(DATA / "invalid")], "reglament test: no scenario files in"),
    (["test", "--specs", str(EXAMPLE), str(EXAMPLE)], "--specs must be a directory of specs"),
])
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output


def test_an_unknown_format_exits_2() -> None:
    assert runner.invoke(app, ["test", "--format", "xml", str(SPECS)]).exit_code == 2


def test_the_command_runs_as_a_subprocess() -> None:
    done = subprocess.run([sys.executable, "-m", "cli", "test", str(SPECS)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "5 passed" in done.stdout


def test_pytest_collects_one_item_per_scenario_and_reports_the_mismatch(specs: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "engine.scenarios.pytest_plugin",
                           "-p", "no:cacheprovider", "-q", "-rf", str(specs)],
                          cwd=specs.parent, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout
    assert "1 failed, 6 passed" in done.stdout
    assert (f"{specs}/scenarios/failing.yaml:8:10: expect.due: expected "
            "2024-03-20T17:35:00+05:00, got 2024-03-20T17:30:00+05:00") in done.stdout
    assert "FAILED specs/scenarios/failing.yaml::the term is not 35 minutes" in done.stdout


def test_pytest_reports_a_broken_scenario_file_as_one_failing_item(tmp_path: Path) -> None:
    broken = tmp_path / "specs" / "scenarios" / "broken.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("- name: x\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "engine.scenarios.pytest_plugin",
                           "-p", "no:cacheprovider", "-q", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout
    assert "1 failed" in done.stdout
    assert f'{broken}:1:3: [name=x]: missing required key "channel"' in done.stdout

