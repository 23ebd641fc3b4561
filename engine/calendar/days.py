"""Which days are working days, per week pattern, over the covered years.

A `DayTable` answers for one week pattern (five-day, six-day): a numpy array of
working flags, one per day from 1 January of the first covered year to
31 December of the last, plus what makes each special day special. The rules:

1. A day is a working day when its weekday is a working weekday of the week.
2. A holiday is a day off, whatever its weekday.
3. A holiday with `moved_when_on_rest_day` that falls on a rest day of the week gives
   the next working day of that week that is not itself a holiday or an earlier
   moved day off (Law "On holidays", art. 5). The religious days off are not moved.
4. Transfers that name the week swap a rest day (`worked`) and a working day (`off`);
   the rest day may be a day off moved from a holiday (11 May 2020, moved from Victory
   Day on Saturday 9 May, was worked for Friday 8 May).

Examples:
    >>> from engine.calendar.loading import default_calendar
    >>> table = default_calendar().days("five_day")
    >>> table.info(dt.date(2024, 5, 4)).kind, table.is_working(dt.date(2024, 5, 4))
    ('transfer_worked', True)
    >>> table.info(dt.date(2024, 3, 25)).kind, table.info(dt.date(2024, 3, 25)).moved_from
    ('moved_day_off', datetime.date(2024, 3, 23))
    >>> table.count(2024)
    249
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from engine.calendar.errors import CalendarError, NoCalendarData
from engine.calendar.model import CalendarData

__all__ = ["DayInfo", "DayKind", "DayTable"]

#: What a day is on a given week pattern.
DayKind = Literal["working", "rest", "holiday", "moved_day_off", "transfer_off", "transfer_worked"]


@dataclass(frozen=True)
class DayInfo:
    """One day on one week pattern.

    `holidays` are the ids of the holidays falling on the day; `moved_from` is the
    holiday date a moved day off comes from, or the other day of a transfer.
    """

    date: dt.date
    working: bool
    kind: DayKind
    holidays: tuple[str, ...] = ()
    moved_from: dt.date | None = None
    source: str = ""


class DayTable:
    """Working days of one week pattern over the covered years."""

    def __init__(self, data: CalendarData, week: str, *, transfers: bool = True) -> None:
        if week not in data.weeks:
            raise CalendarError(f'unknown week "{week}" (hint: one of {", ".join(data.weeks)})')
        self.week = week
        self.covered = (data.first_year, data.last_year)
        self.start = dt.date(data.first_year, 1, 1)
        self.stop = dt.date(data.last_year + 1, 1, 1)
        size = (self.stop - self.start).days
        weekdays = (np.arange(size) + self.start.weekday()) % 7
        allowed = np.array(sorted(data.weeks[week].working_weekdays), dtype=np.int64)
        self.working: npt.NDArray[np.bool_] = np.isin(weekdays, allowed)
        self._special: dict[dt.date, DayInfo] = {}
        self._mark_holidays(data)
        if transfers:
            self._mark_transfers(data)

    def _mark_holidays(self, data: CalendarData) -> None:
        on_day: dict[dt.date, list[str]] = {}
        for item in data.holiday_dates:
            on_day.setdefault(item.date, []).append(item.holiday)
        rest_days = {d for d in on_day if self._inside(d) and not self.working[self._at(d)]}
        for day, ids in on_day.items():
            if self._inside(day):
                self.working[self._at(day)] = False
                self._special[day] = DayInfo(day, False, "holiday", tuple(ids))
        for day in sorted(rest_days):
            for holiday in on_day[day]:
                if data.holidays[holiday].moved_when_on_rest_day:
                    self._move_off(day, holiday)

    def _move_off(self, day: dt.date, holiday: str) -> None:
        target = day + dt.timedelta(days=1)
        while self._inside(target):
            if self.working[self._at(target)] and target not in self._special:
                self.working[self._at(target)] = False
                self._special[target] = DayInfo(target, False, "moved_day_off", (holiday,), day)
                return
            target += dt.timedelta(days=1)

    def _mark_transfers(self, data: CalendarData) -> None:
        for transfer in data.transfers:
            if self.week not in transfer.weeks:
                continue
            worked = DayInfo(transfer.worked, True, "transfer_worked", (), transfer.off,
                             transfer.source)
            off = DayInfo(transfer.off, False, "transfer_off", (), transfer.worked,
                          transfer.source)
            for info in (worked, off):
                if self._inside(info.date):
                    self.working[self._at(info.date)] = info.working
                    self._special[info.date] = info

    def _inside(self, day: dt.date) -> bool:
        return self.start <= day < self.stop

    def _at(self, day: dt.date) -> int:
        return (day - self.start).days

    def index(self, day: dt.date) -> int:
        """Position of `day` in the arrays.

        Raises:
            NoCalendarData: when the day is outside the covered years.
        """
        if not self._inside(day):
            raise NoCalendarData(day.year, self.covered)
        return self._at(day)

    def date(self, index: int) -> dt.date:
        """The day at a position of the arrays."""
        return self.start + dt.timedelta(days=int(index))

    def is_working(self, day: dt.date) -> bool:
        """Whether `day` is a working day on this week pattern."""
        return bool(self.working[self.index(day)])

    def info(self, day: dt.date) -> DayInfo:
        """What `day` is: a plain working or rest day, a holiday, a moved or transferred day."""
        working = self.is_working(day)
        special = self._special.get(day)
        if special is not None:
            return special
        return DayInfo(day, working, "working" if working else "rest")

    def count(self, year: int) -> int:
        """Number of working days in `year`."""
        first = self.index(dt.date(year, 1, 1))
        last = self.index(dt.date(year, 12, 31))
        return int(self.working[first : last + 1].sum())
