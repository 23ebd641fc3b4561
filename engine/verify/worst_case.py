"""The worst case of a path, told as a report tells it.

Once the verifier has found the worst moment of receipt of a path (`engine.verify.proof`),
this module rebuilds what happens then: the timeline of its steps on the calendar, the
time the path takes in the unit of the term and a time of day ("16 wd to 14:30", "35 min"), the holidays and
moved days off the case runs into, and the plain sum of the step durations when they
are all in the unit of the term.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pendulum

from engine.calendar import Calendar
from engine.calendar.meetings import meeting_micros
from engine.spec.duration import Duration
from engine.spec.meetings import Meeting
from engine.spec.model import Channel, Step
from engine.verify.timelines import MICRO, Clock, clock

__all__ = ["TimelineEntry", "Worst", "plain_sum", "show", "worst_case"]

_MINUTE = 60 * MICRO


@dataclass(frozen=True)
class TimelineEntry:
    """One step of a path on a concrete start: who, from when, until when."""

    step: str
    actor: str
    duration: Duration
    start: pendulum.DateTime
    end: pendulum.DateTime


@dataclass(frozen=True)
class Worst:
    """The worst moment of receipt for a path, and what happens then."""

    received: pendulum.DateTime
    steps_end: pendulum.DateTime
    term_end: pendulum.DateTime
    takes: str
    context: str
    timeline: tuple[TimelineEntry, ...]

    @property
    def margin(self) -> dt.timedelta:
        """How long before the term's end the steps finish (negative when late)."""
        return self.term_end - self.steps_end


def show(instant: pendulum.DateTime) -> str:
    return instant.format("YYYY-MM-DD HH:mm")


def worst_case(received: int, ends: int, term_end: int, steps: list[Step],
               durations: list[Duration], schedules: list[str], channel: Channel,
               calendar: Calendar, term_schedule: str | None = None,
               waits: Sequence[Meeting | None] | None = None) -> Worst:
    """What happens on the moment of receipt `received` (seconds): each step's timeline, the
    time taken in the term's unit, and the days off it runs into. `term_schedule` is the
    schedule the term counts on (`Calendar.term_schedule`; the channel's by default);
    `waits`, per step, the meeting it waits for before its duration runs."""
    memo = clock(calendar)
    counted = term_schedule or channel.schedule
    start = memo.instant(received * MICRO)
    timeline = []
    current, at = start, received * MICRO
    entries = memo.entries
    for n, (step, duration, schedule) in enumerate(zip(steps, durations, schedules,
                                                         strict=True)):
        meeting = waits[n] if waits else None
        key = (step.id, step.actor, duration.amount, duration.unit, schedule, at)
        known = None if meeting is not None else entries.get(key)
        if known is None:
            ready = at
            if meeting is not None:
                ready = meeting_micros(memo.schedule(schedule)[0], meeting, at)
            finish = memo.due(ready, duration, schedule)
            known = (TimelineEntry(step.id, step.actor, duration, current,
                                   memo.instant(finish)), finish)
            if meeting is None:
                if len(entries) >= Clock.LIMIT:
                    entries.clear()
                entries[key] = known
        entry, at = known
        timeline.append(entry)
        current = entry.end
    end = memo.instant(ends * MICRO)
    return Worst(start, end, memo.instant(term_end * MICRO),
                 _takes(start, end, channel, calendar, counted, received * MICRO, ends * MICRO),
                 _context(start, memo.instant(max(ends, term_end) * MICRO), calendar, counted),
                 tuple(timeline))


