"""Which moments of receipt a path must be checked on, and no more.

Every possible moment of receipt in the calendar's years is a candidate (see
`engine.verify.receipts`). For a term in days, the latest moment of every day is enough. For a
term in minutes or hours, two days on which everything a path can reach is alike (which
of the days it can reach are working days on each week involved, and the UTC offset)
behave the same, so one representative day per such pattern is checked minute by minute.

The patterns of a day depend on the path only through its `pattern_plan` (how far each of its
steps can reach, on which week; the schedules whose hours differ by weekday; steps in banking
days or months), and not on the other days checked, so they are kept per plan for every day
of the calendar (`engine.verify.day_classes.pattern_classes`); `candidates` lists the moments
themselves, as the exhaustive composition takes them (`engine.verify.judging`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar, CalendarError
from engine.calendar.instants import noon_offsets
from engine.calendar.months import add_months_days
from engine.spec.duration import Duration
from engine.spec.model import Channel
from engine.support.row_keys import row_keys
from engine.verify.receipts import ReceiptWindows

__all__ = [
    "PatternPlan", "candidates", "day_patterns", "horizon_days", "merged_runs", "pattern_plan",
    "pattern_rows", "reach_spans", "receipt_days",
]

Int64Array = npt.NDArray[np.int64]


def horizon_days(durations: Iterable[Duration], term: Duration) -> int:
    days = 0
    minutes = 0
    for duration in (*durations, term):
        if duration.unit == "mo":
            days += 31 * duration.amount
        elif duration.is_day_based:
            days += duration.amount
        else:
            minutes += duration.minutes
    return 21 + 2 * days + math.ceil(minutes / 240)


def receipt_days(channel: Channel, durations: list[Duration], calendar: Calendar,
                 windows: ReceiptWindows, in_force: tuple[int, int] | None = None
                 ) -> tuple[int, int]:
    """The first and the last day of receipt a path is checked on: while it is in force, and
    far enough from the calendar's end for its horizon (`horizon_days`).

    Raises:
        CalendarError: when no day is left.
    """
    horizon = horizon_days(durations, channel.term)
    size = len(calendar.day_table(channel.schedule).working)
    last_day = size - 1 - horizon
    if last_day < 0:
        raise CalendarError(f"the calendar is too short for a horizon of {horizon} days")
    first_day = 0
    if in_force is not None:
        first_day, last_day = max(first_day, in_force[0]), min(last_day, in_force[1])
        if first_day > last_day:
            raise CalendarError(_outside(in_force, windows.first_day, calendar))
    return first_day, last_day


def candidates(channel: Channel, durations: list[Duration], schedules: list[str],
                calendar: Calendar, windows: ReceiptWindows,
                in_force: tuple[int, int] | None = None) -> Int64Array:
    """Every moment of receipt a path is checked on by the exhaustive composition."""
    first_day, last_day = receipt_days(channel, durations, calendar, windows, in_force)
    if channel.term.is_day_based:
        days, instants = windows.latest_per_day(last_day)
        return instants[days >= first_day]
    days = windows.days[(windows.days >= first_day) & (windows.days <= last_day)]
    candidate_days = days[np.r_[True, days[1:] != days[:-1]]] if days.size else days
    signature = pattern_rows(pattern_plan(durations, schedules, channel, calendar), calendar,
                             candidate_days)
    _, first = np.unique(row_keys(signature), return_index=True)
    return windows.every_minute(candidate_days[np.sort(first)])


def _outside(in_force: tuple[int, int], first_day: dt.date, calendar: Calendar) -> str:
    start = first_day + dt.timedelta(days=in_force[0])
    years = f"{calendar.years[0]}-{calendar.years[-1]}"
    if in_force[1] >= 10**9:
        return (f"in force from {start.isoformat()}, after the calendar's years {years} "
                "(hint: add the year to the calendar)")
    end = first_day + dt.timedelta(days=in_force[1])
    return (f"in force {start.isoformat()} to {end.isoformat()}, outside the calendar's years "
            f"{years} (hint: add those years to the calendar)")


#: One step of a chain `spans` follows: (kind, week, amount, days ahead). Steps in working
#: days and runs of minutes are both "ahead" (so many working days on).
_Reach = tuple[str, str, int, int]


@dataclass(frozen=True)
class PatternPlan:
    """All that the day patterns of a path depend on: paths with equal plans have equal
    patterns, day by day (`engine.verify.day_classes` keeps them per plan)."""

    chains: tuple[tuple[_Reach, ...], ...]  # the steps' runs, then the term
    weeks: tuple[str, ...]
    varied: tuple[str, ...]  # schedules whose hours or reception differ by weekday
    schedule: str  # the channel's
    banking: bool  # a step in banking days
    months: bool  # a step in months


def pattern_plan(durations: list[Duration], schedules: list[str], channel: Channel,
                 calendar: Calendar) -> PatternPlan:
    """The plan of `day_patterns` for a path."""
    chains = tuple(tuple(_reach(calendar, d, s) for d, s in chain) for chain in
                   (merged_runs(durations, schedules), [(channel.term, channel.schedule)]))
    weeks = tuple(sorted({_week(calendar, s) for s in {*schedules, channel.schedule}} - {""}))
    names = sorted({*schedules, channel.schedule, channel.reception or channel.schedule})
    varied = tuple(n for n in names if not calendar.schedule(n).uniform
                   or not calendar.schedule(calendar.schedule(n).counting).uniform)
    units = {d.unit for d in durations}
    return PatternPlan(chains, weeks, varied, channel.schedule, "bd" in units, "mo" in units)


def _reach(calendar: Calendar, duration: Duration, schedule: str) -> _Reach:
    week = _week(calendar, schedule)
    if duration.unit in ("cd", "mo", "bd"):
        return duration.unit, week, duration.amount, 1
    if duration.unit == "wd":
        return "ahead", week, 0, duration.amount + 1
    daily = calendar.schedule(calendar.schedule(schedule).counting).shortest_day
    return "ahead", week, 0, -(-duration.minutes // daily)


def day_patterns(durations: list[Duration], schedules: list[str], channel: Channel,
                  calendar: Calendar, days: Int64Array, horizon: int) -> Int64Array:
    """A row per day of receipt; days with equal rows behave the same for the path
    (`pattern_rows` of the path's `pattern_plan`; `horizon` is not needed)."""
    return pattern_rows(pattern_plan(durations, schedules, channel, calendar), calendar, days)


def pattern_rows(plan: PatternPlan, calendar: Calendar, days: Int64Array,
                 spans: Int64Array | None = None) -> Int64Array:
    """A row per day of receipt; days with equal rows behave the same for the path.

    Every working day of a week has the same working hours, so two moments of receipt
    at the same time of day lead to the same ends of the steps and of the term, the same
    number of days later, whenever the days either can reach (`spans`) are working or
    not alike on every week involved and the UTC offset is the same. The row holds, per
    week, whether each day of that span is a working day (2 past the span) and the UTC
    offsets at the start and the end of the span (the zone changes at most once in it).
    A step in banking days adds whether each day of the span is a banking day; a step in
    months, whose end hangs on the date itself, the day (every day its own pattern).
    """
    spans = reach_spans(plan, calendar, days) if spans is None else spans
    width = int(spans.max()) if spans.size else 1
    inside = np.arange(width)[None, :] < spans[:, None]
    rows = []
    for week in plan.weeks:
        table = calendar.days(week)
        flags = np.concatenate([np.asarray(table.working, dtype=np.int64),
                                np.zeros(width, dtype=np.int64)])
        rows.append(np.where(inside, flags[days[:, None] + np.arange(width)], 2))
        offsets = noon_offsets(table.start, len(table.working), calendar.timezone)
        last = np.minimum(days + spans - 1, offsets.size - 1)
        rows.append(np.stack([offsets[days], offsets[last]], axis=1))
    rows.extend(_hours_rows(plan, calendar, days, inside, width))
    if plan.banking:
        flags = np.concatenate([calendar.banking_days().astype(np.int64),
                                np.zeros(width, dtype=np.int64)])
        rows.append(np.where(inside, flags[days[:, None] + np.arange(width)], 2))
    if plan.months:
        rows.append(days[:, None].astype(np.int64))
    if not rows:
        return np.zeros((days.size, 1), dtype=np.int64)
    return np.concatenate(rows, axis=1)


def _hours_rows(plan: PatternPlan, calendar: Calendar, days: Int64Array,
                inside: npt.NDArray[np.bool_], width: int) -> list[Int64Array]:
    """Where working days differ in hours (a short Saturday) or in reception ("Wednesdays
    only"), which hours each day of the span has on each such schedule, and the weekday
    of receipt; nothing when every schedule involved has the same hours every day."""
    if not plan.varied:
        return []
    first = calendar.day_table(plan.schedule).start
    rows = [((days + first.weekday()) % 7)[:, None]]
    for name in plan.varied:
        codes = calendar.working_time(name).day_codes
        padded = np.concatenate([codes, np.zeros(width, dtype=np.int64)])
        rows.append(np.where(inside, padded[days[:, None] + np.arange(width)], -1))
    return rows


def _week(calendar: Calendar, schedule: str) -> str:
    return calendar.schedule(calendar.schedule(schedule).counting).week or ""


def reach_spans(plan: PatternPlan, calendar: Calendar, days: Int64Array) -> Int64Array:
    """For each day of receipt, how many days from it (itself included) the steps or the
    term can reach at most.

    A run of minutes on one working time that needs `a` whole working days ends at the
    latest on the a-th working day after the day it starts on; a step of n working days
    by the (n + 1)-th, of n banking days by the (n + 1)-th banking day then the next working
    day; n calendar days (n months: the date n months later) then the next working day. Each bound is applied
    to the bound of the previous step, so the last is a day no moment of that day of
    receipt can pass; one more day allows for an end at a closing.
    """
    reached = days.copy()
    for chain in plan.chains:
        current = days.copy()
        for kind, week, amount, ahead in chain:
            worked = np.flatnonzero(np.asarray(calendar.days(week).working)).astype(np.int64)
            worked = np.concatenate([worked, np.full(ahead + 2, worked[-1] + 10**6)])
            if kind == "cd":
                current = current + amount
            elif kind == "mo":
                first = calendar.days(week).start
                current = add_months_days(first, current, np.full_like(current, amount))
            elif kind == "bd":
                bank = np.flatnonzero(calendar.banking_days()).astype(np.int64)
                bank = np.concatenate([bank, np.full(amount + 2, bank[-1] + 10**6)])
                current = bank[np.minimum(np.searchsorted(bank, current, side="right") + amount,
                                          bank.size - 1)]
            if ahead:  # (past the end of the calendar, the padding: an end beyond it)
                current = worked[np.minimum(np.searchsorted(worked, current, side="right")
                                            + ahead - 1, worked.size - 1)]
        reached = np.maximum(reached, current)
    spans: Int64Array = reached - days + 2
    return spans


def merged_runs(durations: list[Duration], schedules: list[str]) -> list[tuple[Duration, str]]:
    """Consecutive steps in minutes or hours on one schedule, as one step of their total."""
    runs: list[tuple[Duration, str]] = []
    for duration, schedule in zip(durations, schedules, strict=True):
        if (runs and runs[-1][1] == schedule and not duration.is_day_based
                and not runs[-1][0].is_day_based):
            runs[-1] = (Duration(runs[-1][0].minutes + duration.minutes, "min"), schedule)
        else:
            runs.append((duration, schedule))
    return runs
