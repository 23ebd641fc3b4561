"""Scalar term arithmetic on a working-time index, in integer microseconds.

The conventions (docs/calendar.md states them with worked examples):

- `min`, `h`: working time counted from the instant itself; the due instant is the
  earliest instant at which that much working time has elapsed, so it lies inside a
  working period or on its end boundary (18:30, never the next morning's 09:00).
- `wd`: the term runs from the next day and ends at the close of business of the
  N-th working day after the day of the start.
- `cd`: ends at the close of business of the N-th calendar day after the day of the
  start; when that day is not a working day, at the close of the next working day.
- `bd`: ends at the close of business of the N-th banking day after the day of the start
  (`engine.calendar.banking`).
- `mo`: ends at the close of business of the corresponding date N months after the day
  of the start, or of that month's last day when it has no such date; when that day is
  not a working day, of the next working day (`engine.calendar.months`).
- An amount of zero ends at the counting start itself, in every unit.
- Art. 20(1), `exclude_acceptance_day`: counting starts at the beginning (opening)
  of the first working day after the day of acceptance, and that day is day 1.

The public face of these functions is `engine.calendar.Calendar`; here everything
is a Python int of microseconds since the Unix epoch and a `WorkingTime` index.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from engine.calendar.errors import NoBankingDays, NoCalendarData
from engine.calendar.index import WorkingTime
from engine.calendar.instants import from_micros
from engine.calendar.months import add_months, months_between
from engine.spec.duration import Duration

__all__ = [
    "CountingStart",
    "counting_start",
    "due_micros",
    "elapsed_micros",
    "in_working_time",
    "position",
    "receive_micros",
]

_MICRO = 1_000_000
_UNIT_MICROS = {"min": 60 * _MICRO, "h": 3600 * _MICRO}
_NEVER = 2**63 - 1


def _beyond(index: WorkingTime) -> NoCalendarData:
    return NoCalendarData(index.days.covered[1] + 1, index.days.covered)


def _outside(index: WorkingTime, micros: int) -> NoCalendarData:
    return NoCalendarData(from_micros(micros, index.timezone).year, index.days.covered)


def day_of(index: WorkingTime, micros: int) -> int:
    """The day (position in the index) on which the instant falls, local time."""
    midnight = index.us["midnight"]
    day = bisect_right(midnight, micros) - 1
    if day < 0 or day >= index.size:
        raise _outside(index, micros)
    return day


def in_working_time(index: WorkingTime, micros: int) -> bool:
    """Whether the instant lies in a working period (start inclusive, end exclusive)."""
    day_of(index, micros)
    at = bisect_right(index.us["ends"], micros)
    return at < len(index.us["ends"]) and index.us["starts"][at] <= micros


def position(index: WorkingTime, micros: int) -> int:
    """Working time elapsed from the start of the covered years up to the instant."""
    day_of(index, micros)
    at = bisect_right(index.us["ends"], micros)
    if at == len(index.us["ends"]):
        return index.us["through"][-1] if at else 0
    return index.us["before"][at] + max(0, micros - index.us["starts"][at])


def receive_micros(index: WorkingTime, micros: int) -> int:
    """The instant itself when in working time, else the start of the next working period."""
    day_of(index, micros)
    at = bisect_right(index.us["ends"], micros)
    if at == len(index.us["ends"]):
        raise _beyond(index)
    return max(micros, index.us["starts"][at])


@dataclass(frozen=True)
class CountingStart:
    """Where a term starts counting: an instant, and the day whose next day is day 1."""

    micros: int
    day: int


def counting_start(index: WorkingTime, micros: int, *, exclude_acceptance_day: bool) -> CountingStart:
    """The counting start of a term whose triggering event happened at `micros`.

    With `exclude_acceptance_day` (Art. 20(1)) it is the opening of the first working
    day after the day of acceptance, and the day before that one is day 0.
    """
    day = day_of(index, micros)
    if not exclude_acceptance_day:
        return CountingStart(micros, day)
    first = index.next_day_list[day + 1] if day + 1 < index.size else index.size
    if first >= index.size:
        raise _beyond(index)
    return CountingStart(index.us["opening"][first], first - 1)


def due_micros(
    index: WorkingTime, micros: int, duration: Duration, *, exclude_acceptance_day: bool = False
) -> int:
    """The due instant of a term of `duration` starting at `micros` (see module doc)."""
    start = counting_start(index, micros, exclude_acceptance_day=exclude_acceptance_day)
    amount = duration.amount
    if amount == 0:
        return start.micros
    if duration.unit in _UNIT_MICROS:
        target = position(index, start.micros) + amount * _UNIT_MICROS[duration.unit]
        through = index.us["through"]
        at = bisect_left(through, target)
        if at == len(through):
            raise _beyond(index)
        return index.us["starts"][at] + target - index.us["before"][at]
    if duration.unit == "wd":
        rank = index.rank_list[start.day] + amount - 1
        closes = index.us["close_of_rank"]
        if rank >= len(closes):
            raise _beyond(index)
        return closes[rank]
    if duration.unit == "bd":
        return _bank_close(index, _bank_rank(index, start.day) + amount - 1)
    day = _month_day(index, start.day, amount) if duration.unit == "mo" else start.day + amount
    if day >= index.size or index.next_day_list[day] >= index.size:
        raise _beyond(index)
    return index.us["close_on_or_after"][day]


def _bank_rank(index: WorkingTime, day: int) -> int:
    """Banking days up to and including `day` (the index must know the banking days)."""
    if not index.has_banking:
        raise NoBankingDays()
    return index.bank_rank_list[day]


def _bank_close(index: WorkingTime, rank: int) -> int:
    closes = index.us["close_of_bank_rank"]
    if rank >= len(closes) or closes[rank] >= _NEVER:
        raise _beyond(index)
    return closes[rank]


def _month_day(index: WorkingTime, day: int, months: int) -> int:
    """The day (position) `months` months after the day `day`, by the civil-law rule."""
    start, first = index.days.date(0), index.days.date(day)
    if months > months_between(first, index.days.date(index.size - 1)) + 1:
        return index.size  # beyond the calendar, and perhaps beyond any date (999999 mo)
    return (add_months(first, months) - start).days


@dataclass(frozen=True)
class ElapsedMicros:
    """Working time between two instants, and the shortest day terms that cover them
    (`banking_days` and `months` None when they cannot be told: no banking days in the
    calendar, or such a term would end after its last covered year)."""

    working: int
    working_days: int
    calendar_days: int
    banking_days: int | None = None
    months: int | None = None


def elapsed_micros(
    index: WorkingTime, start: int, end: int, *, exclude_acceptance_day: bool = False
) -> ElapsedMicros:
    """Working time from the counting start of `start` to `end`, and day measures.

    `working_days` (`calendar_days`) is the smallest N whose "N wd" ("N cd") term
    from `start` ends at or after `end`: the inverse of `due_micros` for day terms.
    """
    counted = counting_start(index, start, exclude_acceptance_day=exclude_acceptance_day)
    day_of(index, end)
    if end <= counted.micros:
        return ElapsedMicros(0, 0, 0, 0 if index.has_banking else None, 0)
    working = position(index, end) - position(index, counted.micros)
    closes = index.us["close_of_rank"]
    rank = bisect_left(closes, end, lo=index.rank_list[counted.day])
    calendar = bisect_left(index.us["close_on_or_after"], end, lo=counted.day + 1)
    if rank == len(closes) or calendar >= index.size:
        raise _beyond(index)
    return ElapsedMicros(working, rank - index.rank_list[counted.day] + 1, calendar - counted.day,
                         _banking_days(index, counted.day, end), _months(index, counted, end))


def _banking_days(index: WorkingTime, day: int, end: int) -> int | None:
    """The smallest N whose "N bd" term from the day `day` ends at or after `end`."""
    if not index.has_banking:
        return None
    first = index.bank_rank_list[day]
    closes = index.us["close_of_bank_rank"]
    rank = bisect_left(closes, end, lo=first)
    if rank == len(closes) or closes[rank] >= _NEVER:
        return None
    return rank - first + 1


def _months(index: WorkingTime, counted: CountingStart, end: int) -> int | None:
    """The smallest N whose "N mo" term from `counted` ends at or after `end` (N >= 1)."""
    first = index.days.date(counted.day)
    months = max(1, months_between(first, index.days.date(day_of(index, end))) - 2)
    closes = index.us["close_on_or_after"]
    while True:
        day = _month_day(index, counted.day, months)
        if day >= index.size or closes[day] >= _NEVER:
            return None
        if closes[day] >= end:
            return months
        months += 1
