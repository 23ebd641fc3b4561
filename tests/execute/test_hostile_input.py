"""Hostile input to the case commands and the case book (issue 15): refused, located, never a
hang, a traceback, a batch lost for one bad line, or an escape sequence on the terminal.

One test per defect of the issue, each failing on the code before its fix: a database in
memory, a command of the wrong type, a lone surrogate in JSON, an option that is not
UTF-8, a blank case id, control and bidi characters on their way to a terminal.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from engine.cases import (
    CaseBook,
    Complete,
    ExecutionError,
    Journal,
    JournalError,
    Open,
    command_problem,
    for_terminal,
)
from tests.execute.journal_writer import IIN, executor, received
from tests.execute.test_case_apply_cli import OPEN, _act, _file, _rows, apply
from tests.execute.test_case_cli import DATA, open_case, refused, reglament, snapshot

ROOT = Path(__file__).resolve().parents[2]
OPEN_ARGS = ["--service", "school-admission", "--channel", "provider_office", "--received",
             "2024-03-20T17:00:00+05:00", "--applicant", IIN, "--documents", "application"]


def _cli(*args: str | bytes, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """`reglament ARGS --specs DATA` in a process of its own (bytes as given), with a timeout."""
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args, "--specs", str(DATA)],
                          capture_output=True, timeout=timeout, check=False, cwd=ROOT)


@pytest.mark.parametrize("name", [":memory:", "file::memory:", "file:cases?mode=memory", ""])
def test_an_in_memory_database_is_refused_at_once_not_looped_on(tmp_path: Path, name: str) -> None:
    """Defect 1: `--db :memory:` spun for ever in the switch to WAL."""
    for args in (["case", "open", "--db", name, "--case", "c1", *OPEN_ARGS],
                 ["case", "apply", "--db", name, str(_file(tmp_path, [OPEN]))]):
        result = _cli(*args)  # a hang is a TimeoutExpired: the test fails
        lines = result.stderr.decode().splitlines()
        assert result.returncode == 2, result.stderr
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"reglament case {args[1]}: --db: ")
        assert "a journal must be a file" in lines[0] or "plain path" in lines[0] or (
            "empty path" in lines[0])
    with pytest.raises(JournalError, match="journal"):
        Journal(name)


def test_a_command_of_the_wrong_type_is_its_lines_error_and_the_rest_is_applied(
        tmp_path: Path) -> None:
    """Defect 2: `{"op": ["open"]}` raised a TypeError and nothing after it was applied."""
    db = tmp_path / "cases.db"
    lines: list[Any] = [OPEN, {"op": ["open"]}, {**_act("register", None, "17:04"), "by": ["x"]},
                        _act("register", None, "17:04")]
    result = apply(db, _file(tmp_path, lines))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'commands.jsonl'}:2: unknown \"op\": ['open'] (hint: one of open, act, refuse, "
        "appeal, appeal_extend, appeal_decide, appeal_revise)",
        f'{tmp_path / "commands.jsonl"}:3: "by": expected a non-empty string, got [\'x\']']
    assert [line.split(": ")[1] for line in result.stdout.splitlines()[:2]] == [
        "accepted open c1", "accepted act c1 register"]
    assert len(_rows(db)) == 2
    # in Python: the case book checks every command's types before anything is decided
    with Journal(tmp_path / "book.db") as journal:
        book = CaseBook(executor(), journal)
        at = received() + dt.timedelta(minutes=4)
        applied = book.apply_many([
            Open("c1", "school-admission", "provider_office", received(), IIN, ("application",)),
            Complete(["c1"], "register", at, "clerk"),  # type: ignore[arg-type]
            Complete("c1", "register", "17:04", "clerk"),  # type: ignore[arg-type]
            Complete("c1", "register", at, "clerk")])
        assert [a.error for a in applied] == [
            None, "a case id must be a non-blank string, got ['c1']",
            'act c1: "at" must be a datetime, got "17:04"', None]
        assert [e.kind for e in journal.events("c1")] == ["opened", "step_completed"]


def test_a_lone_surrogate_rejects_its_own_line_not_the_batch_of_a_thousand(tmp_path: Path) -> None:
    """Defect 2: a `"\\ud800"` in one command failed the COMMIT of its whole batch."""
    db = tmp_path / "cases.db"
    lines: list[Any] = [{**OPEN, "case": f"c{n}"} for n in range(999)]
    bad = json.dumps(_act("register", None, "17:04", case="c7")).replace('"clerk"', '"\\ud800"')
    lines.insert(500, bad)
    result = apply(db, _file(tmp_path, lines))
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"{tmp_path / 'commands.jsonl'}:501: \"by\": not valid Unicode: a lone "
                             "surrogate \\ud800 at position 0 (hint: a JSON string escapes "
                             'characters, not halves of UTF-16 pairs: "\\ud83d\\ude00" is one, '
                             '"\\ud800" none)\n')
    assert result.stdout.splitlines()[-1] == ("999 accepted, 0 rejected, 0 already applied, "
                                              "1 not commands")
    assert len(_rows(db)) == 999
    # in Python, the same command is rejected alone; the others of its batch are written
    with Journal(tmp_path / "book.db") as journal:
        book = CaseBook(executor(), journal)
        applied = book.apply_many([
            Open("c1", "school-admission", "provider_office", received(), IIN, ("application",)),
            Complete("c1", "register", received(), "\ud800"),
            Open("c2", "school-admission", "provider_office", received(), IIN, ("application",))])
        assert [a.error for a in applied] == [
            None, 'act c1: "by": not valid Unicode: a lone surrogate \\ud800 at position 0', None]
        assert journal.cases() == ["c1", "c2"]
    # a line that is not UTF-8 is that line's error too
    raw = tmp_path / "latin1.jsonl"
    raw.write_bytes(json.dumps({**OPEN, "case": "c1"}).encode() + b"\n"
                    + json.dumps(_act("register", None, "17:04")).replace("clerk", "cl\xe9rk")
                    .encode("latin-1") + b"\n")
    result = apply(tmp_path / "other.db", raw)
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(":2: not UTF-8: byte 0xe9 at column 75 (hint: write the file "
                                  "in UTF-8)\n")


def test_an_option_that_is_not_utf8_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    """Defect 2: `--by` with bytes that are not UTF-8 crashed in SQLite's encoder."""
    db = tmp_path / "cases.db"
    open_case(db)
    before = snapshot(db)
    result = _cli("case", "act", "--db", str(db), "--case", "c1", "--step", "register", "--at",
                  "2024-03-20T17:04:00+05:00", "--by", b"cl\xffrk")
    assert result.returncode == 2, result.stderr
    assert result.stderr.decode() == ("reglament case act: --by: not valid UTF-8 (byte 0xff at "
                                      "position 2) (hint: give the value in UTF-8)\n")
    result = _cli("case", "show", "--db", str(db), "--case", b"c\xff")
    assert result.returncode == 2
    assert b"--case: not valid UTF-8 (byte 0xff at position 1)" in result.stderr
    assert snapshot(db) == before


