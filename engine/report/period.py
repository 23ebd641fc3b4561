"""The period of a report: a calendar year (`2016`) or a span of days (`2016-01-01..2016-06-30`),
both ends included, counted in the calendar's time zone (Asia/Almaty)."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple
from zoneinfo import ZoneInfo

from engine.calendar.instants import DEFAULT_TIMEZONE

__all__ = ["Period", "PeriodError", "parse_period"]

_YEAR = re.compile(r"\d{4}")


class PeriodError(ValueError):
    """A period that cannot be read; the message says what was expected."""


class Period(NamedTuple):
    """Days `first` to `last`, both included."""

    first: dt.date
    last: dt.date

    @property
    def label(self) -> str:
        """`2016` for a whole year, else `2016-01-01..2016-06-30`."""
        if (self.first.month, self.first.day, self.last.month, self.last.day) == (1, 1, 12, 31) \
                and self.first.year == self.last.year:
            return str(self.first.year)
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

    def bounds(self, tz: str = DEFAULT_TIMEZONE) -> tuple[int, int]:
        """The period as epoch microseconds: its first instant and the first instant after it."""
        zone = ZoneInfo(tz)
        start = dt.datetime.combine(self.first, dt.time(), zone)
        end = dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time(), zone)
        epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        return ((start - epoch) // dt.timedelta(microseconds=1),
                (end - epoch) // dt.timedelta(microseconds=1))


def parse_period(text: str) -> Period:
    """A period from `YEAR` or `FROM..TO` (ISO dates).

    Examples:
        >>> parse_period("2016").label
        '2016'
        >>> parse_period("2016-03-01..2016-03-31")
        Period(first=datetime.date(2016, 3, 1), last=datetime.date(2016, 3, 31))

    Raises:
        PeriodError: anything else, or a span that ends before it begins.
    """
    shown = f'"{text}"' if len(text) <= 40 else f'"{text[:30]}..." ({len(text)} characters)'
    expected = f"expected a year like 2016 or days like 2016-01-01..2016-06-30, got {shown}"
    if _YEAR.fullmatch(text):
        year = int(text)
        if year < 1:
            raise PeriodError(expected)
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    first, sep, last = text.partition("..")
    if not sep:
        raise PeriodError(expected)
    try:
        period = Period(dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    except ValueError:
        raise PeriodError(expected) from None
    if period.last < period.first:
        raise PeriodError(f"the period {shown} ends before it begins (hint: FROM..TO, "
                          "the earlier day first)")
    return period
