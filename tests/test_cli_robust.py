"""No traceback for any input (issue 18, item 2), end to end through the command line.

Every command without its calendar (no directory, an empty one, two calendars, a broken one);
an unrelated broken file below `--specs`, which a command on one service reports as a warning
and passes over; numbers of thousands of digits in files and options. Each run must end with a
message on stderr and an exit code, never an exception escaping the command.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cli import app
from tests.specdata import SPECS

runner = CliRunner()
RECEIVED = "2026-12-07T10:00+05:00"
APPLICANT = "860306300458"


def _invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{type(result.exception).__name__}: {result.exception}"
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _commands(out: Path) -> dict[str, list[str]]:
    """One command line of each command that needs the calendar. The standard checked is a
    copy outside any spec root: inside one, `check FILE` reads the root's own calendar."""
    alone = out / "alone" / "preschool-queue.yaml"
    alone.parent.mkdir(parents=True, exist_ok=True)
    alone.write_bytes((SPECS / "standards" / "preschool-queue.yaml").read_bytes())
    return {
        "check": ["check", str(alone)],
        "run": ["run", "preschool-queue", "--channel", "portal", "--received", RECEIVED,
                "--documents", "eds_request"],
        "render-passport": ["render", "free-school-meals", "--doc", "passport", "--out", str(out)],
        "render-receipt": ["render", "preschool-queue", "--doc", "receipt", "--channel", "portal",
                           "--received", RECEIVED, "--documents", "eds_request", "--out", str(out)],
        "diagram": ["diagram", "externat-permission", "--format", "dot",
                    "--out", str(out / "d.dot")],
        "export": ["export", "preschool-queue", "--out", str(out / "e.json")],
        "test": ["test", str(SPECS / "standards" / "scenarios" / "preschool-queue.yaml")],
        "due": ["due", "--from", RECEIVED, "--add", "3 wd"],
        "calendar-workdays": ["calendar", "workdays", "2026"],
        "calendar-show": ["calendar", "show", "2026"],
        "case-open": ["case", "open", "--db", str(out / "j.db"), "--case", "c1",
                      "--service", "preschool-queue", "--channel", "portal",
                      "--received", RECEIVED, "--applicant", APPLICANT,
                      "--documents", "eds_request"],
    }


def _calendars(tmp_path: Path, mode: str) -> tuple[Path, str]:
    """A calendar directory broken in one way, and what the message must say."""
    kz = SPECS / "calendars" / "kz.yaml"
    where = tmp_path / "calendars"
    if mode == "missing":
        return tmp_path / "nonexistent", "no calendar directory or file at"
    where.mkdir()
    if mode == "empty":
        return where, "expected one calendar spec (*.yaml)"
    if mode == "two":
        shutil.copy(kz, where / "a.yaml")
        shutil.copy(kz, where / "b.yaml")
        return where, "found a.yaml, b.yaml"
    (where / "kz.yaml").write_text("kind: calendar\nid: [kz\n", encoding="utf-8")
    return where, f"{where / 'kz.yaml'}:3:1: YAML syntax error"


COMMANDS = sorted(_commands(Path()))


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_without_its_calendar_says_where_it_looked(command: str,
                                                                  tmp_path: Path) -> None:
    where, message = _calendars(tmp_path, "missing")
    result = _invoke(*_commands(tmp_path)[command], env={"REGLAMENT_CALENDARS": str(where)})
    assert result.exit_code == 1
    assert message in result.stdout + result.stderr
    assert str(where) in result.stdout + result.stderr


@pytest.mark.parametrize("mode", ["missing", "empty", "two", "broken"])
@pytest.mark.parametrize("command", ["render-passport", "render-receipt", "case-open", "due"])
def test_render_and_the_others_when_the_calendar_is_not_found(command: str, mode: str,
                                                              tmp_path: Path) -> None:
    where, message = _calendars(tmp_path, mode)
    result = _invoke(*_commands(tmp_path)[command], env={"REGLAMENT_CALENDARS": str(where)})
    assert result.exit_code == 1
    assert message in result.stderr


def test_render_from_a_journal_when_the_calendar_is_not_found(tmp_path: Path) -> None:
    assert _invoke(*_commands(tmp_path)["case-open"]).exit_code == 0
    where, message = _calendars(tmp_path, "missing")
    result = _invoke("render", "preschool-queue", "--doc", "receipt", "--db",
                     str(tmp_path / "j.db"), "--case", "c1", "--out", str(tmp_path),
                     env={"REGLAMENT_CALENDARS": str(where)})
    assert result.exit_code == 1
    assert message in result.stderr


# --specs: one broken file below it ----------------------------------------------------------

SERVICE_COMMANDS = ["run", "render-passport", "render-receipt", "diagram", "export", "case-open"]


