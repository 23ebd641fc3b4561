"""A CaseBook keeps recent states and folds in only new events: always the replay of the journal."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.calendar import default_calendar
from engine.cases import CaseBook, ExecutionError, Executor, Journal
from engine.corpus import load_corpus
from tests.execute.test_executor import DATA, IIN, at


@pytest.fixture(scope="module")
def executor() -> Executor:
    return Executor(load_corpus([DATA]), default_calendar())


def test_a_state_sees_what_another_writer_appended(executor: Executor, tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    with Journal(path) as first, Journal(path) as second:
        mine, theirs = CaseBook(executor, first), CaseBook(executor, second)
        mine.open("c1", "school-admission", "provider_office", at(17, 0), IIN, ["application"])
        mine.complete("c1", "register", at=at(17, 2), by="clerk")
        theirs.complete("c1", "assign", at=at(17, 4), by="head")
        state = mine.complete("c1", "review", at=at(17, 6), by="clerk", outcome="accept")
        assert [r.step for r in state.history] == ["register", "assign", "review"]
        assert state == executor.replay(first.events("c1")) == theirs.state("c1")


def test_a_returned_state_is_the_callers_own(executor: Executor, tmp_path: Path) -> None:
    with Journal(tmp_path / "journal.db") as journal:
        book = CaseBook(executor, journal)
        book.open("c1", "school-admission", "provider_office", at(17, 0), IIN, ["application"])
        state = book.complete("c1", "register", at=at(17, 2), by="clerk")
        assert state.history
        state.history.clear()
        state.status = "result"
        assert book.state("c1") == executor.replay(journal.events("c1"))
        assert book.state("c1").status == "open"


def test_another_journal_gives_its_own_cases(executor: Executor, tmp_path: Path) -> None:
    with Journal(tmp_path / "a.db") as one, Journal(tmp_path / "b.db") as other:
        book = CaseBook(executor, one)
        book.open("c1", "school-admission", "provider_office", at(17, 0), IIN, ["application"])
        book.complete("c1", "register", at=at(17, 2), by="clerk")
        book.journal = other
        with pytest.raises(ExecutionError, match="no case 'c1'"):
            book.state("c1")
        book.open("c1", "school-admission", "provider_office", at(10, 0), IIN, [])
        assert book.state("c1").status == "refused_to_accept"
