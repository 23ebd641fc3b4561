"""The moments at which an application can be received on a channel.

The verifier must consider every possible moment of receipt in the calendar's
years. Reception hours bound them at the office; a 24/7 intake (the portal) is
normalised to the working time it counts on. Moments are whole minutes, as
epoch seconds.

Two reductions keep "every moment" exact and small; the moments they leave are the ones a
verdict counts as covered (`Verdict.candidates`):

- for a term in days, the term's end depends only on the day of receipt while
  the end of the steps is monotone in the moment, so the latest moment of each
  day is the worst of that day (`latest_per_day`);
- for a term in minutes or hours, days whose surroundings (which days ahead are
  working days on each week involved) are the same behave the same, so one
  representative day per such pattern is enumerated minute by minute
  (`every_minute`).

Those moments are all covered, but not all composed: the slack of a path is evaluated only
where it can be least (`engine.verify.judging`). Over the minutes of a window it is affine
between the breaks of its steps' ends and of the term's (`engine.verify.breakpoints`), so its
earliest least value is at a break or a minute next to one, or at a window's end. From the
latest moments of days of receipt whose surroundings are alike as far as a path's steps reach,
the steps take as long (`engine.verify.day_classes`): they are composed on the first such day,
and the slack of every day follows.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar
from engine.calendar.reception import reception_windows

__all__ = ["ReceiptWindows", "receipt_windows"]

_MINUTE = 60
Int64Array = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ReceiptWindows:
    """Half-open intervals [start, end) of possible receipt, per day of the calendar."""

    days: Int64Array  # index of the day in the calendar's day table
    starts: Int64Array  # epoch seconds
    ends: Int64Array
    first_day: dt.date

    def latest_per_day(self, last_day: int) -> tuple[Int64Array, Int64Array]:
        """The last receipt minute of every day up to `last_day`: (days, instants)."""
        keep = self.days <= last_day
        days, ends = self.days[keep], self.ends[keep]
        if days.size == 0:
            return days, ends
        last = np.r_[days[1:] != days[:-1], True]
        return days[last], ends[last] - _MINUTE

    def every_minute(self, chosen_days: Int64Array) -> Int64Array:
        """Every receipt minute of the chosen days."""
        keep = np.isin(self.days, chosen_days)
        starts, ends = self.starts[keep], self.ends[keep]
        counts = (ends - starts) // _MINUTE
        if counts.sum() == 0:
            return np.empty(0, dtype=np.int64)
        offsets = np.arange(counts.sum(), dtype=np.int64) - np.repeat(
            np.cumsum(counts) - counts, counts)
        minutes: Int64Array = np.repeat(starts, counts) + offsets * _MINUTE
        return minutes


#: Windows already computed, per calendar and schedule: every channel of every regulation
#: on one schedule shares them (a calendar does not change once built).
_WINDOWS: weakref.WeakKeyDictionary[Calendar, dict[str, ReceiptWindows]] = \
    weakref.WeakKeyDictionary()


def receipt_windows(calendar: Calendar, schedule_name: str) -> ReceiptWindows:
    """When applications can be received on a channel whose schedule is `schedule_name`.

    Computed once per calendar and schedule; the arrays are shared, never modified.
    """
    known = _WINDOWS.setdefault(calendar, {})
    if schedule_name not in known:
        known[schedule_name] = _receipt_windows(calendar, schedule_name)
    return known[schedule_name]


def _receipt_windows(calendar: Calendar, schedule_name: str) -> ReceiptWindows:
    schedule = calendar.schedule(schedule_name)
    index = calendar.working_time(schedule_name)
    table = index.days
    if schedule.intake == "always":
        starts = index.s["starts"]
        ends = index.s["ends"]
        midnight = index.s["midnight"]
        days = np.searchsorted(midnight, starts, side="right").astype(np.int64) - 1
        return ReceiptWindows(days, starts, ends, table.date(0))
    found = reception_windows(calendar, schedule_name)
    return ReceiptWindows(found.days, found.starts // 10**6, found.ends // 10**6,
                          found.first_day)
