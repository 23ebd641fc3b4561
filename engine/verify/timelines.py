"""The scalar arithmetic of worst cases: a step's end from an instant, instants as DateTimes.

Every verdict tells its worst case step by step (`engine.verify.worst_case`): each step's
end from the end of the one before, as `Calendar.due` counts it, and each instant as a
pendulum DateTime. A check asks this some 40,000 times, mostly for steps in minutes or hours
and in working days on a few schedules, and paths of a channel often share a worst moment
and their first steps. `Clock` answers from the calendar's working-time index directly,
keeps the DateTimes it made, and leaves every other case (and every error) to
`engine.calendar.arithmetic`, which `Calendar.due` calls.
"""

from __future__ import annotations

import datetime as dt
import weakref
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

import pendulum

from engine.calendar import Calendar, arithmetic
from engine.calendar.index import WorkingTime
from engine.calendar.instants import from_micros
from engine.spec.duration import Duration

if TYPE_CHECKING:
    from engine.verify.worst_case import TimelineEntry

__all__ = ["MICRO", "Clock", "clock"]

MICRO = 1_000_000
_UNIT_MICROS = {"min": 60 * MICRO, "h": 3600 * MICRO}


class Clock:
    """What the worst cases of one calendar ask again and again: instants as DateTimes, the
    days off between two days, steps started at an instant, each schedule's working time."""

    #: Entries kept per table before it is emptied (a check's worth, a few MB).
    LIMIT = 1 << 16

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.instants: dict[int, pendulum.DateTime] = {}
        self.contexts: dict[tuple[str, dt.date, dt.date], str] = {}
        #: A step started at an instant (microseconds): its entry in a timeline, its end.
        self.entries: dict[tuple[str, str, int, str, str, int], tuple[TimelineEntry, int]] = {}
        self.schedules: dict[str, tuple[WorkingTime, bool]] = {}

    def instant(self, micros: int) -> pendulum.DateTime:
        """The instant as a DateTime in the calendar's zone (`from_micros`)."""
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
        """`Calendar.due`, in microseconds: a step in minutes, hours or working days from an
        instant inside the calendar read off the index here, anything else by
        `arithmetic.due_micros`."""
        index, always = self.schedule(schedule)
        us = index.us
        ends = us["ends"]
        at = bisect_right(ends, micros)
        midnight = us["midnight"]
        if (exclude_acceptance_day or at == len(ends) or micros < midnight[0]
                or duration.unit not in ("min", "h", "wd")):
            return arithmetic.due_micros(index, self.received(micros, schedule), duration,
                                         exclude_acceptance_day=exclude_acceptance_day)
        starts = us["starts"]
        if always:
            micros = max(micros, starts[at])
        amount = duration.amount
        if amount == 0:
            return micros
        if duration.unit == "wd":
            rank = index.rank_list[bisect_right(midnight, micros) - 1] + amount - 1
            closes = us["close_of_rank"]
            return closes[rank] if rank < len(closes) else arithmetic.due_micros(
                index, micros, duration)
        before, through = us["before"], us["through"]
        target = before[at] + max(0, micros - starts[at]) + amount * _UNIT_MICROS[duration.unit]
        hit = bisect_left(through, target)
        if hit == len(through):
            return arithmetic.due_micros(index, micros, duration)
        return starts[hit] + target - before[hit]


    def worked(self, begin: int, finish: int, schedule: str, *,
               exclude_acceptance_day: bool = False) -> int:
        """The working time (microseconds) of `Calendar.elapsed` from `begin` to `finish`
        (`finish` not before `begin`), without the day measures it also counts; where those
        would run past the calendar, `arithmetic.elapsed_micros` raises as it does there."""
        index = self.schedule(schedule)[0]
        received = self.received(begin, schedule)
        counted = arithmetic.counting_start(index, received,
                                            exclude_acceptance_day=exclude_acceptance_day)
        arithmetic.day_of(index, finish)
        if finish <= counted.micros:
            return 0
        us, size = index.us, index.size
        closes = us["close_of_rank"]
        if (index.rank_list[counted.day] >= len(closes) or closes[-1] < finish
                or counted.day + 1 >= size or us["close_on_or_after"][size - 1] < finish):
            return arithmetic.elapsed_micros(index, received, finish,
                                             exclude_acceptance_day=exclude_acceptance_day
                                             ).working
        return arithmetic.position(index, finish) - arithmetic.position(index, counted.micros)


_CLOCKS: weakref.WeakKeyDictionary[Calendar, Clock] = weakref.WeakKeyDictionary()


def clock(calendar: Calendar) -> Clock:
    """The `Clock` of a calendar (one per calendar)."""
    found = _CLOCKS.get(calendar)
    if found is None:
        found = _CLOCKS[calendar] = Clock(calendar)
    return found
