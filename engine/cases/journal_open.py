"""Opening a journal's file: checked to be a journal (or made one), for writing or reading only.

`open_database` refuses names that are not files (`journal_files.path_problem`),
opens the file for writing when this user may write it (a new file becomes a journal,
switched to WAL) and read-only otherwise (SQLite's `mode=ro`), and checks that it is a
Reglament journal of a format this version understands. It returns why the journal
refuses to write, if it does: a `Journal` raises that message on every write.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from engine.cases.journal_files import JournalError, failure, path_problem, write_problem

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "open_database", "transaction"]

#: SQLite `application_id` of a Reglament journal ("RGLM").
APPLICATION_ID = 0x52474C4D
#: Version of the journal's table layout; a newer one is refused.
SCHEMA_VERSION = 1
#: Seconds a connection waits for another writer's lock.
_TIMEOUT = 30.0
_WAL_SWITCH_SECONDS = 30.0

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


@contextmanager
def transaction(db: sqlite3.Connection, begin: str = "BEGIN IMMEDIATE") -> Iterator[None]:
    """A transaction: committed when the block ends, rolled back when it raises."""
    db.execute(begin)
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def open_database(path: str, *, readonly: bool) -> tuple[sqlite3.Connection, str | None]:
    """A connection to the journal at `path`, and why it refuses to write.

    The second is None when it may write once its integrity is checked, "" when it may
    write at once (a journal made just now), else the message of the refusal (opened
    read-only: asked to, or this user cannot write the file).

    Raises:
        JournalError: a name that is not a file, no file to read, a file that is not a
            journal or of a newer format, one SQLite cannot open; nothing was written.
    """
    problem = path_problem(path)
    if problem is not None:
        raise JournalError(problem)
    refusal: str | None = None
    if readonly:
        if not Path(path).is_file():
            raise JournalError(f"{path}: no journal here (hint: give the path of a journal)")
        refusal = (f"{path}: the journal was opened read-only; nothing was written "
                   "(hint: a command that writes opens it for writing)")
    else:
        refusal = write_problem(path)
        if refusal is not None and not Path(path).is_file():
            raise JournalError(refusal)
    try:
        db = _connect(path, readonly=refusal is not None)
    except sqlite3.Error as error:
        raise JournalError(failure(error, path)) from None
    try:
        db.execute(f"PRAGMA busy_timeout = {int(_TIMEOUT * 1000)}")
        if refusal is not None:
            with transaction(db, "BEGIN"):
                if not _is_journal(db, path):
                    raise JournalError(f"{path}: an empty file, not a Reglament journal "
                                       "(hint: reglament case open creates a journal)")
            return db, refusal
        return db, _check_or_create(db, path)
    except sqlite3.DatabaseError as error:
        db.close()
        raise JournalError(failure(error, path)) from None
    except JournalError:
        db.close()
        raise


def _connect(path: str, *, readonly: bool) -> sqlite3.Connection:
    """A connection to the file at `path` (the bytes of a name that is not UTF-8 are kept).

    Read-only, it is SQLite's `mode=ro`: nothing can be written through it. A journal in a
    directory this user cannot write, with no `-wal` file (so nothing uncheckpointed is
    missed), is read as `immutable`, since SQLite cannot make the `-shm` file it needs.
    """
    if not readonly:
        return sqlite3.connect(os.fsencode(path), timeout=_TIMEOUT, isolation_level=None)
    base = "file:" + quote(os.fsencode(os.path.abspath(path)))
    db = sqlite3.connect(f"{base}?mode=ro", uri=True, timeout=_TIMEOUT, isolation_level=None)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError as error:
        db.close()
        wal = Path(f"{path}-wal")
        if error.sqlite_errorname not in ("SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN") or (
                wal.exists() and wal.stat().st_size > 0):
            raise
    return sqlite3.connect(f"{base}?mode=ro&immutable=1", uri=True, timeout=_TIMEOUT,
                           isolation_level=None)


def _check_or_create(db: sqlite3.Connection, path: str) -> str | None:
    """Make a new file a journal; None (check before writing), or "" for a journal made now."""
    refusal: str | None = None
    with transaction(db, "BEGIN"):  # one snapshot for the three reads
        journal = _is_journal(db, path)
    if not journal:
        with transaction(db):
            # checked again under the write lock: another process may have created it
            if not _is_journal(db, path):
                for statement in _SCHEMA.strip().split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                refusal = ""  # a new journal: nothing to check
    _use_wal(db, path)
    db.execute("PRAGMA synchronous = FULL")
    return refusal


def _use_wal(db: sqlite3.Connection, path: str) -> None:
    """Switch a new journal to WAL (kept in the file; a no-op once done).

    The switch needs every other connection idle, and SQLite reports "database is
    locked" at once instead of waiting, so it is retried while another process that
    opens the new journal at the same moment reads it. A database that answers with
    another mode cannot be switched (an in-memory or temporary one): refused, never
    retried for ever.
    """
    deadline = time.monotonic() + _WAL_SWITCH_SECONDS
    while db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.005)
            continue
        if mode != "wal":
            raise JournalError(f"{path}: SQLite keeps this database in {mode} mode and cannot "
                               "switch it to WAL, so it cannot be a journal (hint: give the path "
                               "of a file on a local disk)")


def _is_journal(db: sqlite3.Connection, path: str) -> bool:
    """True for a journal, False for an empty database; raises for anything else."""
    app = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise JournalError(f"{path}: journal format {version} is newer than this "
                               f"version of reglament understands ({SCHEMA_VERSION}) "
                               "(hint: upgrade reglament)")
        return True
    if app != 0 or tables:
        raise JournalError(f"{path}: an SQLite database, but not a Reglament journal "
                           "(hint: give the path of a journal, or a new file)")
    return False
