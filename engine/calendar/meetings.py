"""When a step that waits for a meeting (`engine.spec.meetings.Meeting`) is over.

A meeting is held on a working day of its actor's schedule. The texts give its day, not its
hour, so the engine takes the whole day (docs/calendar.md, "Steps that wait for a meeting"):

- a step *reaches* the meeting of a day when it is ready by that day's opening (a step ready
  at 10:00 on a Tuesday does not count on that Tuesday's meeting);
- the wait ends at the close of business of the meeting's day.

Per day `d` of the calendar two arrays give the meeting day a step reaches: `early[d]` when
it is ready at or before the opening of `d`, `late[d]` when after it (`size`: none within the
covered years). For `every`, `monthly` and `dates` they are the next occurrence on or after
`d` (after `d`). For `at_least` (a frequency only) they are the *worst* meeting day that the
frequency allows: with at least one meeting in every calendar week, month or quarter, the
meeting of the current period may already be over when any of its working days opened before
the step was ready, and the next one may be on the last working day of the next period.
"""

from __future__ import annotations

import datetime as dt
import weakref

import numpy as np
import numpy.typing as npt

from engine.calendar.batch import day_of_seconds
from engine.calendar.errors import NoCalendarData
from engine.calendar.index import WorkingTime
from engine.spec.meetings import Meeting

__all__ = [
    "longest_wait",
    "meeting_days",
    "meeting_micros",
    "meeting_seconds",
    "meeting_targets",
]

Int64Array = npt.NDArray[np.int64]
_NEVER = np.iinfo(np.int64).max
_TARGETS: weakref.WeakKeyDictionary[WorkingTime, dict[Meeting, tuple[Int64Array, Int64Array]]] \
    = weakref.WeakKeyDictionary()


def _dates(index: WorkingTime) -> npt.NDArray[np.datetime64]:
    first = np.datetime64(index.days.date(0), "D")
    return first + np.arange(index.size)


def _weekdays(index: WorkingTime) -> Int64Array:
    weekday: Int64Array = (index.days.date(0).weekday() + np.arange(index.size)) % 7
    return weekday


def _moved(index: WorkingTime, days: Int64Array, rule: str) -> Int64Array:
    """Meeting days that are not working days: dropped, or moved to a working day."""
    working = np.asarray(index.days.working, dtype=bool)
    if rule == "next":
        moved = index.next_day[days]
    elif rule == "previous":
        marks = np.where(working, np.arange(index.size), -1)
        moved = np.maximum.accumulate(marks)[days]
    else:
        moved = np.where(working[days], days, -1)
    kept: Int64Array = np.unique(moved[(moved >= 0) & (moved < index.size)])
    return kept


def meeting_days(meeting: Meeting, index: WorkingTime) -> Int64Array:
    """The days (positions in the index) on which the meeting is held, sorted.

    Listed dates outside the covered years are left out.
    """
    working = np.asarray(index.days.working, dtype=bool)
    if meeting.rule == "every":
        wanted = np.flatnonzero(np.isin(_weekdays(index), meeting.weekdays)).astype(np.int64)
        return _moved(index, wanted, meeting.if_day_off)
    if meeting.rule == "dates":
        # A date outside the covered years is the check's error, at the date itself
        # (`engine.verify.waits.meeting_findings`); the others are still meetings.
        first = index.days.date(0)
        offsets = [(day - first).days for day in meeting.dates]
        wanted = np.array([d for d in offsets if 0 <= d < index.size], dtype=np.int64)
        return _moved(index, wanted, meeting.if_day_off)
    if meeting.rule == "monthly":
        months = _dates(index).astype("datetime64[M]").astype(np.int64)
        days = np.flatnonzero(working & (_weekdays(index) == meeting.weekdays[0])).astype(np.int64)
        month = months[days]
        starts = np.r_[True, month[1:] != month[:-1]]
        group_start = np.maximum.accumulate(np.where(starts, np.arange(days.size), 0))
        if meeting.nth > 0:
            chosen: Int64Array = days[np.arange(days.size) - group_start == meeting.nth - 1]
            return chosen
        last: Int64Array = days[np.r_[month[1:] != month[:-1], True]]
        return last
    raise ValueError(f"meeting_days: no fixed days for a rule {meeting.rule!r}")


