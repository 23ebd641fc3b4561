"""Whole reports of `reglament check --cache-dir`, kept for a run on the very same files.

A pre-commit hook or a CI job checks the same tree again and again. The report of a check
depends on nothing but the engine, the options that shape the report, the paths as given,
and the bytes of every file read (the specs, the calendar among them or the bundled one,
the `kind: schedules` files); a key made of all of these finds the report of a run before,
which is written out as it was, with its exit code. So an unchanged tree costs the start-up,
reading and hashing its files, and reading one entry: no file is parsed, no regulation
compiled or verified. A change to any byte makes another key, and the run then takes what
it can from the file and pair caches (`engine.corpus.reading`, `engine.verify.cache`).

Only the latest `KEEP` reports are kept: a tree's history is not worth a directory of
megabyte reports.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from pathlib import Path

from engine.calendar import CalendarError, calendar_source
from engine.corpus.reading import iter_spec_files
from engine.support.pickle_store import PickleStore, engine_fingerprint, file_digest

__all__ = ["KEEP", "RunCache"]

#: How many reports are kept (the oldest are removed when a new one is stored).
KEEP = 16


class RunCache(PickleStore):
    """Reports by everything they were made from."""

    def __init__(self, directory: str | Path) -> None:
        super().__init__(directory, "runs-v1")

    def key(self, read: Sequence[str], options: Sequence[object]) -> str | None:
        """The digest of a run reading `read` with `options` (everything else that shapes the
        report: its format, strictness, the paths as given...), or None when a file cannot be
        read whole (the run then says why, and nothing is kept)."""
        digest = hashlib.sha256(engine_fingerprint().encode())
        digest.update(repr([*read, "\0", *map(repr, options)]).encode())
        try:
            files = [str(p) for p in iter_spec_files(read)]
            files.append(str(calendar_source()))  # read when no calendar is among the files
        except (OSError, CalendarError):
            return None
        for name in files:
            found = file_digest(Path(name))
            if found is None:
                return None
            digest.update(name.encode() + b"\0" + found)
        return digest.hexdigest()

    def get(self, key: str) -> tuple[int, str] | None:
        """The exit code and the report stored under `key`, or None."""
        found = self.load(key, lambda v: isinstance(v, tuple) and len(v) == 2
                          and isinstance(v[0], int) and isinstance(v[1], bytes))
        if not isinstance(found, tuple):
            return None
        try:
            return found[0], zlib.decompress(found[1]).decode("utf-8", "surrogatepass")
        except (zlib.error, UnicodeDecodeError):
            return None

    def put(self, key: str, code: int, report: str) -> None:
        """Keep the report of a run under `key`, and only the latest `KEEP` reports."""
        self.store(key, (code, zlib.compress(report.encode("utf-8", "surrogatepass"), 1)))
        try:
            entries = sorted(self.directory.joinpath(self.layout).rglob("*.pickle"),
                             key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in entries[KEEP:]:
                old.unlink()
        except OSError:
            return
