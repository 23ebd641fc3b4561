"""`reglament case open|act|refuse|show|overdue` end to end, on a journal in a temporary file.

Every bad input is one line on stderr with the exit code the command promises, and
leaves the journal exactly as it was (same bytes, same events) or not created at all.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from cli import app
from engine.cases import Journal

DATA = Path(__file__).parent / "data"
IIN = "860306300458"
runner = CliRunner()


def reglament(*args: str) -> Result:
    return runner.invoke(app, [*args, "--specs", str(DATA)])


def sorted_json(text: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in items]
        assert keys == sorted(keys), f"keys not sorted: {keys}"
        return dict(items)
    return json.loads(text, object_pairs_hook=pairs)


def open_case(db: Path, case: str = "c1", received: str = "2024-03-20T17:00:00+05:00",
              *extra: str) -> Result:
    result = reglament("case", "open", "--db", str(db), "--case", case, "--service",
                       "school-admission", "--channel", "provider_office", "--received",
                       received, "--applicant", IIN, "--documents", "application", *extra)
    assert result.exit_code == 0, result.output
    return result


def act(db: Path, step: str, at: str, *extra: str, case: str = "c1") -> Result:
    return reglament("case", "act", "--db", str(db), "--case", case, "--step", step, "--at",
                     f"2024-03-20T{at}:00+05:00", "--by", "clerk", *extra)


def show(db: Path, case: str = "c1") -> Any:
    result = reglament("case", "show", "--db", str(db), "--case", case, "--json")
    assert result.exit_code == 0, result.output
    return sorted_json(result.stdout)


def snapshot(db: Path) -> tuple[bytes | None, list[tuple[Any, ...]]]:
    """The journal's bytes and every event row: what 'nothing written' compares."""
    if not db.exists():
        return None, []
    with sqlite3.connect(db) as raw:
        rows = raw.execute("SELECT * FROM events ORDER BY case_id, seq").fetchall() \
            if raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'events'").fetchone() else []
    raw.close()
    return db.read_bytes(), rows


def refused(result: Result, code: int, message: str) -> None:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.output


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cases.db"


# the happy paths ------------------------------------------------------------------------


def test_open_then_show_gives_the_first_step_and_the_promised_term(db: Path) -> None:
    opened = sorted_json(open_case(db, "c1", "2024-03-20T17:00:00+05:00", "--json").stdout)
    assert opened == show(db)
    assert opened["status"] == "open"
    assert opened["active"] == {"step": "register", "actor": "executor",
                                "start": "2024-03-20T17:00:00+05:00",
                                "due": "2024-03-20T17:05:00+05:00"}
    assert opened["due"] == "2024-03-20T17:30:00+05:00"
    assert opened["service"]["title"]["kk"].startswith("Бастауыш")
    assert (opened["steps"], opened["finished"], opened["met_term"]) == ([], None, None)


def test_a_case_walked_to_its_result_records_each_step_and_the_margin(db: Path) -> None:
    open_case(db)
    for step, at, extra in [("register", "17:04", ()), ("assign", "17:12", ()),
                            ("review", "17:15", ("--outcome", "accept")),
                            ("sign_receipt", "17:20", ()), ("issue_receipt", "17:25", ())]:
        result = act(db, step, at, *extra)
        assert result.exit_code == 0, result.output
    case = show(db)
    assert (case["status"], case["met_term"], case["margin_minutes"]) == ("result", True, 5)
    assert [(s["step"], s["by"], s["finish"][11:16], s["late"]) for s in case["steps"]] == [
        ("register", "clerk", "17:04", False), ("assign", "clerk", "17:12", True),
        ("review", "clerk", "17:15", False), ("sign_receipt", "clerk", "17:20", False),
        ("issue_receipt", "clerk", "17:25", False)]
    assert case["steps"][2]["outcome"] == "accept"
    assert case["steps"][1]["due"] == "2024-03-20T17:09:00+05:00"


