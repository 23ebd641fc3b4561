"""The journal and the case book: retries apply once, a state is the replay of its events.

A case walked by the executor in memory and the same case walked through a `CaseBook`
on a journal (and read back by another connection) are the same state.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest

from engine.calendar import localize
from engine.cases import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    CaseBook,
    CaseState,
    ConflictError,
    ExecutionError,
    Executor,
    Journal,
    JournalError,
    instant,
)
from tests.execute.journal_writer import IIN
from tests.execute.journal_writer import executor as shared_executor


@pytest.fixture(scope="module")
def executor() -> Executor:
    return shared_executor()


@pytest.fixture
def book(tmp_path: Path, executor: Executor) -> CaseBook:
    return CaseBook(executor, Journal(tmp_path / "cases.db"))


def at(hour: int, minute: int, day: int = 20) -> pendulum.DateTime:
    return localize(dt.datetime(2024, 3, day, hour, minute))


WALK = [("register", None, at(17, 4)), ("assign", None, at(17, 12)),
        ("review", "refuse", at(17, 15)), ("sign_refusal", None, at(17, 20))]


def test_a_new_journal_is_marked_and_in_wal_mode(tmp_path: Path) -> None:
    Journal(tmp_path / "new.db").close()
    with sqlite3.connect(tmp_path / "new.db") as raw:
        assert raw.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    raw.close()


def test_the_journal_replays_to_the_state_the_executor_keeps_in_memory(
        book: CaseBook, executor: Executor, tmp_path: Path) -> None:
    events = executor.open("c1", "school-admission", "provider_office", at(17, 0), IIN,
                           ["application"])
    memory = executor.replay(events)
    book.open("c1", "school-admission", "provider_office", at(17, 0), IIN, ["application"])
    assert book.state("c1") == memory
    for step, outcome, when in WALK:
        new = executor.complete(memory, step, at=when, by="clerk", outcome=outcome)
        memory = executor.apply(memory, new[0])
        events += new
        stored = book.complete("c1", step, at=when, by="clerk", outcome=outcome)
        assert stored == memory
    final = executor.complete(memory, "issue_refusal", at=at(17, 25), by="clerk",
                              ground="requirements_not_met")
    memory = executor.apply(memory, final[0])
    book.complete("c1", "issue_refusal", at=at(17, 25), by="clerk", ground="requirements_not_met")
    assert (memory.status, memory.met_term) == ("refusal", True)
    with Journal(tmp_path / "cases.db") as reopened:
        assert reopened.events("c1") == [*events, *final]
        assert CaseBook(executor, reopened).state("c1") == memory == executor.replay(events + final)


def test_a_retried_command_applies_once(book: CaseBook) -> None:
    opened = book.open("c1", "school-admission", "provider_office", at(17, 0), IIN,
                       ["application"], command_id="open-1")
    assert book.open("c1", "school-admission", "provider_office", at(17, 0), IIN,
                     ["application"], command_id="open-1") == opened
    first = book.complete("c1", "register", at=at(17, 4), by="clerk", command_id="k1")
    again = book.complete("c1", "register", at=at(17, 4), by="clerk", command_id="k1")
    assert again == first
    assert [e.command_id for e in book.journal.events("c1")] == ["open-1", "k1"]
    # the same events appended twice (a retry after a lost acknowledgement) are kept once
    events = book.journal.events("c1")[1:]
    assert book.journal.append(events) is False
    assert len(book.journal.events("c1")) == 2


def test_events_decided_on_a_stale_state_are_a_conflict(book: CaseBook,
                                                        executor: Executor) -> None:
    state = book.open("c1", "school-admission", "provider_office", at(17, 0), IIN,
                      ["application"])
    stale = executor.complete(state, "register", at=at(17, 4), by="clerk", command_id="mine")
    book.complete("c1", "register", at=at(17, 3), by="other")
    with pytest.raises(ConflictError, match="case c1 is at event 2, the command expected 1"):
        book.journal.append(stale)
    assert [r.by for r in book.state("c1").history] == ["other"]


def test_a_refused_action_writes_nothing(book: CaseBook) -> None:
    book.open("c1", "school-admission", "provider_office", at(17, 0), IIN, ["application"])
    with pytest.raises(ExecutionError, match='"assign" is not the active step'):
        book.complete("c1", "assign", at=at(17, 4), by="clerk")
    with pytest.raises(ExecutionError, match="already exists"):
        book.open("c1", "school-admission", "provider_office", at(17, 0), IIN, ["application"],
                  command_id="other")
    with pytest.raises(ExecutionError, match="no case 'c2'"):
        book.complete("c2", "register", at=at(17, 4), by="clerk")
    assert len(book.journal.events("c1")) == 1
    assert book.journal.cases() == ["c1"]


def open_cases(book: CaseBook) -> dict[str, CaseState]:
    book.open("late", "school-admission", "provider_office", at(17, 0), IIN, ["application"])
    book.open("on-time", "school-admission", "provider_office", at(17, 20), IIN, ["application"])
    book.open("done", "school-admission", "provider_office", at(16, 0), IIN, ["application"])
    book.refuse("done", "unreliable_documents", at=at(16, 50), by="head")
    book.open("unaccepted", "school-admission", "provider_office", at(16, 0), IIN, [])
    book.open("term", "school-admission", "provider_office", at(16, 50), IIN, ["application"])
    book.complete("term", "register", at=at(16, 55), by="clerk")
    book.complete("term", "assign", at=at(17, 0), by="clerk")
    book.complete("term", "review", at=at(17, 10), by="clerk", outcome="accept")
    book.complete("term", "sign_receipt", at=at(17, 15), by="clerk")
    return {c: book.state(c) for c in book.journal.cases()}


def test_overdue_across_cases_names_each_late_step_and_term(book: CaseBook) -> None:
    open_cases(book)
    late = [(case, o.step, o.actor, instant(o.due), o.late_minutes)
            for case, o in book.overdue(at(17, 24))]
    assert late == [
        ("late", "register", "executor", at(17, 5), 19),
        ("term", "issue_receipt", "executor", at(17, 20), 4),
        ("term", None, None, at(17, 20), 4),
    ]
    assert book.overdue(at(17, 4)) == []
    next_morning = {(case, o.step) for case, o in book.overdue(at(9, 0, day=26))}
    assert ("on-time", "register") in next_morning
    assert not any(case in ("done", "unaccepted") for case, _ in next_morning)


def _text_file(path: Path) -> None:
    path.write_text("not a database\n", encoding="utf-8")


def _other_database(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE t (x)")
    raw.close()


def _newer(path: Path) -> None:
    Journal(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()


@pytest.mark.parametrize(("make", "message"), [
    (_text_file, "not a Reglament journal (file is not a database)"),
    (_other_database, "an SQLite database, but not a Reglament journal"),
    (_newer, f"journal format {SCHEMA_VERSION + 1} is newer than this version"),
])
def test_files_that_are_not_journals_are_refused_untouched(tmp_path: Path, make: Callable[[Path], None],
                                                          message: str) -> None:
    path = tmp_path / "file.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(JournalError, match=re.escape(message)):
        Journal(path)
    assert path.read_bytes() == before


def test_a_journal_in_a_missing_directory_is_a_journal_error(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="cannot open"):
        Journal(tmp_path / "nowhere" / "cases.db")
