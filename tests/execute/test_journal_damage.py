"""Damaged and read-only journals (issue 15): a located refusal, never a traceback or a wrong timeline.

A row edited by hand is a one-line error naming its case and sequence number, for `case
show` and `case overdue` alike; a file whose integrity check fails is not written; a
journal this user cannot write is still read, and a write says why it cannot be made.
The killed-and-tampered journal of a real writer process is `test_journal_tamper.py`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.cases import CaseBook, Journal, JournalError, ReplayError
from engine.cases.journal_files import failure, write_problem
from tests.execute.journal_writer import executor, received
from tests.execute.test_case_apply_cli import OPEN, _file, _walk, apply
from tests.execute.test_case_cli import act, open_case, refused, reglament

AT = "2024-03-21T10:00:00+05:00"
STEP = '{"by": "clerk", "ground": null, "outcome": null, "step": "register"}'
TELEPORT = STEP.replace("register", "teleport")
BY_NUMBER = STEP.replace('"clerk"', "42")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cases.db"


def edit(db: Path, *statements: str) -> None:
    """Change the journal's rows behind reglament's back (another program, a person)."""
    with sqlite3.connect(db) as raw:
        for statement in statements:
            raw.execute(statement)
    raw.close()


def zero_pages(db: Path, pages: list[int]) -> None:
    """Checkpoint the journal into its file, then overwrite `pages` (1-based) with zeros."""
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = raw.execute("PRAGMA page_size").fetchone()[0]
    raw.close()
    with open(db, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            handle.write(bytes(size))


def leaf_pages(db: Path, table: str = "events") -> list[int]:
    """The leaf pages of a table, in key order (SQLite's dbstat)."""
    with sqlite3.connect(db) as raw:
        try:
            rows = raw.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                               "ORDER BY path", (table,)).fetchall()
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table")
    raw.close()
    return [row[0] for row in rows]


EDITS = {  # how a row was damaged: (the edit, the event it names, what the message says)
    "unknown kind": ("UPDATE events SET kind = 'teleported' WHERE seq = 3", 3,
                     "unknown event kind 'teleported'"),
    "payload missing a field": ("UPDATE events SET payload = '{\"by\": \"clerk\"}' WHERE seq = 2",
                                2, 'its "step_completed" payload lacks step, outcome, ground'),
    "a step the graph lacks": (f"UPDATE events SET payload = '{TELEPORT}' WHERE seq = 2", 2,
                               'cannot be replayed: the event completes step "teleport", but '
                               '"register" is active in case c1'),
    "wrong type": (f"UPDATE events SET payload = '{BY_NUMBER}' WHERE seq = 2", 2,
                   "its payload's \"by\" is 42, not text"),
    "payload not JSON": ("UPDATE events SET payload = '{\"step\": ' WHERE seq = 2", 2,
                         "its payload is not JSON"),
    "instant not a number": ("UPDATE events SET at = 'soon' WHERE seq = 3", 3,
                             "its instant 'soon' is not microseconds since the epoch"),
    "an event deleted": ("DELETE FROM events WHERE seq = 2", 2,
                         "this event is missing (the next one is event 3)"),
    "opened twice": ("UPDATE events SET kind = 'opened', payload = (SELECT payload FROM events "
                     "WHERE seq = 1) WHERE seq = 3", 3, "cannot be replayed: case c1 is opened a "
                     "second time"),
}


@pytest.mark.parametrize("damage", list(EDITS))
def test_replay_is_strict_a_damaged_row_is_a_located_one_line_error(db: Path, damage: str) -> None:
    """Defect 3: edited rows crashed `show` and `overdue`, or (an unknown kind) were skipped."""
    open_case(db)
    assert act(db, "register", "17:04").exit_code == 0
    assert act(db, "assign", "17:12").exit_code == 0
    statement, seq, problem = EDITS[damage]
    edit(db, statement)
    where = f"{db}: case 'c1', event {seq}: {problem}"
    refused(reglament("case", "show", "--db", str(db), "--case", "c1"), 1, where)
    refused(reglament("case", "show", "--db", str(db), "--case", "c1", "--json"), 1, where)
    refused(reglament("case", "overdue", "--db", str(db), "--at", AT), 1, where)
    # a command on the damaged case is refused with the same message; others are applied
    result = apply(db, _file(db.parent, [{**OPEN, "case": "c2"},
                                         {"op": "refuse", "case": "c1", "ground": "court_ban",
                                          "at": AT, "by": "head"}]))
    assert result.exit_code == 1
    name = db.parent / "commands.jsonl"
    accepted, rejected = result.stdout.splitlines()[:2]
    assert accepted == f"{name}:1: accepted open c2: 1 opened"
    assert rejected.startswith(f"{name}:2: rejected refuse c1: {where}")
    with pytest.raises(ReplayError, match="event"):
        CaseBook(executor(), Journal(db, readonly=True)).state("c1")