def test_human_show_is_bilingual_kazakh_first_with_the_timeline(db: Path) -> None:
    open_case(db)
    act(db, "register", "17:07")
    result = reglament("case", "refuse", "--db", str(db), "--case", "c1", "--ground",
                       "unreliable_documents", "--at", "2024-03-20T17:08:00+05:00", "--by", "head")
    assert result.exit_code == 0, result.output
    text = reglament("case", "show", "--db", str(db), "--case", "c1").stdout
    assert text.index("Бастауыш") < text.index("Прием документов")
    assert text.index("дәйексіз") < text.index("недостоверности")
    assert "refused (reasoned refusal)" in text
    assert "unreliable_documents (Law 88-V, art. 19-1 p. 2 (1))" in text
    register = next(line for line in text.splitlines() if line.strip().startswith("register"))
    assert register.split()[-1] == "late"
    assert "met the term with 22 min to spare" in text


def test_missing_documents_are_a_refusal_to_accept_recorded_in_the_journal(db: Path) -> None:
    result = reglament("case", "open", "--db", str(db), "--case", "c2", "--service",
                       "school-admission", "--channel", "provider_office", "--received",
                       "2024-03-20T10:00:00+05:00", "--applicant", IIN, "--json")
    assert result.exit_code == 0, result.output
    case = sorted_json(result.stdout)
    assert case["status"] == "refused_to_accept"
    assert case["refused_to_accept"]["article"] == "Law 88-V, art. 19"
    assert [m["id"] for m in case["refused_to_accept"]["missing"]] == ["application"]
    assert case["refused_to_accept"]["missing"][0]["title"]["ru"].startswith("заявление")
    assert (case["due"], case["active"]) == (None, None)
    assert len(snapshot(db)[1]) == 2


def test_a_retried_command_applies_once(db: Path) -> None:
    open_case(db, "c1", "2024-03-20T17:00:00+05:00", "--command-id", "open-1")
    again = open_case(db, "c1", "2024-03-20T17:00:00+05:00", "--command-id", "open-1")
    assert again.stdout.startswith("command open-1 was already applied")
    first = act(db, "register", "17:04", "--command-id", "k-1")
    assert first.exit_code == 0, first.output
    before = snapshot(db)
    retried = act(db, "register", "17:04", "--command-id", "k-1")
    assert retried.exit_code == 0, retried.output
    assert retried.stdout.startswith("command k-1 was already applied; the case is unchanged")
    assert snapshot(db) == before
    assert [e.command_id for e in Journal(db).events("c1")] == ["open-1", "k-1"]


def test_overdue_lists_late_steps_with_their_actor_per_case(db: Path) -> None:
    open_case(db, "c1")
    open_case(db, "c2", "2024-03-20T17:10:00+05:00")
    open_case(db, "c3", "2024-03-20T09:00:00+05:00")
    act(db, "register", "09:03", case="c3")
    refuse = reglament("case", "refuse", "--db", str(db), "--case", "c3", "--ground",
                       "requirements_not_met", "--at", "2024-03-20T09:04:00+05:00", "--by", "head")
    assert refuse.exit_code == 0, refuse.output
    result = reglament("case", "overdue", "--db", str(db), "--at", "2024-03-20T17:14:00+05:00",
                       "--json")
    assert result.exit_code == 0, result.output
    assert sorted_json(result.stdout) == {"at": "2024-03-20T17:14:00+05:00", "cases": [
        {"case": "c1", "channel": "provider_office", "service": "school-admission",
         "implied": False, "late": [
            {"step": "register", "actor": "executor", "due": "2024-03-20T17:05:00+05:00",
             "late_minutes": 9, "appeal": None, "what": None}]}]}
    text = reglament("case", "overdue", "--db", str(db), "--at", "2024-03-26T09:00:00+05:00").stdout
    assert text.splitlines()[:3] == [
        "case c1: school-admission, provider_office",
        "  register (executor): due 2024-03-20 Wed 17:05, late by 1 h 25 min of working time",
        "    Көрсетілетін қызметті берушінің жауапты орындаушысы / "
        "Ответственный исполнитель услугодателя"]
    assert "case c3" not in text
    quiet = reglament("case", "overdue", "--db", str(db), "--at", "2024-03-20T17:01:00+05:00")
    assert quiet.stdout == "nothing is overdue at 2024-03-20 Wed 17:01\n"


# bad input: a clear line, the promised exit code, nothing written -------------------------


OPEN = ["case", "open", "--case", "c9", "--service", "school-admission", "--channel",
        "provider_office", "--received", "2024-03-20T17:00:00+05:00", "--applicant", IIN,
        "--documents", "application"]


