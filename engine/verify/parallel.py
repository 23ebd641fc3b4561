"""Verify many regulations on several cores.

The deadline proof of one regulation does not depend on any other, and it is most of
the time of a check. Worker processes are forked once the regulations are compiled
(`engine.support.forking`), so they inherit the graphs and the calendar instead of
receiving copies; each returns the verdicts of the regulations it is given, and the
results come back in the order of the regulations, so a report is the same whatever
the number of workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from engine.calendar import Calendar
from engine.process.compile import CompiledRegulation
from engine.support.forking import fork_map
from engine.verify.proof import Verdict, verify_regulation

if TYPE_CHECKING:
    from engine.verify.cache import VerdictCache

__all__ = ["verify_all"]

#: What forked workers read: set just before the fork, cleared after.
_WORK: tuple[Sequence[CompiledRegulation], Calendar] | None = None


def verify_all(compiled: Sequence[CompiledRegulation], calendar: Calendar,
               jobs: int = 1, cache: VerdictCache | None = None) -> list[list[Verdict]]:
    """The verdicts of each regulation, in order, on up to `jobs` processes (0: one per core).

    With a `cache`, the verdicts it holds for a regulation are taken from it, and those
    computed are put in it.
    """
    keys = [cache.key(c) if cache is not None else None for c in compiled]
    found = [cache.get(k) if cache is not None and k is not None else None for k in keys]
    missing = [i for i, verdicts in enumerate(found) if verdicts is None]
    global _WORK
    _WORK = ([compiled[i] for i in missing], calendar)
    try:
        # Small chunks: regulations differ a hundredfold in cost, so workers that finish
        # early take more.
        computed = fork_map(_verify_one, range(len(missing)), jobs, chunksize=4)
    finally:
        _WORK = None
    for index, verdicts in zip(missing, computed, strict=True):
        found[index] = verdicts
        key = keys[index]
        if cache is not None and key is not None:
            cache.put(key, verdicts)
    return [verdicts or [] for verdicts in found]


def _verify_one(index: int) -> list[Verdict]:
    assert _WORK is not None, "verify_all sets the work before forking"
    compiled, calendar = _WORK
    return verify_regulation(compiled[index], calendar)
