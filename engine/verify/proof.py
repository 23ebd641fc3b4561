"""Prove that every path of every channel fits the legal term, on the real calendar.

For each path from the start to an end, the step durations are composed on their
actors' schedules from the moment of receipt and compared with the channel's term
counted from the same moment. The comparison runs over every possible moment of
receipt in the calendar's years (see `engine.verify.receipts` for why the candidate set
is exhaustive), and reports the worst case with a concrete counterexample.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

import networkx as nx
import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar, CalendarError, NoCalendarData
from engine.process.compile import CompiledRegulation
from engine.process.paths import Path, paths_within_budget
from engine.spec.duration import Duration
from engine.spec.errors import Location
from engine.spec.model import Channel, Step
from engine.verify.composition import SharedWork
from engine.verify.judging import ChannelJudge, exhaustive_judge
from engine.verify.readings import ZERO, assumed_durations, elapsed_durations, has_day_limits
from engine.verify.receipts import receipt_windows
from engine.verify.verdict import Reading, Verdict
from engine.verify.waits import has_meetings, judge_with_meetings, meeting_assumptions
from engine.verify.worst_case import TimelineEntry, Worst, plain_sum

__all__ = ["TimelineEntry", "Verdict", "Worst", "verify_channel", "verify_regulation"]

Int64Array = npt.NDArray[np.int64]
#: How a path without meetings is judged (`engine.verify.judging`).
Judge = Callable[[SharedWork, list[Step], list[Duration], list[str], Channel, Calendar],
                 tuple[bool, Worst, int]]


def verify_regulation(compiled: CompiledRegulation, calendar: Calendar, *,
                      exhaustive: bool = False) -> list[Verdict]:
    """Verdicts for every path of every channel of a compiled regulation (`verify_channel`)."""
    verdicts: list[Verdict] = []
    for graph in compiled.graphs.values():
        verdicts.extend(verify_channel(graph, calendar, exhaustive=exhaustive))
    return verdicts


def _validity(graph: nx.DiGraph) -> tuple[dt.date, dt.date | None] | None:
    """The first and last days (None: open) on which both the regulation and its standard
    are in force, when the graph says which they are."""
    specs = [graph.graph.get(name) for name in ("regulation", "standard")]
    if any(spec is None or not hasattr(spec, "valid_from") for spec in specs):
        return None
    ends = [spec.valid_to for spec in specs if spec.valid_to is not None]
    return max(spec.valid_from for spec in specs), min(ends) if ends else None


def _in_force(validity: tuple[dt.date, dt.date | None] | None,
              first_day: dt.date) -> tuple[int, int] | None:
    """The days of `validity` as indices from `first_day`, inclusive (10**9: open)."""
    if validity is None:
        return None
    start, end = validity
    return (start - first_day).days, (end - first_day).days if end is not None else 10**9


def verify_channel(graph: nx.DiGraph, calendar: Calendar, *,
                   exhaustive: bool = False) -> list[Verdict]:
    """Verdicts for every path of one channel's graph.

    Each path is judged on the moments of receipt that decide (`ChannelJudge`); with
    `exhaustive`, by composing its steps on every moment of receipt (`exhaustive_judge`):
    the same verdicts, more slowly (the tests compare them).
    """
    every = paths_within_budget(graph)
    if every is None:
        return []  # reported by the check, which names the budget
    channel: Channel = graph.graph["channel"]
    validity = _validity(graph)
    uncovered = _uncovered(validity, calendar)
    if uncovered:
        return [Verdict(graph.graph["regulation"].id, channel.id, path, channel.term,
                        "uncovered", _first_location(graph, path), reason=uncovered)
                for path in every]
    windows = receipt_windows(calendar, channel.reception or channel.schedule)
    shared = SharedWork(channel, calendar, windows, _in_force(validity, windows.first_day))
    paths = [(path, _timed(graph, path)) for path in every]
    judge: Judge = exhaustive_judge
    if not exhaustive:
        judging = ChannelJudge(shared)
        fixed = getattr(graph.graph["regulation"], "day_reading", None)
        for _, timed in paths:
            if fixed != "elapsed":
                judging.expect(timed.durations, timed.schedules)
            if fixed != "civil" and has_day_limits(timed.limits):
                try:  # the elapsed reading, judged when the civil one is late
                    judging.expect(elapsed_durations(timed.durations, timed.schedules,
                                                     calendar), timed.schedules)
                except CalendarError:
                    continue  # judged as it comes, which says why
        judge = judging.judge
    return [_verify_path(graph, channel, path, calendar, shared, judge, timed)
            for path, timed in paths]


def _uncovered(validity: tuple[dt.date, dt.date | None] | None, calendar: Calendar) -> str:
    """Why the calendar cannot verify specs in force over `validity` (empty when it can):
    the years it lacks, and the years it has."""
    first, last = calendar.years
    if validity is None or first <= validity[0].year <= last:
        return ""
    start, end = validity
    if start.year < first:
        low, high = start.year, first - 1 if end is None else min(end.year, first - 1)
    else:
        low, high = last + 1, start.year
    need = f"{low}" if low == high else f"{low}-{high}"
    span = f"in force from {start.isoformat()}" + (f" to {end.isoformat()}" if end else "")
    return (f"the calendar covers {first}-{last} and the specs are {span}: it needs the "
            f"years {need} (hint: add them to the calendar, with the transfers of days off "
            "decreed for each; docs/calendar.md, \"Adding a year\")")


def _first_location(graph: nx.DiGraph, path: Path) -> Location:
    step: Step = graph.nodes[path.steps[0]]["step"]
    return step.location


class _Timed(NamedTuple):
    """The steps of a path the term counts, their schedules and limits (None: no limit),
    the limits as composed (no time for a step without one), and what was assumed."""

    steps: list[Step]
    schedules: list[str]
    limits: list[Duration | None]
    durations: list[Duration]
    assumptions: tuple[str, ...]


def _timed(graph: nx.DiGraph, path: Path) -> _Timed:
    # The applicant's own actions (signing in, filling in the request, handing in the
    # documents) happen before receipt or on the applicant's time: the term does not
    # count them, so they are neither composed nor required to have a limit.
    timed = [s for s in path.steps if not _is_applicant(graph, s)]
    steps: list[Step] = [graph.nodes[s]["step"] for s in timed]
    schedules: list[str] = [graph.nodes[s]["schedule"] for s in timed]
    limits, assumptions = assumed_durations(graph, timed, steps)
    durations = [d if d is not None else ZERO for d in limits]
    return _Timed(steps, schedules, limits, durations, assumptions)


def _verify_path(graph: nx.DiGraph, channel: Channel, path: Path, calendar: Calendar,
                 shared: SharedWork, plain_judge: Judge, timed: _Timed) -> Verdict:
    regulation = graph.graph["regulation"]
    steps, schedules, limits, durations, assumptions = timed
    first: Step = graph.nodes[path.steps[0]]["step"]
    meetings = has_meetings(steps)
    base = Verdict(regulation.id, channel.id, path, channel.term, "ok", first.location,
                   term_week=shared.week, step_weeks=_weeks(calendar, schedules),
                   assumptions=(*assumptions, *meeting_assumptions(steps)))
    # A step that waits for a meeting is bounded by the meeting's rule, with or without a
    # duration of its own after it.
    missing = tuple(s.id for s, d in zip(steps, limits, strict=True)
                    if d is None and s.waits_for is None)
    fixed = getattr(regulation, "day_reading", None)
    readings: list[Reading] = (["civil", "elapsed"] if fixed is None and has_day_limits(limits)
                               else [fixed or "both"])
    why = ""
    if missing:
        stated = [s.id for s in steps if s.duration is None and s.unbounded is not None]
        why = (f"step(s) {', '.join(missing)} have no time limit"
               + (f" ({', '.join(stated)} unbounded by the text)" if stated else
                  " (none is stated in the text)"))
        base = replace(base, status="unverifiable", reason=why, unbounded=missing)
    judged: dict[str, tuple[bool, Worst, int]] = {}
    try:
        for reading in readings:
            counted = (elapsed_durations(durations, schedules, calendar)
                       if reading == "elapsed" else durations)
            judge = judge_with_meetings if meetings else plain_judge
            judged[reading] = judge(shared, steps, counted, schedules, channel, calendar)
            if judged[reading][0]:
                break  # the elapsed end is never after the civil one: it fits as well
    except NoCalendarData as error:
        return replace(base, status="uncovered", reason=f"{error} (hint: add the year to the "
                       "calendar; docs/calendar.md, \"Adding a year\")", unbounded=())
    except CalendarError as error:
        return replace(base, status="unverifiable", reason=str(error))
    first_reading = readings[0]
    fits, worst, count = judged[first_reading]
    note = calendar.provisional_note(worst.received.date(), worst.steps_end.date(),
                                     worst.term_end.date())
    if note:
        base = replace(base, assumptions=(*base.assumptions, note))
    plain = (plain_sum([d for d in limits if d is not None], channel.term)
             if not missing and not meetings else None)
    if fits:
        # Fits under the first reading (the later one when that was fixed): with steps of
        # no limit, nothing is proved.
        return base if missing else replace(base, worst=worst, plain_sum=plain, candidates=count,
                                            reading=first_reading if fixed else "both")
    overrun = _overrun(worst, channel.term, calendar, shared.term_schedule())
    if len(judged) == 2 and judged["elapsed"][0]:
        if missing:
            return base
        return replace(base, status="depends", worst=worst, plain_sum=plain, candidates=count,
                       reading="civil", elapsed_worst=judged["elapsed"][1], overrun=overrun)
    return replace(base, status="exceeded", worst=worst, plain_sum=plain, candidates=count,
                   reading=first_reading if fixed else "both", overrun=overrun,
                   elapsed_worst=judged["elapsed"][1] if len(judged) == 2 else None)


def _overrun(worst: Worst, term: Duration, calendar: Calendar, schedule: str) -> Duration:
    """How late the steps end, in the term's unit: whole days past the term's last day (a day
    term; calendar days for a term in months), or working minutes past its end (at least one
    when late outside working hours)."""
    late = calendar.elapsed(worst.term_end, worst.steps_end, schedule)
    if term.unit == "wd":
        return Duration(late.working_days, "wd")
    if term.unit == "cd":
        return Duration(late.calendar_days, "cd")
    if term.unit == "bd" and late.banking_days is not None:
        return Duration(late.banking_days, "bd")
    if term.unit in ("mo", "bd"):  # a month late by a day is told in days, not in months
        return Duration(late.calendar_days, "cd")
    return Duration(max(1, late.working_minutes), "min")


def _weeks(calendar: Calendar, schedules: list[str]) -> tuple[str, ...]:
    weeks = set()
    for schedule in set(schedules):
        try:
            weeks.add(calendar.schedule(calendar.schedule(schedule).counting).week or "")
        except CalendarError:
            continue
    return tuple(sorted(weeks - {""}))


def _is_applicant(graph: nx.DiGraph, node: str) -> bool:
    actor = graph.nodes[node].get("actor")
    return actor is not None and actor.kind == "applicant"
