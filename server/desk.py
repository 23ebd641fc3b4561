"""The journal of `--db`, worked on one thread of its own: the case endpoints' only door to it.

A `Journal` belongs to the thread that opened it (sqlite3), and an endpoint runs on any
thread of the server's pool: so every read and write of cases is handed to one thread,
which opened the journal and keeps a `CaseBook` on it, and is done there one at a time.
A write answered 2xx has returned from `CaseBook`, which returns once the events are
committed (`synchronous=FULL`): acknowledged means on disk.

Idempotency keys: a command is written with the id `<key>#<digest>`, the digest being the
SHA-256 of the request (its route, case and body). Before a write, the journal is asked for
commands whose id starts with `<key>#`: the same key and digest is a retry, answered with
the case as that command left it (its events replayed) and nothing written; the same key
with another digest is a 422 problem. Within one server this check and the write are done
on the one thread, so two requests with one key cannot both write.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from engine.cases import (
    CaseBook,
    CaseState,
    Command,
    Executor,
    Journal,
    JournalError,
    ReplayError,
)
from server.problems import Problem

__all__ = ["CaseDesk", "Written", "request_digest"]

T = TypeVar("T")


def request_digest(route: str, case_id: str, body: Any) -> str:
    """The first 32 hex digits of the SHA-256 of a request, its keys sorted.

    Examples:
        >>> request_digest("open", "c-1", {"b": 1, "a": 2}) == request_digest("open", "c-1", {"a": 2, "b": 1})
        True
    """
    text = json.dumps([route, case_id, body], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class Written:
    """What a write gave: the case's state after the command, and whether it was a retry."""

    def __init__(self, state: CaseState, repeated: bool) -> None:
        self.state, self.repeated = state, repeated


class CaseDesk:
    """One journal, one thread, one `CaseBook`."""

    def __init__(self, executor: Executor, path: Path) -> None:
        self.executor, self.path = executor, path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reglament-journal")
        self._book: CaseBook | None = None

    def call(self, work: Callable[[CaseBook], T]) -> T:
        """`work(book)` done on the journal's thread; its result or its exception."""
        return self._pool.submit(self._run, work).result()

    def _run(self, work: Callable[[CaseBook], T]) -> T:
        try:
            if self._book is None:
                self._book = CaseBook(self.executor, Journal(self.path))
            return work(self._book)
        except ReplayError as error:  # a row the specs cannot replay: that case conflicts
            raise Problem(409, str(error), kind="journal-replay") from None
        except (JournalError, sqlite3.Error) as error:
            raise Problem(503, f"the journal cannot be used: {error} (hint: the server's log "
                          "and reglament case show say more)", kind="journal") from None

    def close(self) -> None:
        """Close the journal (on its thread) and stop the thread."""
        def closing(book: CaseBook) -> None:
            book.journal.close()
        if self._book is not None:
            self._pool.submit(closing, self._book).result()
            self._book = None
        self._pool.shutdown()

    def write(self, case_id: str, key: str | None, digest: str, opening: bool,
              command: Command) -> Written:
        """Apply `command` (its id made of `key`) to a case once, on the journal's thread.

        Raises:
            Problem: 422 for a key used with another request and for a command the executor
                refuses (its message); 409 for opening a case that exists; 404 for acting
                on one that does not.
        """
        return self.call(lambda book: _write(book, case_id, key, digest, opening, command))


def _retry(book: CaseBook, case_id: str, key: str, command_id: str) -> Written | None:
    """The case as the command `command_id` left it, if `key` was used for it."""
    used = [(case, cid) for case, cid in book.journal.commands_starting(key + "#")
            if cid.rpartition("#")[0] == key]
    if not used:
        return None
    if (case_id, command_id) not in used:
        elsewhere = sorted({case for case, _ in used})
        raise Problem(422, f"Idempotency-Key {key!r} was used for another request (on case "
                      f"{', '.join(map(repr, elsewhere))}) (hint: give each new request a new "
                      "key; a retry sends the same body again)", kind="idempotency-key-reused")
    events = book.journal.events(case_id)
    last = max(n for n, event in enumerate(events) if event.command_id == command_id)
    return Written(book.executor.replay(events[:last + 1]), repeated=True)


def _write(book: CaseBook, case_id: str, key: str | None, digest: str, opening: bool,
           command: Command) -> Written:
    command_id = None if key is None else f"{key}#{digest}"
    if key is not None and command_id is not None:
        retried = _retry(book, case_id, key, command_id)
        if retried is not None:
            return retried
    exists = case_id in book.journal.commands_of([case_id])
    if opening and exists:
        raise Problem(409, f"case {case_id!r} exists already in the journal (hint: GET "
                      f"/cases/{case_id} shows it; a retry of its opening sends the same "
                      "Idempotency-Key and body)", kind="case-exists")
    if not opening and not exists:
        raise Problem(404, f"no case {case_id!r} in the journal (hint: POST /cases opens one)",
                      kind="unknown-case")
    (applied,) = book.apply_many([command._replace(command_id=command_id)])
    if applied.error is not None:
        raise Problem(422, applied.error, kind="refused")
    return Written(book.state(case_id), repeated=applied.repeated)
