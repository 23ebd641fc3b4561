"""Verify many regulations on several cores.

The deadline proof of one regulation does not depend on any other, and it is most of
the time of a check. Worker processes are forked once the regulations are compiled
(`engine.support.forking`), so they inherit the graphs and the calendar instead of
receiving copies; each returns the verdicts of the regulations it is given, and the
results come back in the order of the regulations, so a report is the same whatever
the number of workers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from engine.calendar import Calendar, CalendarError
from engine.process.compile import CompiledRegulation
from engine.support.forking import fork_map, workers_for
from engine.verify.proof import Verdict, verify_regulation
from engine.verify.receipts import receipt_windows

__all__ = ["verify_all"]

#: What forked workers read: set just before the fork, cleared after.
_WORK: tuple[Sequence[CompiledRegulation], Calendar] | None = None


def verify_all(compiled: Sequence[CompiledRegulation], calendar: Calendar,
               jobs: int = 1) -> list[list[Verdict]]:
    """The verdicts of each regulation, in order, on up to `jobs` processes (0: one per core)."""
    global _WORK
    if workers_for(jobs, len(compiled)) > 1:
        prepare(compiled, calendar)
    _WORK = (compiled, calendar)
    try:
        # Regulations differ a hundredfold in cost: the costliest are handed out first, one
        # at a time, so that workers finish together.
        return fork_map(_verify_one, range(len(compiled)), jobs, chunksize=1,
                        costs=[estimated_cost(c) for c in compiled])
    finally:
        _WORK = None


def prepare(compiled: Sequence[CompiledRegulation], calendar: Calendar) -> None:
    """Build, before forking, what the calendar builds once on first use and every worker
    would otherwise build again: the working-time index of each schedule the steps and terms
    count on, and the moments of receipt of each channel's reception."""
    seen: set[str] = set()
    for regulation in compiled:
        for graph in regulation.graphs.values():
            channel = graph.graph["channel"]
            names = {data.get("schedule") for _, data in graph.nodes(data=True)}
            names.add(channel.schedule)
            with contextlib.suppress(CalendarError):
                names.add(calendar.term_schedule(channel.schedule, channel.term,
                                                 channel.term_week))
            for name in names - seen:
                seen.add(name)
                if isinstance(name, str):
                    try:
                        calendar.working_time(name)
                    except CalendarError:
                        continue
            reception = channel.reception or channel.schedule
            if f"receipt {reception}" not in seen:
                seen.add(f"receipt {reception}")
                try:
                    receipt_windows(calendar, reception)
                except CalendarError:
                    continue


def estimated_cost(compiled: CompiledRegulation) -> int:
    """A rough measure of the time a regulation's proof takes: the steps of each channel,
    weighed by how many moments of receipt its term makes the verifier look at (every
    minute of a day's pattern for a term in minutes or hours, a moment a day otherwise)."""
    cost = 0
    for graph in compiled.graphs.values():
        term = graph.graph["channel"].term
        cost += graph.number_of_nodes() * graph.number_of_edges() * (
            1 if term.is_day_based else 4)
    return cost


def _verify_one(index: int) -> list[Verdict]:
    assert _WORK is not None, "verify_all sets the work before forking"
    compiled, calendar = _WORK
    return verify_regulation(compiled[index], calendar)