@pytest.fixture
def specs_with_a_broken_draft(tmp_path: Path) -> Path:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS, specs)
    (specs / "drafts").mkdir()
    (specs / "drafts" / "wip.yaml").write_text("kind: standard\nid: [wip\n", encoding="utf-8")
    return specs


@pytest.mark.parametrize("command", SERVICE_COMMANDS)
def test_an_unrelated_broken_file_below_specs_is_a_warning(
        command: str, specs_with_a_broken_draft: Path, tmp_path: Path) -> None:
    specs = specs_with_a_broken_draft
    result = _invoke(*_commands(tmp_path)[command], "--specs", str(specs))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert f"{specs / 'drafts' / 'wip.yaml'}:3:1: warning: YAML syntax error: did not find " \
        "expected ',' or ']'" in lines
    assert any(line.startswith("reglament: 1 file(s) with errors skipped, none of them needed "
                               "by ") for line in lines)


def test_a_broken_file_of_the_service_itself_still_fails(specs_with_a_broken_draft: Path,
                                                         tmp_path: Path) -> None:
    specs = specs_with_a_broken_draft
    standard = specs / "standards" / "preschool-queue.yaml"
    standard.write_text(standard.read_text(encoding="utf-8").replace(
        "register_code:", "registr_code:"), encoding="utf-8")
    result = _invoke(*_commands(tmp_path)["run"], "--specs", str(specs))
    assert result.exit_code == 1
    assert f"{standard}:" in result.stderr
    assert "the specs have 1 error(s)" in result.stderr


def test_a_broken_file_named_for_the_service_is_taken_as_its_own(
        specs_with_a_broken_draft: Path, tmp_path: Path) -> None:
    specs = specs_with_a_broken_draft
    (specs / "drafts" / "wip.yaml").rename(specs / "drafts" / "preschool-queue.yaml")
    result = _invoke(*_commands(tmp_path)["run"], "--specs", str(specs))
    assert result.exit_code == 1
    assert "warning" not in result.stderr


def test_check_still_fails_on_any_broken_file(specs_with_a_broken_draft: Path) -> None:
    result = _invoke("check", str(specs_with_a_broken_draft))
    assert result.exit_code == 1
    assert "wip.yaml:3:1: YAML syntax error" in result.stdout


# numbers of thousands of digits ----------------------------------------------------------------

HUGE = "9" * 5000


@pytest.mark.parametrize(("args", "message"), [
    (["due", "--from", RECEIVED, "--add", f"{HUGE} wd"], "a number of 5000 digits"),
    (["due", "--from", RECEIVED, "--add", "999999 mo"], "no calendar data for 2028"),
    (["due", "--from", f"{HUGE}-12-07T10:00+05:00", "--add", "3 wd"], "expected an ISO 8601"),
    (["run", "preschool-queue", "--channel", "portal", "--received", RECEIVED,
      "--applicant", HUGE], "--applicant"),
    (["catalog", "--on", f"{HUGE}-01-01"], "--on"),
])
def test_a_number_of_thousands_of_digits_in_an_option_is_a_message(args: list[str],
                                                                   message: str) -> None:
    result = _invoke(*args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr
    assert len(result.stderr) < 500, "the message quotes the start of the value, not all of it"


def test_a_scenario_margin_of_thousands_of_digits_is_located(tmp_path: Path) -> None:
    # issue 18: int() of the margin's 4400 digits was a traceback of `reglament test`
    scenarios = tmp_path / "scenarios.yaml"
    source = SPECS / "regulations" / "aktobe" / "scenarios" / "education-document-duplicates.yaml"
    text = source.read_text(encoding="utf-8").replace("margin: -630 min", f"margin: -{HUGE} min")
    scenarios.write_text(text, encoding="utf-8")
    result = _invoke("test", str(scenarios), "--specs", str(SPECS))
    assert result.exit_code == 1
    assert f"{scenarios}:" in result.stdout
    assert "(hint: at most 9 digits)" in result.stdout


def test_case_commands_on_a_case_of_the_journal_warn_of_an_unrelated_broken_file(
        specs_with_a_broken_draft: Path, tmp_path: Path) -> None:
    """`case show`, `case act` and `case refuse` read the case's service from the journal and
    need only its specs: a broken draft of another service is a warning, not a failure."""
    specs = specs_with_a_broken_draft
    assert _invoke(*_commands(tmp_path)["case-open"]).exit_code == 0
    db = str(tmp_path / "j.db")
    show = _invoke("case", "show", "--db", db, "--case", "c1", "--specs", str(specs))
    assert show.exit_code == 0, show.stderr
    assert f"{specs / 'drafts' / 'wip.yaml'}:3:1: warning: YAML syntax error" in show.stderr
    missing = _invoke("case", "show", "--db", db, "--case", "c9", "--specs", str(specs))
    assert missing.exit_code != 0  # no such case: every spec is read, and the draft is an error
