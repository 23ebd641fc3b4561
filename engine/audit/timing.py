"""Working time and due instants of many events at once, on the calendar's array functions.

The same counting as the executor's and the cohort's (`engine.calendar.batch`): a step's
limit counts from the completion of the step before it (or the receipt) on its actor's
schedule, received first where the schedule takes work at any hour (`CaseTiming._due`); the
term counts from the receipt on the schedule the standard's term counts on
(`Calendar.term_schedule`: the legal five-day week for a term in days), with the day of
acceptance left out where the standard says so (Law 88-V, art. 20 p. 1). Instants are int64
seconds since the epoch; `NONE` marks an instant that cannot be counted (no limit, or
outside the calendar's years).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from functools import partial

import numpy as np
import numpy.typing as npt

from engine.audit.uniques import distinct
from engine.calendar import Calendar, CalendarError
from engine.calendar.batch import due_seconds, receive_seconds, working_seconds
from engine.spec import Duration

__all__ = ["NONE", "due_instants", "received_instants", "working_between"]

Int64Array = npt.NDArray[np.int64]
NONE = np.iinfo(np.int64).min


def _each(values: Int64Array, count: Callable[[Int64Array], Int64Array]) -> Int64Array:
    """`count` on all values at once; where the calendar refuses some, one by one (NONE)."""
    try:
        return count(values)
    except CalendarError:
        out = np.full(len(values), NONE, dtype=np.int64)
        for i in range(len(values)):
            with contextlib.suppress(CalendarError):
                out[i] = count(values[i:i + 1])[0]
        return out


def working_between(calendar: Calendar, schedules: Sequence[str], schedule: Int64Array,
                    start: Int64Array, end: Int64Array) -> Int64Array:
    """Working seconds from `start` to `end` (0 when not after it) on each event's schedule
    (`schedules[schedule[i]]`); NONE outside the calendar."""
    out = np.full(len(start), NONE, dtype=np.int64)
    for code in distinct(schedule).tolist():
        rows = np.flatnonzero(schedule == code)
        index = calendar.working_time(schedules[code])
        both = np.concatenate([start[rows], end[rows]])
        at = _each(both, partial(working_seconds, index))
        first, last = at[:len(rows)], at[len(rows):]
        counted = (first != NONE) & (last != NONE)
        out[rows] = np.where(counted, np.maximum(last - first, 0), NONE)
    return out


def received_instants(calendar: Calendar, schedule: str, seconds: Int64Array) -> Int64Array:
    """When applications at `seconds` count as received on `schedule` (`Calendar.receive`)."""
    if calendar.schedule(schedule).intake != "always":
        return seconds
    index = calendar.working_time(schedule)
    return _each(seconds, partial(receive_seconds, index))


def due_instants(calendar: Calendar, schedules: Sequence[str], schedule: Int64Array,
                 limits: Sequence[Duration | None], limit: Int64Array, start: Int64Array, *,
                 exclude_acceptance_day: bool = False) -> Int64Array:
    """The due instant of each limit `limits[limit[i]]` started at `start[i]` on its schedule
    (`Calendar.due_batch`); NONE where there is no limit (code -1 or None)."""
    out = np.full(len(start), NONE, dtype=np.int64)
    if len(start) == 0:
        return out
    width = max(len(limits), 1)
    pairs = distinct(schedule * width + np.maximum(limit, 0))
    for pair in pairs.tolist():
        code, which = divmod(pair, width)
        duration = limits[which] if limits else None
        rows = np.flatnonzero((schedule == code) & (limit == which))
        if duration is None or rows.size == 0:
            continue
        name = schedules[code]
        index = calendar.working_time(name)
        received = received_instants(calendar, name, start[rows])
        counted = received != NONE
        amount = np.int64(duration.amount)

        def count(s: Int64Array, index: object = index, amount: np.int64 = amount,
                  unit: str = duration.unit) -> Int64Array:
            return due_seconds(index, s, np.broadcast_to(amount, s.shape), unit,  # type: ignore[arg-type]
                               exclude_acceptance_day=exclude_acceptance_day)

        due = np.full(rows.size, NONE, dtype=np.int64)
        due[counted] = _each(received[counted], count)
        out[rows] = due
    return out
