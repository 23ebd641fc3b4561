"""Which moments of receipt a path must be checked on, and no more.

Every possible moment of receipt in the calendar's years is a candidate (see
`engine.verify.receipts`). For a term in days, the latest moment of every day is enough. For a
term in minutes or hours, two days on which everything a path can reach is alike (which
of the days it can reach are working days on each week involved, and the UTC offset)
behave the same, so one representative day per such pattern is checked minute by minute.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar, CalendarError
from engine.calendar.instants import noon_offsets
from engine.calendar.months import add_months_days
from engine.spec.duration import Duration
from engine.spec.model import Channel
from engine.support.row_keys import row_keys
from engine.verify.receipts import ReceiptWindows

__all__ = ["candidates", "day_patterns", "horizon_days", "merged_runs"]

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


def candidates(channel: Channel, durations: list[Duration], schedules: list[str],
                calendar: Calendar, windows: ReceiptWindows,
                in_force: tuple[int, int] | None = None) -> Int64Array:
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
    if channel.term.is_day_based:
        days, instants = windows.latest_per_day(last_day)
        return instants[days >= first_day]
    days = windows.days[(windows.days >= first_day) & (windows.days <= last_day)]
    candidate_days = days[np.r_[True, days[1:] != days[:-1]]] if days.size else days
    signature = day_patterns(durations, schedules, channel, calendar, candidate_days, horizon)
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


def day_patterns(durations: list[Duration], schedules: list[str], channel: Channel,
                  calendar: Calendar, days: Int64Array, horizon: int) -> Int64Array:
    """A row per day of receipt; days with equal rows behave the same for the path.

    Every working day of a week has the same working hours, so two moments of receipt
    at the same time of day lead to the same ends of the steps and of the term, the same
    number of days later, whenever the days either can reach (`_spans`) are working or
    not alike on every week involved and the UTC offset is the same. The row holds, per
    week, whether each day of that span is a working day (2 past the span) and the UTC
    offsets at the start and the end of the span (the zone changes at most once in it).
    A step in banking days adds whether each day of the span is a banking day; a step in
    months, whose end hangs on the date itself, the day (every day its own pattern).
    """
    weeks = sorted({_week(calendar, s) for s in {*schedules, channel.schedule}} - {""})
    spans = _spans(durations, schedules, channel, calendar, days)
    width = int(spans.max()) if spans.size else 1
    inside = np.arange(width)[None, :] < spans[:, None]
    rows = []
    for week in weeks:
        table = calendar.days(week)
        flags = np.concatenate([np.asarray(table.working, dtype=np.int64),
                                np.zeros(width, dtype=np.int64)])
        rows.append(np.where(inside, flags[days[:, None] + np.arange(width)], 2))
        offsets = noon_offsets(table.start, len(table.working), calendar.timezone)
        last = np.minimum(days + spans - 1, offsets.size - 1)
        rows.append(np.stack([offsets[days], offsets[last]], axis=1))
    rows.extend(_hours_rows(schedules, channel, calendar, days, inside, width))
    units = {d.unit for d in durations}
    if "bd" in units:
        flags = np.concatenate([calendar.banking_days().astype(np.int64),
                                np.zeros(width, dtype=np.int64)])
        rows.append(np.where(inside, flags[days[:, None] + np.arange(width)], 2))
    if "mo" in units:
        rows.append(days[:, None].astype(np.int64))
    if not rows:
        return np.zeros((days.size, 1), dtype=np.int64)
    return np.concatenate(rows, axis=1)


def _hours_rows(schedules: list[str], channel: Channel, calendar: Calendar, days: Int64Array,
                inside: npt.NDArray[np.bool_], width: int) -> list[Int64Array]:
    """Where working days differ in hours (a short Saturday) or in reception ("Wednesdays
    only"), which hours each day of the span has on each such schedule, and the weekday
    of receipt; nothing when every schedule involved has the same hours every day."""
    names = sorted({*schedules, channel.schedule, channel.reception or channel.schedule})
    varied = [n for n in names
              if not calendar.schedule(n).uniform
              or not calendar.schedule(calendar.schedule(n).counting).uniform]
    if not varied:
        return []
    first = calendar.day_table(channel.schedule).start
    rows = [((days + first.weekday()) % 7)[:, None]]
    for name in varied:
        codes = calendar.working_time(name).day_codes
        padded = np.concatenate([codes, np.zeros(width, dtype=np.int64)])
        rows.append(np.where(inside, padded[days[:, None] + np.arange(width)], -1))
    return rows


def _week(calendar: Calendar, schedule: str) -> str:
    return calendar.schedule(calendar.schedule(schedule).counting).week or ""


def _spans(durations: list[Duration], schedules: list[str], channel: Channel,
           calendar: Calendar, days: Int64Array) -> Int64Array:
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
    runs = [(d, s) for run in merged_runs(durations, schedules) for d, s in [run]]
    for chain in (runs, [(channel.term, channel.schedule)]):
        current = days.copy()
        for duration, schedule in chain:
            week = _week(calendar, schedule)
            worked = np.flatnonzero(np.asarray(calendar.days(week).working)).astype(np.int64)
            worked = np.concatenate([worked, np.full(duration.amount + 2, worked[-1] + 10**6)])
            if duration.unit == "cd":
                current, ahead = current + duration.amount, 1
            elif duration.unit == "mo":
                first = calendar.days(week).start
                current = add_months_days(first, current, np.full_like(current, duration.amount))
                ahead = 1
            elif duration.unit == "bd":
                bank = np.flatnonzero(calendar.banking_days()).astype(np.int64)
                bank = np.concatenate([bank, np.full(duration.amount + 2, bank[-1] + 10**6)])
                current = bank[np.searchsorted(bank, current, side="right") + duration.amount]
                ahead = 1
            elif duration.unit == "wd":
                ahead = duration.amount + 1
            else:
                counting = calendar.schedule(calendar.schedule(schedule).counting)
                daily = counting.shortest_day
                ahead = -(-duration.minutes // daily)
            if ahead:
                current = worked[np.searchsorted(worked, current, side="right") + ahead - 1]
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
