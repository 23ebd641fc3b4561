"""`CaseBook.apply_many`: a batch in one transaction, decided as one by one, retried once.

Each test runs on a real SQLite journal; "another writer" is a second connection to the
same file acting between the batch's read and its write.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from engine.cases import Applied, CaseBook, Command, Complete, Event, Journal, Open, run_one_by_one
from tests.execute.journal_writer import IIN, WALK, executor, received


def _walk(case_id: str, prefix: str = "") -> list[Command]:
    """Opening and walking a school admission to its result (command ids `prefix` + step)."""
    start = received()
    return [Open(case_id, "school-admission", "provider_office", start, IIN, ("application",),
                 None, f"{prefix}{case_id}:open" if prefix else None),
            *(Complete(case_id, step, start + dt.timedelta(minutes=minutes), "tester", outcome,
                       None, f"{prefix}{case_id}:{step}" if prefix else None)
              for step, outcome, minutes in WALK)]


def _rows(db: Path) -> list[tuple[str, int, str, str, int, str]]:
    with sqlite3.connect(db) as raw:
        rows = raw.execute("SELECT * FROM events ORDER BY case_id, seq").fetchall()
    raw.close()
    return rows


def test_a_batch_writes_what_the_commands_one_at_a_time_write(tmp_path: Path) -> None:
    commands = [c for n in range(6) for c in _walk(f"c{n}")]
    commands.insert(3, Complete("c0", "register", received(), "tester"))  # not the active step
    with Journal(tmp_path / "batch.db") as journal:
        applied = CaseBook(executor(), journal).apply_many(commands)
    with Journal(tmp_path / "single.db") as journal:
        book = CaseBook(executor(), journal)
        for command in commands:
            single = book.apply_many([command])
            assert len(single) == 1
    assert _rows(tmp_path / "batch.db") == _rows(tmp_path / "single.db")
    assert applied == run_one_by_one(executor(), commands, where=f" in {tmp_path / 'batch.db'}"
                                     ).applied
    assert [a.error is None for a in applied].count(False) == 1


def test_a_batch_is_one_transaction(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    commands = [c for n in range(20) for c in _walk(f"c{n}")]
    with Journal(db) as journal:
        statements: list[str] = []
        journal._db.set_trace_callback(statements.append)
        CaseBook(executor(), journal).apply_many(commands)
        journal._db.set_trace_callback(None)
    # one snapshot to read the cases, one write transaction with every row
    assert [s for s in statements if s.startswith(("BEGIN", "COMMIT"))] == [
        "BEGIN", "COMMIT", "BEGIN IMMEDIATE", "COMMIT"]
    begin = statements.index("BEGIN IMMEDIATE")
    inserts = [n for n, s in enumerate(statements) if s.startswith("INSERT")]
    assert len(inserts) == len(commands)
    assert begin < min(inserts)
    assert max(inserts) < len(statements) - 1
    assert len(_rows(db)) == len(commands)


def test_retried_commands_apply_once_inside_a_batch_and_across_batches(tmp_path: Path) -> None:
    first = _walk("c1", "desk-")
    with Journal(tmp_path / "cases.db") as journal:
        book = CaseBook(executor(), journal)
        once = book.apply_many([*first[:3], first[1], first[0], *first[3:]])
        assert [a.repeated for a in once] == [False, False, False, True, True, False, False, False]
        again = book.apply_many([*first, *_walk("c2", "desk-")] * 3)
        assert all(a.repeated for a in again[:len(first)])
        assert [a.repeated for a in again[len(first):2 * len(first)]] == [False] * len(first)
        assert all(a.repeated and a.error is None for a in again[2 * len(first):])
        assert book.state("c1").status == book.state("c2").status == "result"
        assert len(journal.events("c1")) == len(first)


class _Racing(Journal):
    """A journal whose batch meets another writer: `other` commands are applied through a
    second connection just before each group commit, after the batch has read its cases."""

    def __init__(self, path: Path, other: Sequence[Command]) -> None:
        super().__init__(path)
        self.other, self.rounds = list(other), 0

    def append_many(self, events: Sequence[Event], expected: dict[str, int]) -> set[str]:
        self.rounds += 1
        if self.other:
            with Journal(self.path) as second:
                CaseBook(executor(), second).apply_many(self.other)
            self.other = []
        return super().append_many(events, expected)


def test_a_case_another_writer_moved_is_decided_again_and_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    with Journal(db) as journal:
        CaseBook(executor(), journal).apply_many(_walk("c1")[:2] + _walk("c2")[:2])
    ours = _walk("c1", "ours-")[2:] + _walk("c2", "ours-")[2:] + _walk("c3", "ours-")
    theirs = _walk("c1", "theirs-")[2:3]  # completes "assign" of c1 first
    with _Racing(db, theirs) as journal:
        applied = CaseBook(executor(), journal).apply_many(ours)
        assert journal.rounds == 2  # c1 was decided again; c2 and c3 were written at once
    errors = {a.command.command_id: a.error for a in applied if a.error}
    assert list(errors) == ["ours-c1:assign"]
    assert str(errors["ours-c1:assign"]).startswith('step "assign" is not the active step')
    with Journal(db) as journal:
        ids = [e.command_id for e in journal.events("c1")]
        assert ids == ["c1:open", "c1:2", "theirs-c1:assign", "ours-c1:review",
                       "ours-c1:sign_receipt", "ours-c1:issue_receipt"]
        book = CaseBook(executor(), journal)
        assert [book.state(c).status for c in ("c1", "c2", "c3")] == ["result"] * 3


def test_the_same_command_from_two_writers_applies_once(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    walk = _walk("c1", "shared-")
    with _Racing(db, walk[:3]) as journal:
        applied = CaseBook(executor(), journal).apply_many(walk)
    assert [a.repeated for a in applied] == [True, True, True] + [False] * (len(walk) - 3)
    assert all(a.error is None for a in applied)
    assert [row[3] for row in _rows(db)] == [c.command_id for c in walk]


def test_a_failed_write_acknowledges_nothing(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    with Journal(db) as journal:
        book = CaseBook(executor(), journal)
        book.apply_many(_walk("c1")[:1])
        blocker = sqlite3.connect(db, timeout=0)
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the timeout
        journal._db.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            book.apply_many(_walk("c2") + _walk("c1")[1:])
        blocker.rollback()
        blocker.close()
    assert [row[0] for row in _rows(db)] == ["c1"]


def test_one_command_methods_are_batches_of_one(tmp_path: Path) -> None:
    with Journal(tmp_path / "cases.db") as journal:
        book = CaseBook(executor(), journal)
        walk = _walk("c1")
        assert book.apply_many([walk[0]]) == [Applied(walk[0], tuple(journal.events("c1")))]
        state = book.complete("c1", "register", at=walk[1].at, by="tester")
        assert state.active is not None
        assert state.active.step == "assign"