def meeting_targets(meeting: Meeting, index: WorkingTime) -> tuple[Int64Array, Int64Array]:
    """(early, late): the meeting day reached from each day, ready at or before its opening
    (early) or after it (late); `index.size` when none. Computed once per index."""
    known = _TARGETS.setdefault(index, {})
    if meeting not in known:
        known[meeting] = (_frequency_targets(meeting, index) if meeting.rule == "at_least"
                          else _occurrence_targets(meeting_days(meeting, index), index.size))
    return known[meeting]


def _occurrence_targets(days: Int64Array, size: int) -> tuple[Int64Array, Int64Array]:
    held = np.append(days, size)
    every = np.arange(size)
    early: Int64Array = held[np.searchsorted(days, every, side="left")]
    late: Int64Array = held[np.searchsorted(days, every, side="right")]
    return early, late


def _periods(meeting: Meeting, index: WorkingTime) -> Int64Array:
    dates = _dates(index)
    if meeting.period == "week":  # calendar weeks, Monday to Sunday
        period: Int64Array = (np.arange(index.size) + index.days.date(0).weekday()) // 7
        return period
    months = dates.astype("datetime64[M]").astype(np.int64)
    return months // 3 if meeting.period == "quarter" else months


def _frequency_targets(meeting: Meeting, index: WorkingTime) -> tuple[Int64Array, Int64Array]:
    size = index.size
    period = _periods(meeting, index)
    period = period - period[0]
    count = int(period[-1]) + 1
    worked = np.flatnonzero(index.days.working).astype(np.int64)
    first_of = np.full(count, size, dtype=np.int64)
    last_of = np.full(count, -1, dtype=np.int64)
    np.minimum.at(first_of, period[worked], worked)
    np.maximum.at(last_of, period[worked], worked)
    # The first and last periods may be cut by the calendar's years: a meeting of the first
    # may have been held before its first day, the last may go on after the calendar.
    if _cut(meeting, index.days.date(0), start=True):
        first_of[0] = -1
    if _cut(meeting, index.days.date(size - 1), start=False):
        last_of[-1] = size
    with_meeting = np.where(first_of < size, last_of, size)  # no working day: no meeting
    # the last day of the next period that has a working day (a reverse running minimum)
    after = np.append(np.minimum.accumulate(with_meeting[::-1])[::-1][1:], size)
    here = period
    early = np.where(first_of[here] < np.arange(size), after[here], with_meeting[here])
    late = np.where(first_of[here] <= np.arange(size), after[here], with_meeting[here])
    early = np.where(early >= size, size, early)
    late = np.where(late >= size, size, late)
    return early.astype(np.int64), late.astype(np.int64)


def _cut(meeting: Meeting, day: dt.date, *, start: bool) -> bool:
    """Whether the calendar's first (last) day is not the first (last) day of its period."""
    probe = day - dt.timedelta(days=1) if start else day + dt.timedelta(days=1)
    if meeting.period == "week":
        return day.weekday() != (0 if start else 6)
    if meeting.period == "quarter":
        return (probe.month - 1) // 3 == (day.month - 1) // 3 and probe.year == day.year
    return probe.month == day.month


def meeting_seconds(index: WorkingTime, meeting: Meeting, seconds: Int64Array) -> Int64Array:
    """When the wait for the meeting ends (its day's close of business), from each moment
    the step is ready (epoch seconds); int64's maximum when no meeting is reached within
    the covered years."""
    early, late = meeting_targets(meeting, index)
    day = day_of_seconds(index, seconds)
    after = seconds > index.s["opening"][day]
    target = np.where(after, late[day], early[day])
    closing = np.append(index.s["closing"], _NEVER)
    ends: Int64Array = closing[target]
    return ends


def meeting_micros(index: WorkingTime, meeting: Meeting, micros: int) -> int:
    """`meeting_seconds` for one moment in microseconds (whole seconds are exact).

    Raises:
        NoCalendarData: when no meeting is reached within the covered years.
    """
    seconds = np.array([-(-micros // 1_000_000)], dtype=np.int64)  # ready 09:00:00.5 is after 09:00
    end = int(meeting_seconds(index, meeting, seconds)[0])
    if end == _NEVER:
        raise NoCalendarData(index.days.covered[1] + 1, index.days.covered)
    return end * 1_000_000


def longest_wait(meeting: Meeting, index: WorkingTime) -> int:
    """The most calendar days from a day to the meeting it reaches (for the verifier's horizon;
    days with no meeting within the calendar are left out)."""
    _early, late = meeting_targets(meeting, index)
    every = np.arange(index.size)
    waits = np.where(late < index.size, late - every, 0)
    return int(waits.max()) if waits.size else 0