def _with(args: list[str], option: str, value: str | None) -> list[str]:
    at = args.index(option)
    return args[:at] + args[at + 2:] if value is None else [*args[:at + 1], value, *args[at + 2:]]


@pytest.mark.parametrize(("option", "value", "code", "message"), [
    ("--applicant", "860306300459", 2, "check digit is 9, expected 8"),
    ("--applicant", "8603063004", 2, "expected 12 digits"),
    ("--documents", "application,aplication", 2,
     'unknown document "aplication" of service "school-admission" (hint: did you mean '
     '"application"?)'),
    ("--received", "2024-03-20T17:00:00", 2, 'instant "2024-03-20T17:00:00" has no UTC offset'),
    ("--received", "20 March", 2, "--received: expected an ISO 8601 instant"),
    ("--service", "school-admision", 2, 'unknown service "school-admision"'),
    ("--channel", "gov_corp", 2, 'channel "gov_corp" is not offered'),
    ("--service", None, 2, "give either --service or --regulation"),
])
def test_bad_openings_write_nothing(db: Path, option: str, value: str | None, code: int,
                                    message: str) -> None:
    args = _with(OPEN, option, value)
    refused(runner.invoke(app, [*args, "--db", str(db), "--specs", str(DATA)]), code, message)
    assert not db.exists()
    open_case(db)
    before = snapshot(db)
    refused(runner.invoke(app, [*args, "--db", str(db), "--specs", str(DATA)]), code, message)
    assert snapshot(db) == before


def test_a_repealed_regulation_is_refused_with_its_dates(db: Path) -> None:
    result = runner.invoke(app, [*_with(_with(OPEN, "--service", None), "--case", "c9"),
                                 "--regulation", "aktobe-school-admission", "--db", str(db)])
    refused(result, 1, 'regulation "aktobe-school-admission" is not in force on 2024-03-20: '
                       "repealed, last in force on 2020-02-17")
    assert not db.exists()


def test_a_case_id_is_opened_once(db: Path) -> None:
    open_case(db)
    before = snapshot(db)
    result = runner.invoke(app, [*_with(OPEN, "--case", "c1"), "--command-id", "another",
                                 "--db", str(db), "--specs", str(DATA)])
    refused(result, 1, "case 'c1' already exists (hint: choose another id)")
    assert snapshot(db) == before


@pytest.mark.parametrize(("case", "args", "message"), [
    ("c1", ["--step", "assign"], 'step "assign" is not the active step of case c1; "register" is'),
    ("c1", ["--step", "register", "--outcome", "accept"], 'step "register" has no outcomes'),
    ("c1", ["--step", "register", "--ground", "requirements_not_met"],
     "a ground is cited only when refusing"),
    ("c7", ["--step", "register"], "no case 'c7' in"),
])
def test_actions_that_do_not_fit_the_case_write_nothing(db: Path, case: str, args: list[str],
                                                        message: str) -> None:
    open_case(db)
    before = snapshot(db)
    result = reglament("case", "act", "--db", str(db), "--case", case, *args, "--at",
                       "2024-03-20T17:04:00+05:00", "--by", "clerk")
    refused(result, 1, message)
    assert snapshot(db) == before


def test_a_decision_needs_a_known_outcome(db: Path) -> None:
    open_case(db)
    act(db, "register", "17:01")
    act(db, "assign", "17:02")
    before = snapshot(db)
    refused(act(db, "review", "17:03"), 1, 'step "review" is a decision: give its outcome, one '
                                           "of accept, refuse")
    refused(act(db, "review", "17:03", "--outcome", "acept"), 1,
            'unknown outcome "acept" of step "review" (hint: did you mean "accept"?)')
    assert snapshot(db) == before


def test_time_going_back_and_naive_instants_write_nothing(db: Path) -> None:
    open_case(db)
    act(db, "register", "17:04")
    before = snapshot(db)
    refused(act(db, "assign", "17:02"), 1, "(time cannot go back)")
    naive = reglament("case", "act", "--db", str(db), "--case", "c1", "--step", "assign", "--at",
                      "2024-03-20T17:06:00", "--by", "head")
    refused(naive, 2, '--at: instant "2024-03-20T17:06:00" has no UTC offset')
    assert snapshot(db) == before


