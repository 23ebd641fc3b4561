"""What a check found for each pair of a regulation and a version of its standard, kept
between runs (`reglament check --cache-dir`).

A pair's findings — structural problems, counters open too long, the verdicts of its paths
and the findings made of them, channels over the budget — depend on nothing but the bytes
of the regulation's file, of the standard's file, of the calendar and of the `kind:
schedules` files, and on the engine itself; a key made of all of these (and of the files'
paths, which the findings name) finds the results of an unchanged pair, so that a warm run
neither compiles nor verifies it. Any change to one of them makes a new key. The store
itself is `engine.support.pickle_store`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from engine.spec.errors import SpecError
from engine.spec.model import Regulation, Standard
from engine.support.pickle_store import PickleStore, engine_fingerprint, file_digest
from engine.verify.findings import Finding
from engine.verify.verdict import Verdict

__all__ = ["Pair", "PairResult", "VerdictCache"]


class Pair(NamedTuple):
    """A regulation and a version of its standard in force during it."""

    regulation: Regulation
    standard: Standard


@dataclass
class PairResult:
    """What the check of one pair found (`engine.verify.checker`)."""

    #: Structural findings: when there is one, the pair is neither timed nor verified.
    structural: list[SpecError]
    #: Steps at a counter that the term's schedule does not cover.
    counter: list[SpecError] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    #: The findings made of the verdicts, before the regulation's acknowledgements.
    findings: list[Finding] = field(default_factory=list)
    #: Channels whose paths exceed the verifier's budget.
    budget: list[SpecError] = field(default_factory=list)
    #: True when read from the cache (and so not stored again).
    cached: bool = field(default=False, compare=False)


class VerdictCache(PickleStore):
    """The results of pairs, by what they were computed from."""

    def __init__(self, directory: str | Path, calendar_file: str | Path,
                 schedule_files: Sequence[str | Path] = ()) -> None:
        """`schedule_files`: the `kind: schedules` files joined to the calendar, which the
        verdicts depend on as much as on the calendar."""
        super().__init__(directory, "verdicts-v2")
        self.calendar_file = Path(calendar_file)
        self.schedule_files = sorted(Path(p) for p in schedule_files)
        self._calendar_digest: bytes | None = b""  # read on first use
        #: Digests of the spec files, read once each (a standard serves many regulations).
        self._digests: dict[str, bytes | None] = {}

    def key(self, pair: Pair) -> str | None:
        """What the results of `pair` (or of a compiled regulation: anything with its
        `regulation` and `standard`) depend on, as one digest (None when a file it depends on
        cannot be read: such results are neither looked up nor kept)."""
        if self._calendar_digest == b"":
            self._calendar_digest = file_digest(self.calendar_file)
        parts = [self._calendar_digest]
        for extra in self.schedule_files:
            if str(extra) not in self._digests:
                self._digests[str(extra)] = file_digest(extra)
            parts += [str(extra).encode() + b"\0", self._digests[str(extra)]]
        for spec in (pair.regulation, pair.standard):
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

    def get(self, key: str) -> PairResult | None:
        """The results stored under `key`, or None when there are none (or unreadable ones)."""
        found = self.load(key, lambda v: isinstance(v, PairResult))
        if not isinstance(found, PairResult):
            return None
        found.cached = True
        return found

    def put(self, key: str, result: PairResult) -> None:
        """Store the results of a pair under `key`."""
        self.store(key, result)
