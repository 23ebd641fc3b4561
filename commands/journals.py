"""Journals for the `case` and `render` commands: opened for reading or writing with a clear
error, a case book's calls turned into command errors, a whole result printed at once."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from commands.workspace import EXIT_FAILED, EXIT_USAGE, CommandError
from engine.calendar import CalendarError
from engine.cases import CaseBook, ExecutionError, Journal, JournalError
from engine.cases.journal_files import failure, path_problem

__all__ = ["book_call", "journal_failure", "open_journal", "print_whole"]

def open_journal(db: str, *, create: bool, writing: bool | None = None) -> Journal:
    """The journal at `db`; a new one only when `create` (so a typo reads nothing in).

    `writing` False (a command that only reads) opens it read-only; True (one that
    writes) checks first that it may be written (`Journal.check_writable`: not
    read-only, its integrity intact), before anything is read; None leaves both to
    the journal (read-only when this user cannot write it, checked at the first write).

    Raises:
        CommandError: 2 when `db` names no file (empty, `:memory:`, an SQLite URI),
            there is no such file (and `create` is false) or no such directory; 1 when
            the file is not a journal, of a newer format, cannot be opened, or (`writing`)
            cannot be written.
    """
    problem = path_problem(db)
    if problem is not None:
        raise CommandError(f"--db: {problem}", EXIT_USAGE)
    path = Path(db)
    if not path.parent.is_dir():
        raise CommandError(f"--db: no directory {path.parent}", EXIT_USAGE)
    if not create and not path.exists():
        raise CommandError(f"--db: no journal at {path} "
                           "(hint: reglament case open --db PATH ... creates it)", EXIT_USAGE)
    try:
        journal = Journal(path, readonly=writing is False)
    except JournalError as error:
        raise CommandError(str(error), EXIT_FAILED) from None
    if writing:
        try:
            journal.check_writable()
        except (JournalError, sqlite3.Error) as error:
            journal.close()
            raise journal_failure(error, journal) from None
    return journal


def journal_failure(error: JournalError | sqlite3.Error, journal: Journal) -> CommandError:
    """A failure of the journal while reading or appending, as a command error."""
    if isinstance(error, JournalError):
        return CommandError(str(error), EXIT_FAILED)
    return CommandError(f"{failure(error, journal.path)} (nothing was written)", EXIT_FAILED)


T = TypeVar("T")


def book_call(book: CaseBook, call: Callable[[], T]) -> T:
    """Run a CaseBook call; what it refuses becomes a command error (exit 1)."""
    try:
        return call()
    except (ExecutionError, CalendarError) as error:
        raise CommandError(str(error), EXIT_FAILED) from None
    except (JournalError, sqlite3.Error) as error:
        raise journal_failure(error, book.journal) from None


def print_whole(book: CaseBook, out: TextIO, write: Callable[[TextIO], None]) -> None:
    """Print what `write` writes whole, or (an error while it is worded) nothing of it."""
    text = io.StringIO()
    book_call(book, lambda: write(text))
    out.write(text.getvalue())
