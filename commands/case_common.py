"""What the `reglament case` verbs that act on one case share: the journal opened for
writing, the specs of the case's service loaded, the action run through the `CaseBook`, and the
case printed (commands/case.py, commands/case_appeals.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TextIO

import pendulum

from commands.journals import book_call, open_journal, print_whole
from commands.workspace import (
    EXIT_OK,
    CommandError,
    check_texts,
    load_executor,
    parse_case_id,
    parse_moment,
    require_specs_dir,
)
from engine.cases import CaseBook, CaseState, Journal, JournalError, case_data, dump_json, for_terminal, render_case

__all__ = ["act_on_case", "retry_note", "service_of", "write_case"]


def retry_note(book: CaseBook, case_id: str, command_id: str | None) -> str | None:
    """The note that a retried command changed nothing, when its id is in the journal."""
    if command_id is None or not book_call(book, lambda: book.journal.has_command(case_id,
                                                                                   command_id)):
        return None
    return f"command {command_id} was already applied; the case is unchanged"


def write_case(book: CaseBook, state: CaseState, out: TextIO, *, as_json: bool,
           note: str | None = None) -> None:
    if note and not as_json:
        out.write(f"{for_terminal(note)}\n")
    print_whole(book, out, lambda text: dump_json(case_data(book.executor, state), text) if as_json
           else render_case(book.executor, state, text))


def act_on_case(command: str, db: str, case_id: str, at: str, specs: str | None, as_json: bool,
         command_id: str | None, out: TextIO, err: TextIO,
         action: Callable[[CaseBook, pendulum.DateTime], CaseState],
         texts: dict[str, str | None]) -> int:
    try:
        parse_case_id(case_id)
        check_texts({**texts, "--command-id": command_id})
        moment = parse_moment(at, "--at")
        require_specs_dir(specs)
        with open_journal(db, create=False, writing=True) as journal:
            executor = load_executor(specs, only=service_of(journal, case_id))
            book = CaseBook(executor, journal)
            note = retry_note(book, case_id, command_id)
            state = book_call(book, lambda: action(book, moment))
            write_case(book, state, out, as_json=as_json, note=note)
    except CommandError as error:
        return error.report(command, err)
    return EXIT_OK


def service_of(journal: Journal, case_id: str) -> set[str]:
    """The service of a case of the journal, so that only the specs it needs are required
    (an unrelated broken file below --specs is a warning); every spec when the case is not
    there or cannot be read (the case book then says why)."""
    try:
        events = journal.events(case_id)
    except (JournalError, sqlite3.Error):
        return set()
    service = events[0].payload.get("service") if events else None
    return {service} if isinstance(service, str) else set()
