"""The verdicts of regulations kept between runs (`reglament check --cache-dir`).

The verdicts of a regulation depend on nothing but the bytes of its file, of the file of
the standard it was compiled with, of the calendar, and on the engine itself; a key made
of all of these (and of the files' paths, which the verdicts name) finds the verdicts of
an unchanged regulation, and any change to one of them makes a new key. The store itself
is `engine.support.pickle_store`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from engine.process.compile import CompiledRegulation
from engine.support.pickle_store import PickleStore, engine_fingerprint, file_digest
from engine.verify.proof import Verdict

__all__ = ["VerdictCache"]


class VerdictCache(PickleStore):
    """The verdicts of regulations, by what they were computed from."""

    def __init__(self, directory: str | Path, calendar_file: str | Path,
                 schedule_files: Sequence[str | Path] = ()) -> None:
        """`schedule_files`: the `kind: schedules` files joined to the calendar, which the
        verdicts depend on as much as on the calendar."""
        super().__init__(directory, "verdicts-v1")
        self.calendar_file = Path(calendar_file)
        self.schedule_files = sorted(Path(p) for p in schedule_files)
        self._calendar_digest: bytes | None = b""  # read on first use
        #: Digests of the spec files, read once each (a standard serves many regulations).
        self._digests: dict[str, bytes | None] = {}

    def key(self, compiled: CompiledRegulation) -> str | None:
        """What the verdicts of `compiled` depend on, as one digest (None when a file it
        depends on cannot be read: such verdicts are neither looked up nor kept)."""
        if self._calendar_digest == b"":
            self._calendar_digest = file_digest(self.calendar_file)
        parts = [self._calendar_digest]
        for extra in self.schedule_files:
            if str(extra) not in self._digests:
                self._digests[str(extra)] = file_digest(extra)
            parts += [str(extra).encode() + b"\0", self._digests[str(extra)]]
        for spec in (compiled.regulation, compiled.standard):
            if spec.path not in self._digests:
                self._digests[spec.path] = file_digest(Path(spec.path))
            parts += [spec.path.encode() + b"\0", self._digests[spec.path]]
        if any(part is None for part in parts):
            return None
        digest = hashlib.sha256(engine_fingerprint().encode())
        for part in parts:
            assert part is not None
            digest.update(part)
        return digest.hexdigest()

    def get(self, key: str) -> list[Verdict] | None:
        """The verdicts stored under `key`, or None when there are none (or unreadable ones)."""
        found = self.load(key, lambda v: isinstance(v, list)
                          and all(isinstance(x, Verdict) for x in v))
        return found if isinstance(found, list) else None

    def put(self, key: str, verdicts: Sequence[Verdict]) -> None:
        """Store the verdicts under `key`."""
        self.store(key, list(verdicts))
