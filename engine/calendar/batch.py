"""Vectorised term arithmetic: a million due instants without a Python loop.

The same conventions as `engine.calendar.arithmetic`, on the same `WorkingTime`
index, with numpy: instants are int64 seconds since the Unix epoch, and every step
is a `searchsorted` or an indexed lookup into the index's arrays. The results are
identical to the scalar API for whole-second instants (the tests check it).
`batch_terms` checks a batch's starts and amounts and brings them to that form.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.calendar.errors import CalendarError, NoBankingDays, NoCalendarData
from engine.calendar.index import WorkingTime
from engine.calendar.instants import from_micros
from engine.calendar.months import add_months_days
from engine.spec.duration import Unit

__all__ = ["batch_terms", "day_of_seconds", "due_seconds", "receive_seconds", "working_seconds"]

Int64Array = npt.NDArray[np.int64]
_UNIT_SECONDS = {"min": 60, "h": 3600}
_DAY = 86_400


def _check_inside(index: WorkingTime, seconds: Int64Array) -> None:
    midnight = index.s["midnight"]
    bad = (seconds < midnight[0]) | (seconds >= midnight[-1])
    if bad.any():
        first = int(seconds.flat[int(np.argmax(bad))])
        raise NoCalendarData(from_micros(first * 1_000_000, index.timezone).year,
                             index.days.covered)


def _check_before_end(index: WorkingTime, ok: npt.NDArray[np.bool_]) -> None:
    if not ok.all():
        raise NoCalendarData(index.days.covered[1] + 1, index.days.covered)


def day_of_seconds(index: WorkingTime, seconds: Int64Array) -> Int64Array:
    """The local day (position in the index) of each instant.

    A division by 86,400 gives the day to within one (the offset from UTC is a few
    hours); one comparison with the day's midnight on each side makes it exact.
    """
    midnight = index.s["midnight"]
    last = len(midnight) - 2
    day = np.clip((seconds - midnight[0]) // _DAY, 0, last)
    day = day - (seconds < midnight[day])
    day = np.clip(day, 0, last)
    result: Int64Array = day + (seconds >= midnight[day + 1])
    return result


def receive_seconds(index: WorkingTime, seconds: Int64Array) -> Int64Array:
    """Each instant itself when in working time, else the start of the next working period."""
    _check_inside(index, seconds)
    starts, ends = index.s["starts"], index.s["ends"]
    at = np.searchsorted(ends, seconds, side="right")
    _check_before_end(index, at < len(ends))
    return np.maximum(seconds, starts[at])


def working_seconds(index: WorkingTime, seconds: Int64Array) -> Int64Array:
    """Working seconds from the start of the covered years up to each instant (`position` of
    `engine.calendar.arithmetic`, by arrays): the working time between two instants is the
    difference of theirs."""
    _check_inside(index, seconds)
    starts, ends = index.s["starts"], index.s["ends"]
    before, through = index.s["before"], index.s["through"]
    if len(ends) == 0:
        return np.zeros_like(seconds)
    at = np.searchsorted(ends, seconds, side="right")
    inside = np.minimum(at, len(ends) - 1)
    result: Int64Array = np.where(at < len(ends),
                                  before[inside] + np.maximum(0, seconds - starts[inside]),
                                  through[-1])
    return result


def _counting_start(
    index: WorkingTime, seconds: Int64Array, exclude_acceptance_day: bool
) -> tuple[Int64Array, Int64Array]:
    day = day_of_seconds(index, seconds)
    if not exclude_acceptance_day:
        return seconds, day
    first = index.next_day[day + 1]
    _check_before_end(index, first < index.size)
    return index.s["opening"][first], first - 1


def due_seconds(
    index: WorkingTime,
    seconds: Int64Array,
    amounts: Int64Array,
    unit: Unit,
    *,
    exclude_acceptance_day: bool = False,
) -> Int64Array:
    """Due instants (int64 seconds) of terms of `amounts` `unit` starting at `seconds`."""
    _check_inside(index, seconds)
    start, day = _counting_start(index, seconds, exclude_acceptance_day)
    if unit in _UNIT_SECONDS:
        starts, ends = index.s["starts"], index.s["ends"]
        before, through = index.s["before"], index.s["through"]
        at = np.searchsorted(ends, start, side="right")
        inside = np.minimum(at, len(ends) - 1)
        elapsed = np.where(
            at < len(ends), before[inside] + np.maximum(0, start - starts[inside]), through[-1]
        )
        target = elapsed + amounts * _UNIT_SECONDS[unit]
        hit = np.searchsorted(through, target, side="left")
        _check_before_end(index, (hit < len(through)) | (amounts == 0))
        hit = np.minimum(hit, len(through) - 1)
        due = starts[hit] + target - before[hit]
    elif unit == "wd":
        rank = index.rank[day] + amounts - 1
        closes = index.s["close_of_rank"]
        _check_before_end(index, (rank < len(closes)) | (amounts == 0))
        due = closes[np.clip(rank, 0, len(closes) - 1)]
    elif unit == "bd":
        due = _banking_due(index, day, amounts)
    else:
        target = day + amounts if unit == "cd" else add_months_days(index.days.start, day,
                                                                     amounts)
        _check_before_end(index, target < index.size)
        due = index.s["close_on_or_after"][target]
        _check_before_end(index, (due != np.iinfo(np.int64).max) | (amounts == 0))
    return np.where(amounts == 0, start, due)


def _banking_due(index: WorkingTime, day: Int64Array, amounts: Int64Array) -> Int64Array:
    """The closes that end terms of `amounts` banking days counted from the days `day`."""
    if not index.has_banking:
        raise NoBankingDays()
    rank = index.bank_rank[day] + amounts - 1
    closes = index.s["close_of_bank_rank"]
    _check_before_end(index, (rank < len(closes)) | (amounts == 0))
    due: Int64Array = closes[np.clip(rank, 0, len(closes) - 1)]
    _check_before_end(index, (due != np.iinfo(np.int64).max) | (amounts == 0))
    return due


def batch_terms(
    starts: npt.ArrayLike, amounts: npt.ArrayLike
) -> tuple[Int64Array, Int64Array, bool]:
    """The starts of a batch as int64 epoch seconds, an amount for each, and whether the
    starts were `datetime64` (the due instants are given back in the same form).

    Raises:
        CalendarError: for starts that are neither int64 seconds nor whole-second
            `datetime64`, or a negative amount.
    """
    as_datetime = bool(np.issubdtype(np.asarray(starts).dtype, np.datetime64))
    seconds = _seconds(starts)
    amount = np.broadcast_to(np.asarray(amounts, dtype=np.int64), seconds.shape)
    if (amount < 0).any():
        raise CalendarError("amounts must not be negative")
    return seconds, amount, as_datetime


def _seconds(starts: npt.ArrayLike) -> npt.NDArray[np.int64]:
    array = np.asarray(starts)
    if np.issubdtype(array.dtype, np.datetime64):
        whole = array.astype("datetime64[s]")
        if (whole != array).any():
            raise CalendarError("batch instants must be whole seconds")
        return whole.astype(np.int64)
    if not np.issubdtype(array.dtype, np.integer):
        raise CalendarError(f"batch instants must be int64 epoch seconds or datetime64, "
                            f"got {array.dtype}")
    return array.astype(np.int64)
