"""What a path's steps take, as the verifier counts them: under each reading of a day
limit, and with the stated assumption for information systems that have none.

A step "within N working days" is read two ways (docs/calendar.md, "Two readings of a
step's day limit"):

- *civil*: it ends at the close of business of the N-th working day after the day it
  starts (the Civil Code's counting of terms in days: the day of the event is not
  counted); the calendar's `wd` arithmetic;
- *elapsed*: it ends when N working days of working time have passed since it started;
  N times the working minutes of a full day of the step's schedule.

On the same schedule the elapsed end is never after the civil end: N days of working
time from a moment end on the N-th working day after its day at the latest, before
that day's close. Composition keeps the order (each step's end is non-decreasing in
its start), so a path that fits under the civil reading fits under the elapsed one.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from engine.calendar import Calendar, CalendarError
from engine.spec.duration import Duration
from engine.spec.model import Actor, Step

__all__ = ["ZERO", "assumed_durations", "daily_minutes", "elapsed_durations", "has_day_limits"]

ZERO = Duration(0, "min")


def daily_minutes(calendar: Calendar, schedule: str) -> int:
    """Working minutes of a full working day on the schedule a step counts on."""
    return calendar.daily_minutes(schedule)


def has_day_limits(durations: Sequence[Duration | None]) -> bool:
    """True when a step is limited in working days (the two readings can differ)."""
    return any(d is not None and d.unit == "wd" and d.amount > 0 for d in durations)


def elapsed_durations(durations: Sequence[Duration], schedules: Sequence[str],
                      calendar: Calendar) -> list[Duration]:
    """The steps' limits under the elapsed reading: N wd as N full days of working minutes.

    Raises:
        CalendarError: for a schedule the calendar does not know.
    """
    out = []
    for duration, schedule in zip(durations, schedules, strict=True):
        if duration.unit == "wd" and duration.amount > 0:
            elapsed = calendar.elapsed_limit(schedule, duration)
            if elapsed is None:
                raise CalendarError(f'schedule "{schedule}" has no working hours to count '
                                    "a working day of working time on")
            out.append(elapsed)
        else:
            out.append(duration)
    return out


def assumed_durations(graph: nx.DiGraph, nodes: Sequence[str], steps: Sequence[Step]
                      ) -> tuple[list[Duration | None], tuple[str, ...]]:
    """The steps' limits, with steps of information systems that have none given the time
    their actor's `assumed_limit` says (no working time without one), and the assumptions
    in words, one per system."""
    durations: list[Duration | None] = []
    assumed: dict[str, list[str]] = {}
    limits: dict[str, Actor] = {}
    for node, step in zip(nodes, steps, strict=True):
        actor: Actor | None = graph.nodes[node].get("actor")
        if step.duration is None and actor is not None and actor.kind == "system":
            durations.append(actor.assumed_limit or ZERO)
            assumed.setdefault(actor.id, []).append(step.id)
            limits[actor.id] = actor
        else:
            durations.append(step.duration)
    words = []
    for actor_id, ids in assumed.items():
        actor = limits[actor_id]
        taken = (f"{actor.assumed_limit} each ({actor.assumed_source})"
                 if actor.assumed_limit is not None else "no working time")
        words.append(f"assumed: step(s) {', '.join(ids)} of the information system "
                     f"{actor_id}, with no limit in the text, take {taken}")
    return durations, tuple(words)