def test_a_closed_case_takes_no_action(db: Path) -> None:
    open_case(db)
    reglament("case", "refuse", "--db", str(db), "--case", "c1", "--ground",
              "unreliable_documents", "--at", "2024-03-20T17:03:00+05:00", "--by", "head")
    before = snapshot(db)
    refused(act(db, "register", "17:04"), 1, "case c1 is closed (refusal); no further action")
    again = reglament("case", "refuse", "--db", str(db), "--case", "c1", "--ground",
                      "requirements_not_met", "--at", "2024-03-20T17:05:00+05:00", "--by", "head")
    refused(again, 1, "case c1 is closed (refusal)")
    assert snapshot(db) == before


def test_a_refusal_needs_a_ground_of_the_standard(db: Path) -> None:
    open_case(db)
    before = snapshot(db)
    result = reglament("case", "refuse", "--db", str(db), "--case", "c1", "--ground", "court_ban",
                       "--at", "2024-03-20T17:03:00+05:00", "--by", "head")
    refused(result, 1, '"court_ban" is not a refusal ground of service "school-admission"')
    assert snapshot(db) == before


def _not_a_journal(path: Path) -> None:
    path.write_text("kind: regulation\n", encoding="utf-8")


def _foreign_database(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE notes (text TEXT)")
        raw.execute("INSERT INTO notes VALUES ('mine')")
    raw.close()


def _newer_journal(path: Path) -> None:
    Journal(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 2")
    raw.close()


@pytest.mark.parametrize(("make", "message"), [
    (_not_a_journal, "not a Reglament journal (file is not a database)"),
    (_foreign_database, "an SQLite database, but not a Reglament journal"),
    (_newer_journal, "journal format 2 is newer than this version of reglament understands (1)"),
])
@pytest.mark.parametrize("command", [
    OPEN,
    ["case", "act", "--case", "c1", "--step", "register", "--at", "2024-03-20T17:04:00+05:00",
     "--by", "clerk"],
    ["case", "refuse", "--case", "c1", "--ground", "requirements_not_met", "--at",
     "2024-03-20T17:04:00+05:00", "--by", "clerk"],
    ["case", "show", "--case", "c1"],
    ["case", "overdue", "--at", "2024-03-20T17:04:00+05:00"],
])
def test_a_file_that_is_not_a_journal_we_can_use_is_left_alone(
        db: Path, make: Any, message: str, command: list[str]) -> None:
    make(db)
    before = db.read_bytes()
    result = runner.invoke(app, [*command, "--db", str(db), "--specs", str(DATA)])
    refused(result, 1, message)
    assert db.read_bytes() == before
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0


@pytest.mark.parametrize("command", [
    ["case", "act", "--case", "c1", "--step", "register", "--at", "2024-03-20T17:04:00+05:00",
     "--by", "clerk"],
    ["case", "show", "--case", "c1"],
    ["case", "overdue", "--at", "2024-03-20T17:04:00+05:00"],
])
def test_only_open_creates_a_journal(db: Path, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--db", str(db), "--specs", str(DATA)])
    refused(result, 2, f"--db: no journal at {db} (hint: reglament case open --db PATH")
    assert not db.exists()


def test_a_missing_specs_directory_is_a_usage_error(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["case", "show", "--db", str(db), "--case", "c1", "--specs",
                                 str(tmp_path / "nowhere")])
    refused(result, 2, f"no specs directory at {tmp_path / 'nowhere'}")


def test_a_case_read_with_specs_that_lack_its_versions_is_a_clear_error(db: Path,
                                                                        tmp_path: Path) -> None:
    open_case(db)
    other = tmp_path / "other-specs"
    other.mkdir()
    for name in ("standard.yaml", "schedules.yaml"):
        (other / name).write_bytes((DATA / name).read_bytes())
    for command in (["case", "show", "--case", "c1"],
                    ["case", "overdue", "--at", "2024-03-20T17:04:00+05:00"]):
        result = runner.invoke(app, [*command, "--db", str(db), "--specs", str(other)])
        refused(result, 1, 'case c1 runs on the standard "school-admission" of 2015-07-26 and the '
                           'regulation "aktobe-school-admission" of 2015-07-26, which the loaded '
                           "specs lack (hint: load the specs the case was opened with)")