@pytest.mark.parametrize("blank", ["", "  ", "\t"])
def test_a_blank_case_id_is_refused_everywhere_with_the_same_message(tmp_path: Path,
                                                                      blank: str) -> None:
    """Defect 5: `case open --case ""` opened a case that JSON `apply` would refuse."""
    db = tmp_path / "cases.db"
    shown = json.dumps(blank)
    message = f"a case id must be a non-blank string, got {shown}"
    refused(reglament("case", "open", "--db", str(db), "--case", blank, *OPEN_ARGS), 2,
            f"reglament case open: --case: {message}")
    assert not db.exists()
    open_case(db)
    before = snapshot(db)
    for args in (["act", "--step", "register", "--at", "2024-03-20T17:04:00+05:00", "--by", "x"],
                 ["refuse", "--ground", "court_ban", "--at", "2024-03-20T17:04:00+05:00",
                  "--by", "x"], ["show"]):
        refused(reglament("case", args[0], "--db", str(db), "--case", blank, *args[1:]), 2,
                f"reglament case {args[0]}: --case: {message}")
    result = apply(db, _file(tmp_path, [{**OPEN, "case": blank}]))
    assert result.stderr.endswith(f':1: "case": {message}\n')
    with pytest.raises(ExecutionError) as raised:
        CaseBook(executor(), Journal(db)).open(blank, "school-admission", "provider_office",
                                                received(), IIN, ["application"])
    assert str(raised.value) == message
    assert command_problem(Open(blank, "s", "c", received(), IIN, ())) == message
    assert snapshot(db) == before


HOSTILE = "c\x1b[2J\u202ex"  # clears the screen, then shows the rest right to left
BY = "\x1b]0;pwned\x07\r"    # retitles the terminal window, then overwrites the line


def test_terminal_output_shows_control_and_bidi_characters_as_escapes(tmp_path: Path) -> None:
    """Defect 5: ids and names from the journal reached the terminal raw."""
    db = tmp_path / "cases.db"
    commands = [{**OPEN, "case": HOSTILE, "documents": ["application"]},
                _act("register", None, "17:04", case=HOSTILE) | {"by": BY},
                _act("assign", None, "17:30", case=HOSTILE) | {"by": "x", "step": "\x1b[31m"}]
    printed = apply(db, _file(tmp_path, commands)).stdout
    shown = reglament("case", "show", "--db", str(db), "--case", HOSTILE).stdout
    late = reglament("case", "overdue", "--db", str(db), "--at", "2024-03-21T10:00:00+05:00").stdout
    missing = reglament("case", "act", "--db", str(db), "--case", HOSTILE + "\u2066", "--step",
                        "register", "--at", "2024-03-20T17:04:00+05:00", "--by", "x").stderr
    for text in (printed, shown, late, missing):
        assert not any(c in text for c in "\x1b\x07\r\u202e\u2066"), text
    assert "case c\\x1b[2J\\u202ex: school-admission" in shown
    assert "case c\\x1b[2J\\u202ex: school-admission, provider_office" in late
    assert 'rejected act c\\x1b[2J\\u202ex \\x1b[31m: step "\\x1b[31m" is not the active' in printed
    assert "no case 'c\\x1b[2J\\u202ex\\u2066'" in missing
    # JSON keeps the values exact (control characters escaped by JSON itself)
    data = json.loads(reglament("case", "show", "--db", str(db), "--case", HOSTILE,
                                "--json").stdout)
    assert (data["case"], data["steps"][0]["by"]) == (HOSTILE, BY)


@pytest.mark.parametrize(("text", "shown"), [
    ("clerk-12 Әсел «х»", "clerk-12 Әсел «х»"),
    ("\x1b[2J\x07\x00\x7f\x9b", "\\x1b[2J\\x07\\x00\\x7f\\x9b"),
    ("a\u202eb\u2066c\u200bd\ufeff", "a\\u202eb\\u2066c\\u200bd\\ufeff"),
    ("line\nnext\u2028\t", "line\\nnext\\u2028\\t"),
    ("\udcff\U000e0001", "\\udcff\\U000e0001"),
])
def test_for_terminal_escapes_what_a_terminal_would_act_on(text: str, shown: str) -> None:
    assert for_terminal(text) == shown