def test_a_journal_that_fails_its_integrity_check_is_refused_for_writing(db: Path) -> None:
    """Defect 3: a journal with zeroed pages still accepted writes."""
    assert apply(db, _file(db.parent, [c for n in range(30) for c in _walk(f"c{n:02}")])
                 ).exit_code == 0
    pages = leaf_pages(db)
    assert len(pages) > 3
    zero_pages(db, [pages[0]])  # the first cases' rows; the last page, where c99 would go, intact
    before = db.read_bytes()
    message = f"{db}: the journal failed its integrity check (PRAGMA quick_check: "
    refused(reglament("case", "open", "--db", str(db), "--case", "c99", "--service",
                      "school-admission", "--channel", "provider_office", "--received",
                      "2024-03-20T17:00:00+05:00", "--applicant", "860306300458"), 1, message)
    result = apply(db, _file(db.parent, [{**OPEN, "case": "c99"}]))
    refused(result, 1, message)
    refused(reglament("case", "act", "--db", str(db), "--case", "c29", "--step", "register",
                      "--at", AT, "--by", "x"), 1, message)
    with Journal(db) as journal, pytest.raises(JournalError, match="failed its integrity check"):
        journal.append_many(executor().open("c99", "school-admission", "provider_office",
                                            received(), "860306300458", ["application"]),
                            {"c99": 0})
    assert db.read_bytes() == before
    # reading goes on where it can: an intact case is shown, a damaged one is a located error
    assert reglament("case", "show", "--db", str(db), "--case", "c29").exit_code == 0
    refused(reglament("case", "show", "--db", str(db), "--case", "c00"), 1,
            f"{db}: case 'c00': its events cannot be read: the journal is damaged")


def _deny_writing(path: Path) -> Callable[[Path, int], bool]:
    """`os.access` for a user who may read `path` but not write it (root may write anything)."""
    real = os.access

    def access(target: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if Path(target) == path and mode & os.W_OK:
            return False
        return real(target, mode, *args, **kwargs)
    return access


def test_a_read_only_journal_is_read_and_a_write_says_why(db: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Defect 4: a journal this user cannot write could not even be shown ("not a journal")."""
    open_case(db)
    # the messages, from the permissions alone
    assert write_problem(str(db), _deny_writing(db)) == (
        f"{db}: the journal is read-only for this user: no permission to write the file (hint: "
        "reglament case show and case overdue only read it; writing needs write permission on "
        "the file and on its directory)")
    assert "no permission to write its directory" in str(write_problem(str(db), _deny_writing(
        tmp_path)))
    assert "cannot create a journal: no permission to write the directory" in str(
        write_problem(str(tmp_path / "new.db"), _deny_writing(tmp_path)))
    assert write_problem(str(db)) is None
    readonly = sqlite3.OperationalError("attempt to write a readonly database")
    readonly.sqlite_errorname = "SQLITE_READONLY_DIRECTORY"
    assert "cannot be written (attempt to write a readonly database): the file, its " \
           "directory or the file system is read-only" in failure(readonly, str(db))
    assert "not a Reglament journal" not in failure(readonly, str(db))
    # read-only on request (`show`, `overdue`): SQLite's mode=ro, nothing can be written
    before = db.read_bytes()
    with Journal(db, readonly=True) as journal:
        assert journal.readonly
        assert [e.kind for e in journal.events("c1")] == ["opened"]
        with pytest.raises(JournalError, match="opened read-only; nothing was written"):
            journal.append_many(journal.events("c1"), {"c1": 0})
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            journal._db.execute("DELETE FROM events")
    assert db.read_bytes() == before
    # a journal this user cannot write: read as usual, every write refused with the reason
    monkeypatch.setattr(os, "access", _deny_writing(db))
    with Journal(db) as journal:
        assert journal.readonly
        assert CaseBook(executor(), journal).state("c1").status == "open"
    assert reglament("case", "show", "--db", str(db), "--case", "c1").exit_code == 0
    assert reglament("case", "overdue", "--db", str(db), "--at", AT).exit_code == 0
    refused(act(db, "register", "17:04"), 1,
            f"{db}: the journal is read-only for this user: no permission to write the file")
    assert db.read_bytes() == before
