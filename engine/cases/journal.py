"""A durable journal of case events in SQLite (standard library, WAL mode).

Each accepted action is one row; a case's state is the replay of its rows. The
journal is safe for several processes at once (every append is one `BEGIN
IMMEDIATE` transaction that checks the last sequence number of each case it writes)
and survives a process killed mid-write (SQLite's atomic commit; `synchronous=FULL`:
a transaction is on disk when COMMIT returns). `append_many` writes the events of
many commands in one transaction (group commit: one fsync for all). A command id
makes a retried command apply once. A file that is not a journal, or a journal of a
newer format, is refused before anything is written.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from engine.cases.state import Event

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "ConflictError", "Journal", "JournalError"]

#: SQLite `application_id` of a Reglament journal ("RGLM").
APPLICATION_ID = 0x52474C4D
#: Version of the journal's table layout; a newer one is refused.
SCHEMA_VERSION = 1
_WAL_SWITCH_SECONDS = 30.0
#: Case ids per `IN (...)` list: far below SQLite's limit on variables (32,766 since 3.32).
_CHUNK = 500
_INSERT = ("INSERT INTO events (case_id, seq, kind, command_id, at, payload) "
           "VALUES (?, ?, ?, ?, ?, ?)")
#: The payload's JSON: sorted keys, UTF-8 text (one encoder, not one per event).
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
#: A JSON string as that encoder writes it (quotes, escapes; non-ASCII kept).
_STRING = json.encoder.encode_basestring

_SCHEMA = """
CREATE TABLE events (
    case_id    TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    command_id TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    payload    TEXT    NOT NULL,
    PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;
CREATE INDEX events_by_command ON events (command_id);
"""


class JournalError(Exception):
    """The file cannot be used as a journal; nothing was written."""


class ConflictError(JournalError):
    """Another writer appended to the case first: reload and decide again."""


class Journal:
    """The events of all cases in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        except sqlite3.Error as error:
            raise JournalError(f"{self.path}: cannot open ({error})") from None
        try:
            self._db.execute("PRAGMA busy_timeout = 30000")
            self._check_or_create()
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise JournalError(f"{self.path}: not a Reglament journal ({error}) "
                               "(hint: give the path of a journal, or a new file)") from None
        except JournalError:
            self._db.close()
            raise

    def _check_or_create(self) -> None:
        with self._transaction("BEGIN"):  # one snapshot for the three reads
            journal = self._is_journal()
        if not journal:
            with self._transaction():
                # checked again under the write lock: another process may have created it
                if not self._is_journal():
                    self._create()
        self._use_wal()
        self._db.execute("PRAGMA synchronous = FULL")

    def _use_wal(self) -> None:
        """Switch a new journal to WAL (kept in the file; a no-op once done).

        The switch needs every other connection idle, and SQLite reports "database is
        locked" at once instead of waiting, so it is retried while another process that
        opens the new journal at the same moment reads it.
        """
        deadline = time.monotonic() + _WAL_SWITCH_SECONDS
        while self._db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.005)

    def _is_journal(self) -> bool:
        """True for a journal, False for an empty database; raises for anything else."""
        app = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app == APPLICATION_ID:
            if version > SCHEMA_VERSION:
                raise JournalError(f"{self.path}: journal format {version} is newer than this "
                                   f"version of reglament understands ({SCHEMA_VERSION}) "
                                   "(hint: upgrade reglament)")
            return True
        if app != 0 or tables:
            raise JournalError(f"{self.path}: an SQLite database, but not a Reglament journal "
                               "(hint: give the path of a journal, or a new file)")
        return False

    def _create(self) -> None:
        for statement in _SCHEMA.strip().split(";"):
            if statement.strip():
                self._db.execute(statement)
        self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self, begin: str = "BEGIN IMMEDIATE") -> Iterator[None]:
        self._db.execute(begin)
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

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
        with self._transaction():
            seen = self._db.execute("SELECT 1 FROM events WHERE command_id = ? AND case_id = ?",
                                    (command, case_id)).fetchone()
            if seen:
                return False
            last = self._db.execute("SELECT coalesce(max(seq), 0) FROM events WHERE case_id = ?",
                                    (case_id,)).fetchone()[0]
            if events[0].seq != last + 1:
                raise ConflictError(f"case {case_id} is at event {last}, the command expected "
                                    f"{events[0].seq - 1} (another writer acted first)")
            self._db.executemany(_INSERT, _rows(events))
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
        with self._transaction():
            last = self._last_seqs(expected)
            moved = {case_id for case_id, seq in expected.items() if last.get(case_id, 0) != seq}
            self._db.executemany(_INSERT, _rows(e for e in events if e.case_id not in moved))
        return moved

    def append_new_cases(self, events: Sequence[Event], case_ids: Collection[str]) -> None:
        """Append the events of new cases in one transaction, or nothing when one exists.

        Raises:
            JournalError: some of `case_ids` are in the journal already (checked inside
                the transaction, so another writer cannot slip one in); nothing is written.
        """
        with self._transaction():
            present = sorted(self._last_seqs(case_ids))
            if present:
                raise JournalError(
                    f"{len(present)} of the cases are in {self.path} already: "
                    f"{', '.join(present[:3])}{', ...' if len(present) > 3 else ''} (hint: "
                    "import only new cases; act on existing ones with apply_many or "
                    "`reglament case apply`)")
            self._db.executemany(_INSERT, _rows(events))

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
                if seq > last:
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
        """Every event of a case, in order; with `after`, those past that sequence number."""
        rows = self._db.execute("SELECT case_id, seq, kind, command_id, at, payload FROM events "
                                "WHERE case_id = ? AND seq > ? ORDER BY seq",
                                (case_id, after)).fetchall()
        return [Event(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]

    def cases(self) -> list[str]:
        """The ids of every case in the journal, sorted."""
        return [r[0] for r in self._db.execute(
            "SELECT DISTINCT case_id FROM events ORDER BY case_id").fetchall()]

    def has_command(self, case_id: str, command_id: str) -> bool:
        """True when a command was already applied to the case."""
        return self._db.execute("SELECT 1 FROM events WHERE case_id = ? AND command_id = ?",
                                (case_id, command_id)).fetchone() is not None


def _rows(events: Iterator[Event] | Sequence[Event]) -> Iterator[tuple[str, int, str, str, int, str]]:
    """The rows of events, payloads as JSON with sorted keys."""
    for e in events:
        yield e.case_id, e.seq, e.kind, e.command_id, e.at, payload_json(e.payload)


def payload_json(payload: Mapping[str, object]) -> str:
    """`json.dumps(payload, ensure_ascii=False, sort_keys=True)`, the same text, faster.

    An event's payload holds strings, None, booleans, integers and lists of strings;
    those are written here directly (a tenth of the encoder's time on a small dict),
    anything else by the encoder.

    Examples:
        >>> payload_json({"step": "register", "outcome": None, "missing": ["a", "ә"]})
        '{"missing": ["a", "ә"], "outcome": null, "step": "register"}'
    """
    parts = []
    for key in sorted(payload):
        value = payload[key]
        if type(key) is not str:
            return _ENCODER(dict(payload))
        if type(value) is str:
            text = _STRING(value)
        elif value is None:
            text = "null"
        elif type(value) is bool:
            text = "true" if value else "false"
        elif type(value) is int:
            text = int.__repr__(value)
        elif isinstance(value, list | tuple) and type(value) in (list, tuple) and all(
                type(v) is str for v in value):
            text = f"[{', '.join(map(_STRING, value))}]"
        else:
            return _ENCODER(dict(payload))
        parts.append(f"{_STRING(key)}: {text}")
    return f"{{{', '.join(parts)}}}"


def _chunks(items: Collection[str]) -> Iterator[list[str]]:
    listed = list(items)
    for start in range(0, len(listed), _CHUNK):
        yield listed[start:start + _CHUNK]
