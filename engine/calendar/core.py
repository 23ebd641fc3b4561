"""`Calendar`: the public face of the working-time calendar.

A `Calendar` wraps resolved `CalendarData`, builds each week's `DayTable` and each
schedule's `WorkingTime` index on first use, and answers in pendulum DateTimes in
the calendar's zone. Schedules are named (`provider`, `gov_corp`, `portal`, ...);
a schedule with 24/7 intake (the portal) first normalises the instant with
`receive()` and then counts on the schedule it names in `counts_on`. The schedules a term
counts on and `Elapsed` are in `engine.calendar.terms`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import pendulum

from engine.calendar import arithmetic, batch
from engine.calendar.day_queries import DayQueries
from engine.calendar.days import DayInfo, DayTable
from engine.calendar.errors import CalendarError
from engine.calendar.index import WorkingTime
from engine.calendar.instants import from_micros, to_micros
from engine.calendar.model import CalendarData, Schedule
from engine.calendar.terms import (
    DEFAULT_SCHEDULE,
    LEGAL_WEEK,
    Elapsed,
    as_duration,
    check_week,
    derive_schedule,
    named_schedule,
    provisional_note,
)
from engine.spec.duration import Duration, Unit

__all__ = ["DEFAULT_SCHEDULE", "LEGAL_WEEK", "Calendar", "Elapsed"]


class Calendar(DayQueries):
    """Working days and working time of one calendar, with term arithmetic."""

    def __init__(self, data: CalendarData) -> None:
        super().__init__(data)
        self._indexes: dict[str, WorkingTime] = {}
        #: Schedules made from named ones for the terms they count (`term_schedule`), and
        #: the week of the office each was made from.
        self._derived: dict[str, Schedule] = {}
        self._office_week: dict[str, str] = {}

    def extended(self, data: CalendarData) -> Calendar:
        """A calendar on `data`, this one's with more weeks and schedules (authored ones),
        sharing the day tables and indexes already built."""
        other = Calendar(data)
        other._days, other._derived = dict(self._days), dict(self._derived)
        other._office_week = dict(self._office_week)
        other._indexes = {name: index for name, index in self._indexes.items()
                          if data.schedules.get(name) == self.data.schedules.get(name)}
        return other

    @property
    def timezone(self) -> str:
        """The calendar's time zone (Asia/Almaty)."""
        return self.data.timezone

    def covered_years(self) -> tuple[int, int]:
        """First and last covered year, e.g. (2008, 2027); any other year is an error."""
        return self.data.first_year, self.data.last_year

    def provisional_years(self) -> frozenset[int]:
        """The covered years whose transfer order was not published when the data was
        written (`provisional: true` in the spec): their days follow the law alone.

        Examples:
            >>> from engine.calendar import default_calendar
            >>> sorted(default_calendar().provisional_years())
            [2027]
        """
        return self.data.provisional_years

    @property
    def schedules(self) -> Mapping[str, Schedule]:
        """The named schedules."""
        return self.data.schedules

    def provisional_note(self, *days: dt.date) -> str:
        """The note a figure carries when one of `days` is in a provisional year ("" otherwise;
        `engine.calendar.terms.provisional_note`)."""
        return provisional_note(self.provisional_years(), days)

    def schedule(self, name: str) -> Schedule:
        """The schedule called `name`.

        Raises:
            UnknownSchedule: naming the schedules that exist.
        """
        return named_schedule(self.data, self._derived, name)

    def daily_minutes(self, schedule: str) -> int:
        """Working minutes of a full working day on the schedule `schedule` counts on (the
        elapsed reading of a limit in working days: N of them, docs/calendar.md)."""
        counting = self.schedule(self.schedule(schedule).counting)
        return sum(period.minutes for period in counting.periods)

    def elapsed_limit(self, schedule: str, limit: Duration) -> Duration | None:
        """A limit of N working days under the elapsed reading: N full days of working minutes
        of `schedule`; None for a limit in another unit (read one way only) or a schedule
        without working hours."""
        daily = self.daily_minutes(schedule) if limit.unit == "wd" and limit.amount > 0 else 0
        return Duration(limit.amount * daily, "min") if daily > 0 else None

    def term_schedule(self, schedule: str, term: Duration, week: str | None = None) -> str:
        """The schedule the term of an application on `schedule` is counted on.

        A term in days counts the working days of `week` (the legal five-day week of the
        production calendar unless the standard names another, `LEGAL_WEEK`), ending at the
        close of business of the office's own hours; a term in minutes or hours is working
        time of the office itself. When the office already counts on that week, the answer
        is `schedule` itself; otherwise a schedule with the same hours and intake on `week`,
        named `<schedule>@<week>`, on which a term whose last day is one the office does not
        work ends at the close of the office's next working day (Civil Code, General Part,
        chapter 6).

        Examples:
            >>> from engine.calendar import default_calendar
            >>> from engine.spec.duration import parse_duration
            >>> calendar = default_calendar()
            >>> calendar.term_schedule("gov_corp", parse_duration("15 wd"))
            'gov_corp@five_day'
            >>> calendar.term_schedule("gov_corp", parse_duration("30 min"))
            'gov_corp'
            >>> calendar.term_schedule("provider", parse_duration("15 wd"))
            'provider'

        Raises:
            UnknownSchedule: for a schedule the calendar does not name.
            CalendarError: for a week it does not define.
        """
        week = week or LEGAL_WEEK
        own = self.schedule(schedule)
        counting = self.schedule(own.counting)
        if not term.is_day_based or counting.week == week:
            return schedule
        check_week(self.data, week)
        counted = self._derive(counting, week, None)
        return counted if own.counts_on is None else self._derive(own, week, counted)

    def _derive(self, base: Schedule, week: str, counts_on: str | None) -> str:
        return derive_schedule(self._derived, self._office_week, base, week, counts_on)

    def working_time(self, schedule: str = DEFAULT_SCHEDULE) -> WorkingTime:
        """The working-time index a schedule's terms are counted on (built once)."""
        counting = self.schedule(self.schedule(schedule).counting)
        if counting.id not in self._indexes:
            if counting.week is None:
                raise CalendarError(f'schedule "{counting.id}" has no week to count on')
            days = self.days(counting.week)
            office = self._office_week.get(counting.id)
            self._indexes[counting.id] = WorkingTime(
                counting, days, self.timezone, self.days(office) if office else None,
                self.banking_days() if self.data.banking is not None else None)
        return self._indexes[counting.id]

    def day_table(self, schedule: str = DEFAULT_SCHEDULE) -> DayTable:
        """The working days a schedule counts on."""
        return self.working_time(schedule).days

    def working_days(self, year: int, schedule: str = DEFAULT_SCHEDULE) -> int:
        """Number of working days in `year` on the schedule's week.

        Examples:
            >>> from engine.calendar import default_calendar
            >>> default_calendar().working_days(2024), default_calendar().working_days(2025)
            (249, 246)
        """
        self.check_year(year)
        return self.day_table(schedule).count(year)

    def is_working_day(self, day: dt.date, schedule: str = DEFAULT_SCHEDULE) -> bool:
        """Whether `day` is a working day on the schedule's week."""
        return self.day_table(schedule).is_working(day)

    def day_info(self, day: dt.date, schedule: str = DEFAULT_SCHEDULE) -> DayInfo:
        """What `day` is on the schedule's week (holiday, moved day off, transfer...)."""
        return self.day_table(schedule).info(day)

    def is_working_time(self, instant: dt.datetime, schedule: str = DEFAULT_SCHEDULE) -> bool:
        """Whether the instant falls inside a working period of the (counting) schedule."""
        return arithmetic.in_working_time(self.working_time(schedule), to_micros(instant))

    def _received(self, instant: dt.datetime, schedule: str) -> int:
        """The instant (microseconds) an application at `instant` counts as received."""
        micros = to_micros(instant)
        index = self.working_time(schedule)
        if self.schedule(schedule).intake == "always":
            return arithmetic.receive_micros(index, micros)
        arithmetic.day_of(index, micros)
        return micros

    def receive(self, instant: dt.datetime, schedule: str = DEFAULT_SCHEDULE) -> pendulum.DateTime:
        """When an application submitted at `instant` counts as received.

        On a 24/7 intake (the portal) an instant outside the working time of the
        counting schedule is received at the start of its next working period; other
        schedules take the instant as it is.

        Raises:
            NaiveInstantError: for a datetime without a UTC offset.
            NoCalendarData: for an instant outside the covered years.
        """
        return from_micros(self._received(instant, schedule), self.timezone)

    def due(
        self,
        start: dt.datetime,
        duration: Duration | str,
        schedule: str = DEFAULT_SCHEDULE,
        *,
        exclude_acceptance_day: bool = False,
    ) -> pendulum.DateTime:
        """The instant a term of `duration` that starts at `start` ends.

        Examples:
            >>> from engine.calendar import default_calendar, localize
            >>> import datetime as dt
            >>> start = localize(dt.datetime(2024, 5, 3, 10, 0))
            >>> default_calendar().due(start, "12 wd").isoformat()
            '2024-05-23T18:30:00+05:00'
            >>> default_calendar().due(start, "4 h").isoformat()
            '2024-05-03T15:00:00+05:00'

        Raises:
            NaiveInstantError: for a datetime without a UTC offset.
            NoCalendarData: when the start or the end of the term is outside the data.
            UnknownSchedule: for a schedule the calendar does not define.
        """
        micros = arithmetic.due_micros(
            self.working_time(schedule), self._received(start, schedule), as_duration(duration),
            exclude_acceptance_day=exclude_acceptance_day,
        )
        return from_micros(micros, self.timezone)

    def elapsed(
        self,
        start: dt.datetime,
        end: dt.datetime,
        schedule: str = DEFAULT_SCHEDULE,
        *,
        exclude_acceptance_day: bool = False,
    ) -> Elapsed:
        """Working time and day measures between `start` and `end` (the inverse of `due`).

        Raises:
            CalendarError: when `end` is before `start`.
        """
        finish = to_micros(end)
        if finish < to_micros(start):
            raise CalendarError(f"end {end.isoformat()} is before start {start.isoformat()}")
        result = arithmetic.elapsed_micros(
            self.working_time(schedule), self._received(start, schedule), finish,
            exclude_acceptance_day=exclude_acceptance_day,
        )
        return Elapsed(dt.timedelta(microseconds=result.working), result.working_days,
                       result.calendar_days, result.banking_days, result.months)

    def due_batch(
        self,
        starts: npt.NDArray[np.int64] | npt.NDArray[np.datetime64],
        amounts: npt.NDArray[np.int64] | int,
        unit: Unit,
        schedule: str = DEFAULT_SCHEDULE,
        *,
        exclude_acceptance_day: bool = False,
    ) -> npt.NDArray[np.int64] | npt.NDArray[np.datetime64]:
        """Due instants of many terms at once, the same as `due()` for each.

        Args:
            starts: epoch seconds (int64) or `datetime64` instants (UTC, whole seconds).
            amounts: one amount per start, or one for all.
            unit: `min`, `h`, `wd`, `cd`, `bd` or `mo`.

        Returns:
            Due instants in the form of `starts`: int64 epoch seconds or `datetime64[s]`.
        """
        seconds, amount, as_datetime = batch.batch_terms(starts, amounts)
        index = self.working_time(schedule)
        if self.schedule(schedule).intake == "always":
            seconds = batch.receive_seconds(index, seconds)
        due = batch.due_seconds(index, seconds, amount, unit,
                                exclude_acceptance_day=exclude_acceptance_day)
        return due.astype("datetime64[s]") if as_datetime else due
