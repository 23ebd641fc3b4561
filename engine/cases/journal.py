"""A durable journal of case events in SQLite (standard library, WAL mode).

Each accepted action is one row; a case's state is the replay of its rows. The
journal is safe for several processes at once (every append is one `BEGIN
IMMEDIATE` transaction that checks the last sequence number of each case it writes)
and survives a process killed mid-write (SQLite's atomic commit; `synchronous=FULL`:
a transaction is on disk when COMMIT returns). `append_many` writes the events of
many commands in one transaction (group commit: one fsync for all). A command id
makes a retried command apply once. A file that is not a journal, or a journal of a
newer format, is refused before anything is written; so is an in-memory database.

A journal this user cannot write, or one opened with `readonly=True`, is opened with
SQLite's `mode=ro`: it is read as usual and every write raises `JournalError` saying
why. Before its first write, a `Journal` runs `PRAGMA quick_check` once, and refuses
to write into a file that fails it. Rows are read back strictly (`journal_rows`): a row
reglament did not write is a `ReplayError` naming its case and sequence number.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from engine.cases.journal_files import ConflictError, JournalError, ReplayError, failure
from engine.cases.journal_open import APPLICATION_ID, SCHEMA_VERSION, open_database, transaction
from engine.cases.journal_rows import payload_json, read_events, rows
from engine.cases.state import Event

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "ConflictError", "Journal", "JournalError",
           "ReplayError", "payload_json"]

#: Case ids per `IN (...)` list: far below SQLite's limit on variables (32,766 since 3.32).
_CHUNK = 500
_INSERT = ("INSERT INTO events (case_id, seq, kind, command_id, at, payload) "
           "VALUES (?, ?, ?, ?, ?, ?)")


class Journal:
    """The events of all cases in one SQLite file.

    With `readonly`, the file is only read (it must be a journal already); without, a
    new file becomes a journal, and a file this user cannot write is read all the same
    (`readonly` is then True, and its writes raise `JournalError` with the reason).

    Raises:
        JournalError: an in-memory database or SQLite URI, a file that is not a journal
            or of a newer format, one SQLite cannot open; nothing was written.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        #: Why this journal refuses to write: None until checked, "" once it may write.
        self._db, self._refusal = open_database(self.path, readonly=readonly)
        self.readonly = bool(self._refusal)

    def _transaction(self, begin: str = "BEGIN IMMEDIATE") -> AbstractContextManager[None]:
        return transaction(self._db, begin)

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def append(self, events: Sequence[Event]) -> bool:
        """Append the events of one command atomically.

        Returns False (and writes nothing) when the command was already applied.

        Raises:
            ConflictError: when the case moved on since the events were decided.
        """
        if not events:
            return True
        case_id, command = events[0].case_id, events[0].command_id
        with self._writing():
            seen = self._db.execute("SELECT 1 FROM events WHERE command_id = ? AND case_id = ?",
                                    (command, case_id)).fetchone()
            if seen:
                return False
            last = self._db.execute("SELECT coalesce(max(seq), 0) FROM events WHERE case_id = ?",
                                    (case_id,)).fetchone()[0]
            if events[0].seq != last + 1:
                raise ConflictError(f"case {case_id} is at event {last}, the command expected "
                                    f"{events[0].seq - 1} (another writer acted first)")
            self._db.executemany(_INSERT, rows(events))
        return True

    def append_many(self, events: Sequence[Event], expected: Mapping[str, int]) -> set[str]:
        """Append the events of many commands in one transaction (group commit).

        `expected` gives, for each case the events are of, the sequence number of its last
        event when they were decided (0 for a new case). A case that has moved on since
        (another writer appended to it) is left out, its events unwritten, and returned:
        decide its commands again on its new state. The others are written together:
        when this returns, all of them are on disk, or (an exception) none.
        """
        if not events:
            return set()
        with self._writing():
            last = self._last_seqs(expected)
            moved = {case_id for case_id, seq in expected.items() if last.get(case_id, 0) != seq}
            self._db.executemany(_INSERT, rows(e for e in events if e.case_id not in moved))
        return moved

    def append_new_cases(self, events: Sequence[Event], case_ids: Collection[str]) -> None:
        """Append the events of new cases in one transaction, or nothing when one exists.

        Raises:
            JournalError: some of `case_ids` are in the journal already (checked inside
                the transaction, so another writer cannot slip one in); nothing is written.
        """
        with self._writing():
            present = sorted(self._last_seqs(case_ids))
            if present:
                raise JournalError(
                    f"{len(present)} of the cases are in {self.path} already: "
                    f"{', '.join(present[:3])}{', ...' if len(present) > 3 else ''} (hint: "
                    "import only new cases; act on existing ones with apply_many or "
                    "`reglament case apply`)")
            self._db.executemany(_INSERT, rows(events))

    def check_writable(self) -> None:
        """Raise what the first write would: a command that writes calls it before reading.

        The first call on a journal that may be written runs `PRAGMA quick_check`, which
        reads the whole file (0.4 s for a journal of 500 MB in the page cache; from a cold
        disk, the time to read it); its answer is kept for this `Journal`.

        Raises:
            JournalError: the journal is read-only, or failed its integrity check.
        """
        if self._refusal is None:
            self._refusal = self._integrity()
        if self._refusal:
            raise JournalError(self._refusal)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction, once the journal may be written; SQLite's refusals worded.

        Raises:
            JournalError: the journal is read-only, fails its integrity check, or an event
                holds text SQLite cannot store (a lone surrogate); nothing was written.
        """
        self.check_writable()
        try:
            with self._transaction():
                yield
        except UnicodeEncodeError as error:
            raise JournalError(f"{self.path}: an event holds text that is not valid Unicode "
                               f"({error.reason}: {error.object[error.start:error.end]!r}); "
                               "nothing was written") from None
        except sqlite3.OperationalError as error:
            if (error.sqlite_errorname or "").startswith("SQLITE_READONLY"):
                raise JournalError(failure(error, self.path)) from None
            raise

    def _integrity(self) -> str:
        """"" when `PRAGMA quick_check` finds the file sound, else why it refuses to write."""
        try:
            found = [row[0] for row in self._db.execute("PRAGMA quick_check").fetchall()]
        except sqlite3.DatabaseError as error:
            found = [str(error)]
        if found == ["ok"]:
            return ""
        first = " ".join(found[0].split()) if found else "no answer"
        return (f"{self.path}: the journal failed its integrity check (PRAGMA quick_check: "
                f"{first[:200]}); nothing was written (hint: restore it from a backup; "
                "reglament case show still reads the cases it can)")

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One snapshot for several reads: no other writer's commit shows in between."""
        with self._transaction("BEGIN"):
            yield

    def commands_of(self, case_ids: Collection[str]) -> dict[str, tuple[int, set[str]]]:
        """For each of `case_ids` in the journal: its last sequence number and command ids."""
        found: dict[str, tuple[int, set[str]]] = {}
        for chunk in _chunks(case_ids):
            rows = self._db.execute(
                f"SELECT case_id, seq, command_id FROM events WHERE case_id IN "
                f"({', '.join('?' * len(chunk))})", chunk).fetchall()
            for case_id, seq, command_id in rows:
                last, ids = found.setdefault(case_id, (0, set()))
                ids.add(command_id)
                if type(seq) is int and seq > last:  # another type: replaying the case says so
                    found[case_id] = (seq, ids)
        return found

    def _last_seqs(self, case_ids: Collection[str]) -> dict[str, int]:
        last: dict[str, int] = {}
        for chunk in _chunks(case_ids):
            last.update(self._db.execute(
                f"SELECT case_id, max(seq) FROM events WHERE case_id IN "
                f"({', '.join('?' * len(chunk))}) GROUP BY case_id", chunk).fetchall())
        return last

    def events(self, case_id: str, after: int = 0) -> list[Event]:
        """Every event of a case, in order; with `after`, those past that sequence number.

        Raises:
            ReplayError: a row that is not what reglament writes (`journal_rows`), or one
                SQLite cannot read (a damaged page), naming the case and sequence number.
        """
        try:
            found = self._db.execute("SELECT case_id, seq, kind, command_id, at, payload "
                                     "FROM events WHERE case_id = ? AND seq > ? ORDER BY seq",
                                     (case_id, after)).fetchall()
        except sqlite3.DatabaseError as error:
            damaged = (error.sqlite_errorname or "").startswith("SQLITE_CORRUPT")
            raise ReplayError(f"{self.path}: case {case_id!r}: its events cannot be read"
                              f"{': the journal is damaged' if damaged else ''} ({error}) (hint: "
                              "restore the journal from a backup)") from None
        return read_events(found, case_id, after, self.path)

    def cases(self) -> list[str]:
        """The ids of every case in the journal, sorted.

        Raises:
            ReplayError: a case id that is not text (reglament writes only text).
        """
        ids = [r[0] for r in self._db.execute(
            "SELECT DISTINCT case_id FROM events ORDER BY case_id").fetchall()]
        for case_id in ids:
            if not isinstance(case_id, str):
                raise ReplayError(f"{self.path}: case {case_id!r}: its id is stored as "
                                  f"{type(case_id).__name__}, not text (hint: restore the "
                                  "journal from a backup)")
        return ids

    def every_case(self) -> Iterator[list[Event]]:
        """The events of every case, case by case in id order, in one pass over the journal
        (its rows are stored in that order): what a report over all cases reads.

        Raises:
            ReplayError: a row that is not what reglament writes, as `events` says.
        """
        cursor = self._db.execute("SELECT case_id, seq, kind, command_id, at, payload "
                                  "FROM events ORDER BY case_id, seq")
        current: object = None
        found: list[tuple[object, ...]] = []
        for row in cursor:
            if row[0] != current and found:
                yield read_events(found, _case_text(current, self.path), 0, self.path)
                found = []
            current = row[0]
            found.append(row)
        if found:
            yield read_events(found, _case_text(current, self.path), 0, self.path)

    def commands_starting(self, prefix: str) -> list[tuple[str, str]]:
        """(case id, command id) of the commands whose id starts with `prefix`, sorted: where
        a client's key was used (`reglament serve` makes its command ids `<key>#<digest>`)."""
        found = self._db.execute(
            "SELECT DISTINCT case_id, command_id FROM events WHERE command_id >= ? AND "
            "command_id < ? ORDER BY case_id, command_id", (prefix, prefix + "\U0010ffff"))
        return [(str(case_id), str(command_id)) for case_id, command_id in found.fetchall()]

    def has_command(self, case_id: str, command_id: str) -> bool:
        """True when a command was already applied to the case."""
        return self._db.execute("SELECT 1 FROM events WHERE case_id = ? AND command_id = ?",
                                (case_id, command_id)).fetchone() is not None


def _case_text(case_id: object, where: str) -> str:
    if not isinstance(case_id, str):
        raise ReplayError(f"{where}: case {case_id!r}: its id is stored as "
                          f"{type(case_id).__name__}, not text (hint: restore the "
                          "journal from a backup)")
    return case_id


def _chunks(items: Collection[str]) -> Iterator[list[str]]:
    listed = list(items)
    for start in range(0, len(listed), _CHUNK):
        yield listed[start:start + _CHUNK]
