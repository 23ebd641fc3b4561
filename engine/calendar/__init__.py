"""The working-time calendar of Kazakhstan and legal term arithmetic.

Holidays come from the `holidays` package, corrected and extended by
`specs/calendars/kz.yaml` (transfers of days off, Russian names, covered years,
named schedules). Instants are pendulum DateTimes in Asia/Almaty; naive datetimes
are refused (use `localize`). The conventions are in docs/calendar.md.

The calendar spec becomes `CalendarData` (`model`) in `spec`, section by section in
`spec_sections`, with the holidays resolved by `data`; `loading` finds and loads it.
`Calendar` (`core`) answers on it: working days (`days`), the working-time index
(`index`), term arithmetic (`arithmetic`, vectorised in `batch`), the schedule a term
counts on and `Elapsed` (`terms`), instants (`instants`), month grids (`grid`) and
errors (`errors`). Schedules are read by `schedule_reading` (problems collected by
`problems`), from the calendar or from `kind: schedules` files joined to it by `authored`;
`reception` gives the windows in which an office takes applications; `day_queries` holds
what `Calendar` answers about whole days.

Examples:
    >>> import datetime as dt
    >>> from engine.calendar import due, elapsed, localize, receive, working_days
    >>> working_days(2024), working_days(2025), working_days(2024, "gov_corp")
    (249, 246, 301)
    >>> start = localize(dt.datetime(2024, 5, 3, 10, 0))
    >>> due(start, "12 wd").isoformat()
    '2024-05-23T18:30:00+05:00'
    >>> due(start, "30 min").isoformat()
    '2024-05-03T10:30:00+05:00'
    >>> saturday_night = localize(dt.datetime(2024, 5, 11, 23, 40))
    >>> receive(saturday_night, "portal").isoformat()
    '2024-05-13T09:00:00+05:00'
    >>> elapsed(start, due(start, "12 wd")).working_days
    12
    >>> due(localize(dt.datetime(2031, 1, 5, 10)), "1 wd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    engine.calendar.errors.NoCalendarData: no calendar data for 2031 (the calendar covers ...)
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt
import pendulum

from engine.calendar.authored import ScheduleSet, read_schedule_set, with_schedules
from engine.calendar.core import Calendar
from engine.calendar.days import DayInfo, DayKind, DayTable
from engine.calendar.errors import (
    CalendarError,
    NaiveInstantError,
    NoBankingDays,
    NoCalendarData,
    UnknownSchedule,
)
from engine.calendar.grid import MonthGrid, month_grids, render_year
from engine.calendar.instants import (
    DEFAULT_TIMEZONE,
    from_micros,
    localize,
    parse_instant,
    to_instant,
    to_micros,
)
from engine.calendar.loading import (
    ENV_VAR,
    calendar_source,
    calendars_dir,
    default_calendar,
    load_calendar,
)
from engine.calendar.model import (
    CalendarData,
    Correction,
    Holiday,
    HolidayDate,
    Period,
    Schedule,
    Transfer,
    Week,
    YearData,
)
from engine.calendar.reception import (
    WEEKDAY_WORDS,
    ReceptionWindows,
    reception_refusal,
    reception_windows,
)
from engine.calendar.spec import build_calendar_data, calendar_errors
from engine.calendar.terms import DEFAULT_SCHEDULE, LEGAL_WEEK, Elapsed
from engine.spec.duration import Duration, Unit

__all__ = [
    "DEFAULT_SCHEDULE",
    "DEFAULT_TIMEZONE",
    "ENV_VAR",
    "LEGAL_WEEK",
    "WEEKDAY_WORDS",
    "Calendar",
    "CalendarData",
    "CalendarError",
    "Correction",
    "DayInfo",
    "DayKind",
    "DayTable",
    "Elapsed",
    "Holiday",
    "HolidayDate",
    "MonthGrid",
    "NaiveInstantError",
    "NoBankingDays",
    "NoCalendarData",
    "Period",
    "ReceptionWindows",
    "Schedule",
    "ScheduleSet",
    "Transfer",
    "UnknownSchedule",
    "Week",
    "YearData",
    "build_calendar_data",
    "calendar_errors",
    "calendar_source",
    "calendars_dir",
    "default_calendar",
    "due",
    "due_batch",
    "elapsed",
    "from_micros",
    "load_calendar",
    "localize",
    "month_grids",
    "parse_instant",
    "read_schedule_set",
    "receive",
    "reception_refusal",
    "reception_windows",
    "render_year",
    "to_instant",
    "to_micros",
    "with_schedules",
    "working_days",
]


def due(
    start: dt.datetime,
    duration: Duration | str,
    schedule: str = DEFAULT_SCHEDULE,
    *,
    exclude_acceptance_day: bool = False,
) -> pendulum.DateTime:
    """The due instant of a term on the default calendar (see `Calendar.due`)."""
    return default_calendar().due(start, duration, schedule,
                                  exclude_acceptance_day=exclude_acceptance_day)


def elapsed(
    start: dt.datetime,
    end: dt.datetime,
    schedule: str = DEFAULT_SCHEDULE,
    *,
    exclude_acceptance_day: bool = False,
) -> Elapsed:
    """Working time between two instants on the default calendar (see `Calendar.elapsed`)."""
    return default_calendar().elapsed(start, end, schedule,
                                      exclude_acceptance_day=exclude_acceptance_day)


def receive(instant: dt.datetime, schedule: str = DEFAULT_SCHEDULE) -> pendulum.DateTime:
    """When an application submitted at `instant` counts as received (see `Calendar.receive`)."""
    return default_calendar().receive(instant, schedule)


def working_days(year: int, schedule: str = DEFAULT_SCHEDULE) -> int:
    """Number of working days in `year` on the schedule's week, on the default calendar."""
    return default_calendar().working_days(year, schedule)


def due_batch(
    starts: npt.NDArray[np.int64] | npt.NDArray[np.datetime64],
    amounts: npt.NDArray[np.int64] | int,
    unit: Unit,
    schedule: str = DEFAULT_SCHEDULE,
    *,
    exclude_acceptance_day: bool = False,
) -> npt.NDArray[np.int64] | npt.NDArray[np.datetime64]:
    """Many due instants at once on the default calendar (see `Calendar.due_batch`)."""
    return default_calendar().due_batch(starts, amounts, unit, schedule,
                                        exclude_acceptance_day=exclude_acceptance_day)