def _takes(start: pendulum.DateTime, end: pendulum.DateTime, channel: Channel,
           calendar: Calendar, schedule: str, begin: int, finish: int) -> str:
    """The time the path takes, in the unit of the term and a time of day.

    A term in days: "16 wd to 14:30", the steps end at 14:30 on the 16th working day after the
    day of receipt, as the term counts its days (a term of 15 wd ends at the close of the
    15th; banking days the same, "6 bd to 10:00"); "0 wd (the day of receipt) to 17:49" when
    they end on the day of receipt, which the count leaves out; calendar days and months as
    long as the shortest term in that unit that covers them would be ("2 mo to 11:00"). A term in minutes or
    hours: the working time from receipt to the end on the term's schedule, "35 min", and
    "to 19:10" when the steps end outside its working hours.
    """
    time_of_day = f"{end.hour:02d}:{end.minute:02d}"
    memo = clock(calendar)
    if not channel.term.is_day_based:
        exclude = channel.acceptance_day_excluded
        if finish < begin:
            calendar.elapsed(start, end, schedule)  # raises the explanation
        minutes = memo.worked(begin, finish, schedule, exclude_acceptance_day=exclude) // _MINUTE
        reached = memo.due(begin, Duration(minutes, "min"), schedule,
                           exclude_acceptance_day=exclude)
        figure = _minutes(minutes)
        return f"{figure} to {time_of_day}" if finish > reached else figure
    unit = channel.term.unit
    first, last = dt.date(start.year, start.month, start.day), dt.date(end.year, end.month, end.day)
    if last == first:
        return f"0 {unit} (the day of receipt) to {time_of_day}"
    if unit in ("cd", "mo"):  # as long as a term of that many calendar days (months) would be
        elapsed = calendar.elapsed(start, end, schedule,
                                   exclude_acceptance_day=channel.acceptance_day_excluded)
        return f"{elapsed.calendar_days if unit == 'cd' else elapsed.months} {unit} to {time_of_day}"
    table = calendar.day_table(schedule)
    at, until = table.index(first), table.index(last)
    if unit == "bd":
        flags = calendar.banking_days()
        days = int(flags[at + 1:until + 1].sum())
    else:  # the working days after the day of receipt, up to the last: a difference of ranks
        flags = table.working
        ranks = memo.schedule(schedule)[0].rank_list
        days = ranks[until] - ranks[at]
    if not flags[until]:
        what = "banking day" if unit == "bd" else "working day of the term"
        return f"{days} {unit} and {last.isoformat()}, not a {what}, to {time_of_day}"
    return f"{days} {unit} to {time_of_day}"


def _minutes(total: int) -> str:
    hours, minutes = divmod(total, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


def _context(start: pendulum.DateTime, end: pendulum.DateTime, calendar: Calendar,
             schedule: str) -> str:
    """Name the holidays and moved days off the case runs into, first day of each."""
    # Plain dates: pendulum's date arithmetic is some 20x slower, and every verdict asks.
    day = dt.date(start.year, start.month, start.day)
    last = dt.date(end.year, end.month, end.day)
    contexts = clock(calendar).contexts
    key = (schedule, day, last)
    if key not in contexts:
        if len(contexts) >= Clock.LIMIT:
            contexts.clear()
        contexts[key] = _days_off(day, last, calendar, schedule)
    return contexts[key]


def _days_off(day: dt.date, last: dt.date, calendar: Calendar, schedule: str) -> str:
    names = calendar.data.holidays
    table = calendar.day_table(schedule)
    first = table.index(day)
    table.index(last)  # (outside the calendar: its error)
    seen: dict[str, dt.date] = {}
    for offset in np.flatnonzero(~table.working[first:first + (last - day).days + 1]).tolist():
        when = day + dt.timedelta(days=offset)
        info = table.info(when)
        for holiday in info.holidays:
            seen.setdefault(names[holiday].name.en or holiday if holiday in names else holiday,
                            when)
        if info.moved_from is not None and not info.holidays:
            seen.setdefault("a moved day off", when)
    if not seen:
        return ""
    parts = [f"{name} {when.isoformat()}" for name, when in sorted(seen.items(),
                                                                   key=lambda i: i[1])]
    return f" (before {', '.join(parts[:4])}{', ...' if len(parts) > 4 else ''})"


def plain_sum(durations: list[Duration], term: Duration) -> str | None:
    """"5+5+10+5+5 min = 30 min ≤ 30 min" when every step is in the unit of the term."""
    if not durations or any(d.unit != term.unit for d in durations):
        return None
    total = sum(d.amount for d in durations)
    sign = "≤" if total <= term.amount else ">"
    parts = "+".join(str(d.amount) for d in durations)
    return f"{parts} {term.unit} = {total} {term.unit} {sign} {term}"

