"""Warnings before the calendar runs out, and the note on every figure of a provisional year.

A calendar covers the years whose transfers of days off are known (`specs/calendars/`):
past its last day nothing can be timed, so `reglament check` warns ahead — when a spec's
dated validity, or today plus the longest term of a standard in force, reaches within
`WARN_DAYS` of the calendar's end. (A *provisional* year, its transfer order not yet
published, is covered by the law's holidays alone; a figure computed on it says so:
`Calendar.provisional_note`.)
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable

from engine.calendar import Calendar, CalendarError, NoCalendarData, localize
from engine.spec.errors import SpecError
from engine.spec.model import Regulation, Standard

__all__ = ["TODAY_VAR", "WARN_DAYS", "calendar_end_warnings", "today"]

#: How long before the calendar's end a check starts to warn.
WARN_DAYS = 90
#: Environment variable that fixes "today" (ISO date) for reproducible checks and tests.
TODAY_VAR = "REGLAMENT_TODAY"


def today() -> dt.date:
    """Today's date, or the one `$REGLAMENT_TODAY` names."""
    fixed = os.environ.get(TODAY_VAR, "").strip()
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            pass
    return dt.date.today()


def calendar_end_warnings(specs: Iterable[Standard | Regulation], calendar: Calendar,
                          on: dt.date | None = None) -> list[SpecError]:
    """A warning per spec whose validity, or today's cases, reach the calendar's last days."""
    day = on or today()
    end = dt.date(calendar.years[1], 12, 31)
    start = dt.date(calendar.years[0], 1, 1)
    edge = end - dt.timedelta(days=WARN_DAYS)
    warnings = []
    for spec in specs:
        if spec.valid_to is not None and spec.valid_to < day:
            continue  # no longer in force: its past is what the calendar must cover
        reach, why = _reach(spec, calendar, day, end)
        if spec.valid_to is not None and spec.valid_to >= edge and spec.valid_to > reach:
            reach, why = spec.valid_to, f"it is in force until {spec.valid_to.isoformat()}"
        if reach < edge or spec.valid_from > end or spec.valid_from < start:
            continue  # far from the end; a spec outside the years is the verifier's error
        left = (end - day).days
        warnings.append(SpecError(
            spec.where("valid_to" if "valid_to" in spec.key_locations else "valid_from"),
            "valid_from", f"the calendar {calendar.data.id} ends on {end.isoformat()}, "
            f"{left} day(s) from {day.isoformat()}, and {why} (hint: add the year "
            f"{end.year + 1} to the calendar once its transfers of days off are decreed, or as "
            "a provisional year until then; docs/calendar.md, \"Adding a year\")",
            "calendar-end", "warning"))
    return warnings


def _reach(spec: Standard | Regulation, calendar: Calendar, day: dt.date,
           end: dt.date) -> tuple[dt.date, str]:
    """How far the cases received `day` under a standard can run: its longest term's end."""
    if not isinstance(spec, Standard) or not spec.channels:
        return day, f"it is in force on {day.isoformat()}"
    moment = localize(dt.datetime(day.year, day.month, day.day, 9, 0), calendar.timezone)
    furthest, term = day, None
    for channel in spec.channels.values():
        try:
            schedule = calendar.term_schedule(channel.schedule, channel.term, channel.term_week)
            due = calendar.due(moment, channel.term, schedule).date()
        except NoCalendarData:
            return end + dt.timedelta(days=1), (
                f"the term {channel.term} of a case received on {day.isoformat()} on "
                f"{channel.id} ends after it")
        except CalendarError:
            continue  # an unknown schedule or week: reported by the check of references
        if due > furthest:
            furthest, term = due, channel
    if term is None:
        return day, f"it is in force on {day.isoformat()}"
    return furthest, (f"the term {term.term} of a case received on {day.isoformat()} on "
                      f"{term.id} ends on {furthest.isoformat()}")
