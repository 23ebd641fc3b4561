"""Embedding the engine: cases of a provider kept in a durable journal.

Run from anywhere:

    python examples/embed_case_book.py [SPECS_DIR] [JOURNAL]

SPECS_DIR defaults to the project's specs/: the cases are of school admission under the
Aktobe regulation, on days it was in force (2018-07-31 to 2020-02-17), received in the
office's reception hours (09:00-13:00, 14:30-17:30); JOURNAL defaults to a new file in a
temporary directory. docs/library.md explains every step.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from engine.calendar import CalendarError, default_calendar, localize
from engine.cases import (
    CaseBook,
    CaseState,
    ExecutionError,
    Executor,
    Journal,
    JournalError,
    case_margin,
    instant,
)
from engine.corpus import load_corpus
from engine.spec import SpecErrors

ROOT = Path(__file__).resolve().parents[1]
APPLICANT = "860306300458"  # a valid ИИН (check digit 8)


def local(day: int, hour: int, minute: int) -> dt.datetime:
    """A wall-clock time in Almaty in March 2019, as an aware datetime."""
    return localize(dt.datetime(2019, 3, day, hour, minute))


def shown(micros: int | None) -> str:
    moment = instant(micros)
    return "-" if moment is None else moment.format("YYYY-MM-DD HH:mm")


def describe(state: CaseState) -> str:
    if state.active is not None:
        active = state.active
        return (f"{state.case_id}: waiting on {active.step} by {active.actor} until "
                f"{shown(active.due)}; term ends {shown(state.due)}")
    if state.status == "refused_to_accept":
        return f"{state.case_id}: refused to accept ({state.article}), missing {list(state.missing)}"
    return (f"{state.case_id}: {state.status}, finished {shown(state.finished)}, "
            f"met the term: {state.met_term}")


def main(specs: Path, journal_path: Path) -> int:
    # 1. The specs and the calendar, loaded once per process (both raise on errors).
    try:
        corpus = load_corpus([specs])
        calendar = default_calendar()
    except (SpecErrors, CalendarError) as error:
        print(f"cannot load the specs or the calendar: {error}", file=sys.stderr)
        return 1
    executor = Executor(corpus, calendar)

    # 2. A journal (a new file is created) and the case book over it.
    with Journal(journal_path) as journal:
        book = CaseBook(executor, journal)

        # 3. Open a case: the receipt promises the term; the first step has an actor and a due.
        state = book.open("2019-0001", "school-admission", "provider_office", local(20, 17, 0),
                          APPLICANT, ["application"], command_id="desk-1:open")
        print(describe(state))

        # 4. Act. Each command carries an id: a retry after a lost answer applies once.
        book.complete("2019-0001", "register", at=local(20, 17, 4), by="clerk-12",
                      command_id="desk-1:register")
        book.complete("2019-0001", "register", at=local(20, 17, 4), by="clerk-12",
                      command_id="desk-1:register")  # the retry: nothing new is written
        book.complete("2019-0001", "assign", at=local(20, 17, 8), by="head-1")
        state = book.complete("2019-0001", "review", at=local(20, 17, 15), by="clerk-12",
                              outcome="accept")
        print(describe(state))
        print(f"events: {[e.kind for e in journal.events('2019-0001')]}")

        # 5. Actions that do not fit the case are refused with a reason; nothing is written.
        attempts: list[Callable[[], CaseState]] = [
            lambda: book.complete("2019-0001", "register", at=local(20, 17, 16), by="clerk-12"),
            lambda: book.complete("2019-0001", "sign_receipt", at=local(20, 17, 1), by="head-1"),
            lambda: book.open("2019-0002", "school-admission", "provider_office",
                              local(20, 17, 0), "860306300459", ["application"]),
        ]
        for attempt in attempts:
            try:
                attempt()
            except ExecutionError as error:
                print(f"refused: {error}")

        # 6. A package without its required document is refused before any term runs.
        print(describe(book.open("2019-0003", "school-admission", "provider_office",
                                 local(20, 10, 0), APPLICANT, [])))

        # 7. Finish the first case; it records whether it met its term and by how much.
        book.complete("2019-0001", "sign_receipt", at=local(20, 17, 20), by="head-1")
        state = book.complete("2019-0001", "issue_receipt", at=local(20, 17, 24), by="clerk-12")
        print(f"{describe(state)}; {case_margin(executor, state)} "
              f"({executor.margin_minutes(state)} working min)")

        # 8. Overdue steps across all open cases, with the actor responsible.
        book.open("2019-0004", "school-admission", "provider_office", local(20, 17, 25),
                  APPLICANT, ["application"])
        for case_id, late in book.overdue(local(26, 9, 30)):
            what = f"{late.step} ({late.actor})" if late.step else "the term"
            print(f"overdue: {case_id} {what}, {late.late_minutes} working min late")

    # 9. Any process can open the journal again: the state is the replay of the events.
    try:
        with Journal(journal_path) as reopened:
            again = CaseBook(executor, reopened).state("2019-0001")
    except JournalError as error:
        print(f"cannot reopen the journal: {error}", file=sys.stderr)
        return 1
    print(f"replayed the same state: {again == state}")
    return 0


if __name__ == "__main__":
    specs = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "specs"
    if len(sys.argv) > 2:
        sys.exit(main(specs, Path(sys.argv[2])))
    with tempfile.TemporaryDirectory() as folder:
        sys.exit(main(specs, Path(folder) / "cases.db"))
