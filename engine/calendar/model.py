"""The calendar as frozen records: what `specs/calendars/*.yaml` says, resolved.

`CalendarData` is the whole calendar after the holiday base of the `holidays`
package has been merged with the spec's yearly dates and corrections; nothing
downstream reads the package or the YAML again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from engine.spec.model import Text

__all__ = [
    "WEEKDAYS",
    "BankingDay",
    "BankingDays",
    "CalendarData",
    "Correction",
    "DayPeriods",
    "Holiday",
    "HolidayDate",
    "Intake",
    "Period",
    "Schedule",
    "Transfer",
    "Week",
    "YearData",
]

#: Weekday keys of the YAML, Monday first (the index is `date.weekday()`).
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: How a schedule takes applications: only in its working hours, or at any time.
Intake = Literal["hours", "always"]


@dataclass(frozen=True, order=True)
class Period:
    """A span of a day in local minutes after midnight, `start` inclusive, `end` exclusive.

    Examples:
        >>> str(Period(540, 780))
        '09:00-13:00'
        >>> Period(540, 780).minutes
        240
    """

    start: int
    end: int

    @property
    def minutes(self) -> int:
        """Length of the period in minutes."""
        return self.end - self.start

    def __str__(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end)}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Week:
    """A pattern of working weekdays (0 = Monday), e.g. the five-day week."""

    id: str
    title: Text
    working_weekdays: frozenset[int]


@dataclass(frozen=True)
class Holiday:
    """A holiday of the Law "On holidays", or a religious day off.

    `moved_when_on_rest_day` is false for the religious days off (7 January, the first
    day of Kurban Ait): when they fall on a rest day, no other day is given off.
    `set_each_year` marks holidays whose date each covered year must state.
    """

    id: str
    name: Text
    package_name: str
    moved_when_on_rest_day: bool
    set_each_year: bool = False


@dataclass(frozen=True, order=True)
class HolidayDate:
    """One date on which a holiday falls (before any move off a rest day)."""

    date: dt.date
    holiday: str


@dataclass(frozen=True)
class Transfer:
    """A day off moved by government order: `worked` becomes working, `off` a day off."""

    worked: dt.date
    off: dt.date
    weeks: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Correction:
    """A holiday date added to, or removed from, the package's base, with its source."""

    date: dt.date
    holiday: str
    action: Literal["add", "remove"]
    source: str
    note: str = ""


@dataclass(frozen=True)
class YearData:
    """What the calendar vouches for in one year.

    A `provisional` year is covered so that terms can be counted into it, but its
    transfer order (and so its count of working days) was not published when the data
    was written: its days follow the law alone, and may change when the order comes.
    """

    year: int
    source: str
    dates: Mapping[str, dt.date]
    transfers: tuple[Transfer, ...]
    official_counts: Mapping[str, int] = field(default_factory=dict)
    provisional: bool = False


#: Periods of a day per weekday (0 = Monday), for the weekdays that differ from the default.
DayPeriods = tuple[tuple[int, tuple[Period, ...]], ...]


@dataclass(frozen=True)
class Schedule:
    """A named schedule standards refer to: working periods on a week pattern.

    `periods` are the working periods of a working day; `days` gives other periods for
    the weekdays whose hours differ (a short Saturday). `reception` are the periods in
    which applications are taken, when narrower than the working hours; `reception_weekdays`
    restricts reception to some weekdays ("on Wednesdays only"; None: every working day)
    and `reception_days` gives other reception periods per weekday ("Tuesday 9:00-18:00,
    Thursday 9:00-12:00"). A schedule with `intake="always"` (the portal) takes
    applications at any time and counts its terms on the schedule named by `counts_on`.
    `where` is the `file:line:col` of its definition, for messages; `office` the office
    whose hours these are, when the spec says so.
    """

    id: str
    title: Text
    week: str | None
    periods: tuple[Period, ...]
    reception: tuple[Period, ...]
    intake: Intake
    counts_on: str | None
    source: str
    days: DayPeriods = ()
    reception_weekdays: frozenset[int] | None = None
    reception_days: DayPeriods = ()
    where: str = ""
    office: str | None = None

    @property
    def counting(self) -> str:
        """The schedule whose working time the terms are counted on."""
        return self.counts_on or self.id

    def periods_on(self, weekday: int) -> tuple[Period, ...]:
        """The working periods of a working day falling on `weekday` (0 = Monday).

        Examples:
            >>> short = Schedule("s", Text("", ""), "six_day", (Period(540, 1080),), (),
            ...                  "hours", None, "", days=((5, (Period(540, 780),)),))
            >>> [str(p) for p in short.periods_on(5)], [str(p) for p in short.periods_on(0)]
            (['09:00-13:00'], ['09:00-18:00'])
        """
        for day, periods in self.days:
            if day == weekday:
                return periods
        return self.periods

    def reception_on(self, weekday: int) -> tuple[Period, ...]:
        """The reception periods of a working day falling on `weekday` (empty: no reception)."""
        for day, periods in self.reception_days:
            if day == weekday:
                return periods
        if self.reception_weekdays is not None and weekday not in self.reception_weekdays:
            return ()
        return self.reception or self.periods_on(weekday)

    @property
    def uniform(self) -> bool:
        """True when every working day has the same hours and the same reception."""
        return not self.days and not self.reception_days and self.reception_weekdays is None

    @property
    def shortest_day(self) -> int:
        """Working minutes of the shortest working day (a short Saturday, if any)."""
        return min(sum(p.minutes for p in periods)
                   for periods in (self.periods, *(p for _, p in self.days)))


@dataclass(frozen=True)
class BankingDay:
    """One dated fact about a banking day: whether `date` was one, and who says so.

    It agrees with the rule of `BankingDays` (evidence) or overrides it.
    """

    date: dt.date
    banking: bool
    source: str


@dataclass(frozen=True)
class BankingDays:
    """Which days are banking days: the working days of `week`, except, when
    `transferred_working_days` is false, the rest days worked by a transfer of days off;
    then the dated `days` (engine.calendar.banking, docs/calendar.md "Banking days")."""

    week: str
    transferred_working_days: bool
    source: str
    note: str = ""
    days: tuple[BankingDay, ...] = ()


@dataclass(frozen=True)
class CalendarData:
    """A whole working-time calendar, resolved and checked."""

    id: str
    title: Text
    timezone: str
    weeks: Mapping[str, Week]
    holidays: Mapping[str, Holiday]
    holiday_dates: tuple[HolidayDate, ...]
    years: tuple[YearData, ...]
    corrections: tuple[Correction, ...]
    schedules: Mapping[str, Schedule]
    path: str = ""
    #: The banking days (`banking_days:` of the spec); None when the calendar has none.
    banking: BankingDays | None = None

    @property
    def first_year(self) -> int:
        """The first covered year."""
        return self.years[0].year

    @property
    def last_year(self) -> int:
        """The last covered year."""
        return self.years[-1].year

    @property
    def provisional_years(self) -> frozenset[int]:
        """The covered years marked provisional (no transfer order published yet)."""
        return frozenset(y.year for y in self.years if y.provisional)

    @property
    def transfers(self) -> tuple[Transfer, ...]:
        """All transfers of days off, in the order of the years."""
        return tuple(t for year in self.years for t in year.transfers)
