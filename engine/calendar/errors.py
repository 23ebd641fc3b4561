"""Errors of the calendar: questions it cannot answer, said plainly.

Bad calendar *data* is reported as located `SpecError`s by `engine.calendar.spec`;
the errors here are about *questions*: a year the data does not cover, a schedule
that does not exist, an instant without a time zone.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "CalendarError", "NaiveInstantError", "NoBankingDays", "NoCalendarData", "UnknownSchedule",
]


class CalendarError(ValueError):
    """A question the working-time calendar cannot answer (the message says why)."""


class NoCalendarData(CalendarError):
    """The answer depends on a year the calendar data does not cover.

    Examples:
        >>> print(NoCalendarData(2031, (2015, 2026)))  # doctest: +NORMALIZE_WHITESPACE
        no calendar data for 2031 (the calendar covers 2015-2026;
        hint: add the year to the calendar spec, see docs/calendar.md)
    """

    def __init__(self, year: int, covered: tuple[int, int]) -> None:
        self.year = year
        self.covered = covered
        super().__init__(
            f"no calendar data for {year} (the calendar covers {covered[0]}-{covered[1]}; "
            "hint: add the year to the calendar spec, see docs/calendar.md)"
        )


class NoBankingDays(CalendarError):
    """A term in banking days on a calendar whose spec has no `banking_days:` section."""

    def __init__(self) -> None:
        super().__init__(
            "the calendar defines no banking days (hint: add a banking_days: section to the "
            'calendar spec, docs/calendar.md "Banking days")'
        )


class UnknownSchedule(CalendarError):
    """A schedule name the calendar does not define."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        super().__init__(
            f'unknown schedule "{name}" (hint: one of {", ".join(self.known)})'
        )


class NaiveInstantError(CalendarError):
    """An instant without a UTC offset: the calendar cannot know which moment it means."""
