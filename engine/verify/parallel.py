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

from engine.calendar import Calendar
from engine.process.compile import CompiledRegulation
from engine.support.forking import fork_map
from engine.verify.proof import Verdict, verify_regulation

__all__ = ["verify_all"]

#: What forked workers read: set just before the fork, cleared after.
_WORK: tuple[Sequence[CompiledRegulation], Calendar] | None = None


def verify_all(compiled: Sequence[CompiledRegulation], calendar: Calendar,
               jobs: int = 1) -> list[list[Verdict]]:
    """The verdicts of each regulation, in order, on up to `jobs` processes (0: one per core)."""
    global _WORK
    _WORK = (compiled, calendar)
    try:
        # Small chunks: regulations differ a hundredfold in cost, so workers that finish
        # early take more.
        return fork_map(_verify_one, range(len(compiled)), jobs, chunksize=4)
    finally:
        _WORK = None


def _verify_one(index: int) -> list[Verdict]:
    assert _WORK is not None, "verify_all sets the work before forking"
    compiled, calendar = _WORK
    return verify_regulation(compiled[index], calendar)
