"""Writers of a journal for the tests of concurrent and killed processes.

Run as a program (`python -m tests.execute.journal_writer DB`) it walks new cases
through the Aktobe school admission for ever, printing the id of each command the
journal acknowledged (flushed at once), until it is killed. With `--batch` it applies
the commands of `BATCH_CASES` cases at a time with `CaseBook.apply_many` (one
transaction each) and prints one line per acknowledged batch: its number, then the
ids of its commands.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from engine.calendar import default_calendar, localize
from engine.cases import CaseBook, Command, Complete, ExecutionError, Executor, Journal, Open
from engine.corpus import load_corpus

DATA = Path(__file__).parent / "data"
IIN = "860306300458"
#: The provider-office walk to a result: (step, outcome, minutes after receipt).
WALK = (("register", None, 1), ("assign", None, 2), ("review", "accept", 3),
        ("sign_receipt", None, 4), ("issue_receipt", None, 5))


@cache
def executor() -> Executor:
    return Executor(load_corpus([DATA]), default_calendar())


def received() -> dt.datetime:
    return localize(dt.datetime(2024, 3, 20, 10, 0))


def actions(case_id: str, prefix: str) -> Iterator[tuple[str, str, str | None, int]]:
    """The commands of one case: (command id, step or "open", outcome, minutes)."""
    yield f"{case_id}:open", "open", None, 0
    for step, outcome, minutes in WALK:
        yield f"{prefix}{case_id}:{step}", step, outcome, minutes


def apply(book: CaseBook, case_id: str, command: str, step: str, outcome: str | None,
          minutes: int) -> None:
    """One command through the case book (raises ExecutionError when refused)."""
    if step == "open":
        book.open(case_id, "school-admission", "provider_office", received(), IIN,
                  ["application"], command_id=command)
    else:
        book.complete(case_id, step, at=received() + dt.timedelta(minutes=minutes),
                      by="tester", outcome=outcome, command_id=command)


def write(db: str, case_ids: list[str], prefix: str, limit: int) -> list[str]:
    """Apply up to `limit` commands to the cases in turn; return the acknowledged ids."""
    acknowledged: list[str] = []
    attempts = 0
    with Journal(db) as journal:
        book = CaseBook(executor(), journal)
        for case_id in case_ids:
            for command, step, outcome, minutes in actions(case_id, prefix):
                if attempts == limit:
                    return acknowledged
                attempts += 1
                try:
                    apply(book, case_id, command, step, outcome, minutes)
                except ExecutionError:
                    continue  # another writer completed the step first
                acknowledged.append(command)
    return acknowledged


def write_batches(db: str, case_ids: list[str], prefix: str, limit: int,
                  size: int = 12) -> list[str]:
    """As `write`, `size` commands at a time through `CaseBook.apply_many`."""
    commands: list[Command] = []
    for case_id in case_ids:
        for command, step, outcome, minutes in actions(case_id, prefix):
            if step == "open":
                commands.append(Open(case_id, "school-admission", "provider_office", received(),
                                     IIN, ("application",), None, command))
            else:
                commands.append(Complete(case_id, step, received() + dt.timedelta(minutes=minutes),
                                         "tester", outcome, None, command))
    acknowledged: list[str] = []
    with Journal(db) as journal:
        book = CaseBook(executor(), journal)
        for start in range(0, min(limit, len(commands)), size):
            batch = commands[start:min(start + size, limit)]
            # a rejected one: another writer completed the step first
            acknowledged.extend(str(a.command.command_id) for a in book.apply_many(batch)
                                if a.accepted)
    return acknowledged


#: Cases per batch of the `--batch` writer.
BATCH_CASES = 3


def batch_commands(number: int) -> list[Command]:
    """The commands of batch `number`: its cases opened and walked to their result."""
    commands: list[Command] = []
    for k in range(BATCH_CASES):
        case_id = f"b{number}-{k}"
        commands.append(Open(case_id, "school-admission", "provider_office", received(), IIN,
                             ("application",), None, f"{case_id}:open"))
        commands.extend(Complete(case_id, step, received() + dt.timedelta(minutes=minutes),
                                 "tester", outcome, None, f"{case_id}:{step}")
                        for step, outcome, minutes in WALK)
    return commands


def main_batches(db: str) -> None:
    with Journal(db) as journal:
        book = CaseBook(executor(), journal)
        number = 0
        while True:
            applied = book.apply_many(batch_commands(number))
            if any(not a.accepted for a in applied):
                raise SystemExit(f"batch {number} was not applied whole: {applied}")
            ids = " ".join(str(a.command.command_id) for a in applied)
            sys.stdout.write(f"{number} {ids}\n")
            sys.stdout.flush()
            number += 1


def main(db: str) -> None:
    with Journal(db) as journal:
        book = CaseBook(executor(), journal)
        number = 0
        while True:
            case_id = f"k{number}"
            for command, step, outcome, minutes in actions(case_id, ""):
                apply(book, case_id, command, step, outcome, minutes)
                sys.stdout.write(f"{command}\n")
                sys.stdout.flush()
            number += 1


if __name__ == "__main__":
    if sys.argv[2:] == ["--batch"]:
        main_batches(sys.argv[1])
    else:
        main(sys.argv[1])
