"""Where a journal lives: the names it refuses, the permissions a write needs, reading only.

A journal is a file that several processes share and that survives them, so an
in-memory database (`:memory:`, an empty name, SQLite's `file:` URIs, which may name
one) is refused by `path_problem`. `write_problem` says, before SQLite is asked,
why this user cannot write a journal (its file, or the directory where SQLite keeps
the `-wal` and `-shm` files), so that a journal it cannot write is opened read-only
(`engine.cases.journal_open`). `failure` words SQLite's errors as a journal's. The
errors of a journal are here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

__all__ = ["ConflictError", "JournalError", "ReplayError", "failure", "path_problem", "write_problem"]

_HINT_FILE = "(hint: give the path of a journal file, e.g. cases.db)"
_HINT_WRITE = ("(hint: reglament case show and case overdue only read it; writing needs write "
               "permission on the file and on its directory)")


class JournalError(Exception):
    """The file cannot be used as a journal; nothing was written."""


class ConflictError(JournalError):
    """Another writer appended to the case first: reload and decide again."""


class ReplayError(JournalError):
    """An event of the journal cannot be read or replayed (an edited or damaged row, or specs
    that lack what the case was opened on); the message names its case and sequence number."""


def path_problem(path: str) -> str | None:
    """Why `path` cannot name a journal, or None when it can.

    Examples:
        >>> path_problem(":memory:")[:46]
        '":memory:" is an in-memory database: a journal'
        >>> path_problem("cases.db") is None
        True
    """
    if not path.strip():
        return f"an empty path names no file {_HINT_FILE}"
    if path == ":memory:":
        return (f'"{path}" is an in-memory database: a journal must be a file (it would be '
                f"lost when closed, and no other process would see it) {_HINT_FILE}")
    if path[:5].lower() == "file:":
        return (f'"{path}" is an SQLite URI (it may name an in-memory database or set options): '
                'a journal is named by a plain path (hint: for a file whose name starts with '
                '"file:", write ./' + path + ")")
    return None


def write_problem(path: str, access: Callable[[Path, int], bool] | None = None) -> str | None:
    """Why this user cannot write the journal at `path` (or create it there), or None.

    `access` is `os.access` (given in tests: root may write any file). SQLite keeps a
    journal's `-wal` and `-shm` files beside it, so its directory must be writable
    too, unless both files exist and are writable.
    """
    allowed = access or os.access
    file = Path(path)
    directory = file.absolute().parent
    if not file.exists():
        if not directory.is_dir():
            return f"{path}: cannot open: there is no directory {directory}"
        if not allowed(directory, os.W_OK):
            return (f"{path}: cannot create a journal: no permission to write the directory "
                    f"{directory} (hint: choose a directory this user may write)")
        return None
    if not allowed(file, os.W_OK):
        return f"{path}: the journal is read-only for this user: no permission to write the file {_HINT_WRITE}"
    sidecars = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    if not allowed(directory, os.W_OK) and not all(
            s.exists() and allowed(s, os.W_OK) for s in sidecars):
        return (f"{path}: the journal is read-only for this user: no permission to write its "
                f"directory {directory}, where SQLite keeps the -wal and -shm files {_HINT_WRITE}")
    return None


def failure(error: sqlite3.Error, path: str) -> str:
    """SQLite's error on opening or reading `path`, as the message of a journal."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name == "SQLITE_NOTADB":
        return (f"{path}: not a Reglament journal ({error}) "
                "(hint: give the path of a journal, or a new file)")
    if name.startswith("SQLITE_CORRUPT"):
        return (f"{path}: the journal is damaged ({error}) (hint: restore it from a backup; "
                "PRAGMA quick_check in the sqlite3 shell shows what is wrong)")
    if name.startswith("SQLITE_READONLY"):
        return (f"{path}: the journal cannot be written ({error}): the file, its directory or "
                f"the file system is read-only for this user {_HINT_WRITE}")
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH", "SQLITE_IOERR")):
        return f"{path}: cannot open the journal ({error}) (hint: check the path and its permissions)"
    return f"{path}: cannot use the journal ({error})"
