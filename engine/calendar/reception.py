"""When an office takes applications: the reception windows of a schedule, day by day.

An office takes an application only in its reception hours: the standard's clause on the
schedule says when "the application is accepted and the result issued" (e.g. seed 004:
"прием заявлений и выдача результатов ... с 9.00 до 17.30 часов с перерывом на обед с
13.00 до 14.30"; "documents are accepted on Wednesdays only" in other texts). Each working
day of the office's week has the reception hours of its weekday (`Schedule.reception_on`),
none on a weekday without reception. The executor refuses an application at an office
outside them (`Calendar.reception_refusal`); the verifier takes every moment inside them
as a possible moment of receipt (`engine.verify.receipts`). A 24/7 intake (the portal) has
no windows: it receives at any time, counted from the next working period.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from engine.calendar.arithmetic import day_of
from engine.calendar.instants import from_micros, local_micros_days, to_micros
from engine.calendar.model import Schedule

if TYPE_CHECKING:
    from engine.calendar.core import Calendar

__all__ = [
    "WEEKDAY_WORDS", "ReceptionWindows", "describe_reception", "reception_refusal",
    "reception_windows",
]

Int64Array = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ReceptionWindows:
    """Half-open reception windows [start, end) in epoch microseconds, in order, with the
    index of each one's day in the calendar's day table."""

    days: Int64Array
    starts: Int64Array
    ends: Int64Array
    first_day: dt.date

    def contains(self, micros: int) -> bool:
        """Whether the instant is inside a reception window."""
        i = int(np.searchsorted(self.starts, micros, side="right")) - 1
        return i >= 0 and micros < int(self.ends[i])

    def next_start(self, micros: int) -> int | None:
        """The start of the first window after `micros` (None past the covered years)."""
        i = int(np.searchsorted(self.starts, micros, side="right"))
        return int(self.starts[i]) if i < self.starts.size else None


_CACHE: weakref.WeakKeyDictionary[Calendar, dict[str, ReceptionWindows]] = \
    weakref.WeakKeyDictionary()


def reception_windows(calendar: Calendar, schedule_name: str) -> ReceptionWindows:
    """The reception windows of every working day of the schedule's own week (built once
    per calendar and schedule)."""
    known = _CACHE.setdefault(calendar, {})
    if schedule_name not in known:
        schedule = calendar.schedule(schedule_name)
        known[schedule_name] = _windows(calendar, schedule)
    return known[schedule_name]


def _windows(calendar: Calendar, schedule: Schedule) -> ReceptionWindows:
    own = calendar.days(schedule.week or "")
    first, size = own.date(0), len(own.working)
    weekdays = (np.arange(size) + first.weekday()) % 7
    working = np.asarray(own.working, dtype=bool)
    days_parts, starts_parts, ends_parts = [], [], []
    for weekday in range(7):
        worked = np.flatnonzero(working & (weekdays == weekday)).astype(np.int64)
        for p in schedule.reception_on(weekday):
            days_parts.append(worked)
            starts_parts.append(local_micros_days(first, size, p.start, calendar.timezone,
                                                  fold=0)[worked])
            ends_parts.append(local_micros_days(first, size, p.end, calendar.timezone,
                                                fold=1)[worked])
    if not starts_parts:
        empty = np.empty(0, dtype=np.int64)
        return ReceptionWindows(empty, empty, empty.copy(), first)
    starts = np.concatenate(starts_parts)
    order = np.argsort(starts, kind="stable")
    return ReceptionWindows(np.concatenate(days_parts)[order], starts[order],
                            np.concatenate(ends_parts)[order], first)


#: Weekday names in Kazakh and Russian, as a schedule clause says them ("on Wednesdays").
WEEKDAY_WORDS: dict[str, tuple[str, ...]] = {
    "kk": ("дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі", "жексенбі"),
    "ru": ("по понедельникам", "по вторникам", "по средам", "по четвергам", "по пятницам",
           "по субботам", "по воскресеньям"),
    "en": ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"),
}


def describe_reception(schedule: Schedule, working_weekdays: frozenset[int],
                       lang: str = "en") -> str:
    """The reception days and hours in words, weekdays with the same hours together, e.g.
    "Wednesdays 09:00-13:00" or (kk) "сәрсенбі 09:00-13:00"."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for weekday in sorted(working_weekdays):
        periods = schedule.reception_on(weekday)
        if periods:
            groups.setdefault(tuple(map(str, periods)), []).append(weekday)
    words = WEEKDAY_WORDS[lang]
    return "; ".join(f"{', '.join(words[d] for d in days)} {', '.join(hours)}"
                     for hours, days in groups.items()) or "—"



def reception_refusal(calendar: Calendar, instant: dt.datetime | int, schedule: str,
                      reception: str | None = None) -> str | None:
    """Why an office on `schedule` does not take an application at `instant` (epoch
    microseconds or an aware datetime): it is outside the reception windows of the schedule
    `reception` (the schedule's own when None). None inside them, and always for a 24/7
    intake (the portal), which receives at any time.

    An office takes applications only in the hours its standard gives for accepting them;
    nothing lets it count one handed in outside them from the next window, as the texts say
    for the portal alone (docs/calendar.md, "Writing a schedule").
    """
    if calendar.schedule(schedule).intake == "always":
        return None
    micros = instant if isinstance(instant, int) else to_micros(instant)
    day_of(calendar.working_time(schedule), micros)  # NoCalendarData outside the years
    name = reception or schedule
    windows = reception_windows(calendar, name)
    if windows.contains(micros):
        return None
    own = calendar.schedule(name)
    weekdays = calendar.data.weeks[own.week or ""].working_weekdays
    when = from_micros(micros, calendar.timezone)
    following = windows.next_start(micros)
    upcoming = ("" if following is None else "; the next reception opens "
                f"{from_micros(following, calendar.timezone):%a %Y-%m-%d %H:%M}")
    return (f"received {when:%a %Y-%m-%d %H:%M}, outside the reception hours of "
            f'"{name}" ({describe_reception(own, weekdays)}){upcoming} (hint: an office '
            "takes applications only in its reception hours; give the moment of receipt in "
            "them, or apply through a channel open then)")
