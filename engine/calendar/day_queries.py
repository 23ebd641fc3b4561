"""The days of a `Calendar`: which are working days on a week, and which are banking days.

`DayQueries` is the part of `engine.calendar.core.Calendar` that answers about whole days
(the covered years, a week's `DayTable`, banking days); `Calendar` adds the schedules, the
days and working time each counts on, and the arithmetic of terms.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt

from engine.calendar.banking import banking_flags
from engine.calendar.days import DayTable
from engine.calendar.errors import NoCalendarData
from engine.calendar.model import CalendarData
from engine.calendar.terms import LEGAL_WEEK

__all__ = ["DayQueries"]


class DayQueries:
    """Whole days of a calendar: its years, the working days of each week, banking days."""

    def __init__(self, data: CalendarData) -> None:
        self.data = data
        self._days: dict[str, DayTable] = {}
        self._banking: npt.NDArray[np.bool_] | None = None

    @property
    def years(self) -> tuple[int, int]:
        """First and last covered year."""
        return self.data.first_year, self.data.last_year

    def check_year(self, year: int) -> None:
        """Raise `NoCalendarData` unless `year` is covered."""
        if not self.data.first_year <= year <= self.data.last_year:
            raise NoCalendarData(year, self.years)

    def days(self, week: str) -> DayTable:
        """The working days of a week pattern (`five_day`, `six_day`)."""
        if week not in self._days:
            self._days[week] = DayTable(self.data, week)
        return self._days[week]

    def banking_days(self) -> npt.NDArray[np.bool_]:
        """One flag per covered day: is it a banking day (`engine.calendar.banking`)."""
        if self._banking is None:
            self._banking = banking_flags(self.data)
        return self._banking

    def is_banking_day(self, day: dt.date) -> bool:
        """Whether `day` is a banking day (`engine.calendar.banking`; `CalendarError` when the
        calendar defines none, `NoCalendarData` outside its years)."""
        return bool(self.banking_days()[self.days(LEGAL_WEEK).index(day)])
