"""The worst case of a path, told as a report tells it.

Once the verifier has found the worst moment of receipt of a path (`engine.verify.proof`),
this module rebuilds what happens then: the timeline of its steps on the calendar, the
time the path takes in the unit of the term and a time of day ("16 wd to 14:30", "35 min"), the holidays and
moved days off the case runs into, and the plain sum of the step durations when they
are all in the unit of the term.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import pendulum

from engine.calendar import Calendar, arithmetic
from engine.calendar.index import WorkingTime
from engine.calendar.instants import from_micros, to_micros
from engine.calendar.meetings import meeting_micros
from engine.spec.duration import Duration
from engine.spec.meetings import Meeting
from engine.spec.model import Channel, Step

__all__ = ["TimelineEntry", "Worst", "plain_sum", "show", "worst_case"]

_MICRO = 1_000_000
_MINUTE = 60 * _MICRO


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


class _Memo:
    """What worst cases of one calendar ask again and again: instants as DateTimes, the
    days off between two days, each schedule's working time and intake."""

    LIMIT = 1 << 16

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.instants: dict[int, pendulum.DateTime] = {}
        self.contexts: dict[tuple[str, dt.date, dt.date], str] = {}
        self.schedules: dict[str, tuple[WorkingTime, bool]] = {}

    def instant(self, micros: int) -> pendulum.DateTime:
        found = self.instants.get(micros)
        if found is None:
            if len(self.instants) >= self.LIMIT:
                self.instants.clear()
            found = self.instants[micros] = from_micros(micros, self.calendar.timezone)
        return found

    def schedule(self, name: str) -> tuple[WorkingTime, bool]:
        """The working time a schedule counts on, and whether it takes applications at any
        hour (24/7 intake: a start outside working time counts from the next period)."""
        if name not in self.schedules:
            self.schedules[name] = (self.calendar.working_time(name),
                                    self.calendar.schedule(name).intake == "always")
        return self.schedules[name]

    def received(self, micros: int, schedule: str) -> int:
        """`Calendar.receive`, in microseconds."""
        index, always = self.schedule(schedule)
        if always:
            return arithmetic.receive_micros(index, micros)
        arithmetic.day_of(index, micros)
        return micros

    def due(self, micros: int, duration: Duration, schedule: str, *,
            exclude_acceptance_day: bool = False) -> int:
        """`Calendar.due`, in microseconds."""
        return arithmetic.due_micros(self.schedule(schedule)[0], self.received(micros, schedule),
                                     duration, exclude_acceptance_day=exclude_acceptance_day)


_MEMOS: weakref.WeakKeyDictionary[Calendar, _Memo] = weakref.WeakKeyDictionary()


def _memo(calendar: Calendar) -> _Memo:
    memo = _MEMOS.get(calendar)
    if memo is None:
        memo = _MEMOS[calendar] = _Memo(calendar)
    return memo


def worst_case(received: int, ends: int, term_end: int, steps: list[Step],
               durations: list[Duration], schedules: list[str], channel: Channel,
               calendar: Calendar, term_schedule: str | None = None,
               waits: Sequence[Meeting | None] | None = None) -> Worst:
    """What happens on the moment of receipt `received` (seconds): each step's timeline, the
    time taken in the term's unit, and the days off it runs into. `term_schedule` is the
    schedule the term counts on (`Calendar.term_schedule`; the channel's by default);
    `waits`, per step, the meeting it waits for before its duration runs."""
    memo = _memo(calendar)
    counted = term_schedule or channel.schedule
    start = memo.instant(received * _MICRO)
    timeline = []
    current, at = start, received * _MICRO
    for n, (step, duration, schedule) in enumerate(zip(steps, durations, schedules,
                                                         strict=True)):
        meeting = waits[n] if waits else None
        ready = at
        if meeting is not None:
            ready = meeting_micros(memo.schedule(schedule)[0], meeting, at)
        at = memo.due(ready, duration, schedule)
        finish = memo.instant(at)
        timeline.append(TimelineEntry(step.id, step.actor, duration, current, finish))
        current = finish
    end = memo.instant(ends * _MICRO)
    return Worst(start, end, memo.instant(term_end * _MICRO),
                 _takes(start, end, channel, calendar, counted),
                 _context(start, memo.instant(max(ends, term_end) * _MICRO), calendar, counted),
                 tuple(timeline))


def _takes(start: pendulum.DateTime, end: pendulum.DateTime, channel: Channel,
           calendar: Calendar, schedule: str) -> str:
    """The time the path takes, in the unit of the term and a time of day.

    A term in days: "16 wd to 14:30", the steps end at 14:30 on the 16th working day after the
    day of receipt, as the term counts its days (a term of 15 wd ends at the close of the
    15th; banking days the same, "6 bd to 10:00"); "0 wd (the day of receipt) to 17:49" when
    they end on the day of receipt, which the count leaves out; calendar days and months as
    long as the shortest term in that unit that covers them would be ("2 mo to 11:00"). A term in minutes or
    hours: the working time from receipt to the end on the term's schedule, "35 min", and
    "to 19:10" when the steps end outside its working hours.
    """
    clock = f"{end.hour:02d}:{end.minute:02d}"
    memo = _memo(calendar)
    if not channel.term.is_day_based:
        exclude = channel.acceptance_day_excluded
        begin, finish = to_micros(start), to_micros(end)
        if finish < begin:
            calendar.elapsed(start, end, schedule)  # raises the explanation
        index = memo.schedule(schedule)[0]
        measured = arithmetic.elapsed_micros(index, memo.received(begin, schedule), finish,
                                             exclude_acceptance_day=exclude)
        minutes = measured.working // _MINUTE
        reached = memo.due(begin, Duration(minutes, "min"), schedule,
                           exclude_acceptance_day=exclude)
        figure = _minutes(minutes)
        return f"{figure} to {clock}" if finish > reached else figure
    unit = channel.term.unit
    first, last = dt.date(start.year, start.month, start.day), dt.date(end.year, end.month, end.day)
    if last == first:
        return f"0 {unit} (the day of receipt) to {clock}"
    if unit in ("cd", "mo"):  # as long as a term of that many calendar days (months) would be
        elapsed = calendar.elapsed(start, end, schedule,
                                   exclude_acceptance_day=channel.acceptance_day_excluded)
        return f"{elapsed.calendar_days if unit == 'cd' else elapsed.months} {unit} to {clock}"
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
        return f"{days} {unit} and {last.isoformat()}, not a {what}, to {clock}"
    return f"{days} {unit} to {clock}"


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
    contexts = _memo(calendar).contexts
    key = (schedule, day, last)
    if key not in contexts:
        if len(contexts) >= _Memo.LIMIT:
            contexts.clear()
        contexts[key] = _days_off(day, last, calendar, schedule)
    return contexts[key]


def _days_off(day: dt.date, last: dt.date, calendar: Calendar, schedule: str) -> str:
    names = calendar.data.holidays
    table = calendar.day_table(schedule)
    seen: dict[str, dt.date] = {}
    for offset in range((last - day).days + 1):
        when = day + dt.timedelta(days=offset)
        if table.working[table.index(when)]:
            continue
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

