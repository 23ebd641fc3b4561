"""Days of receipt that behave alike for a path, so that the first of them stands for all.

Two classings of the days on which a channel receives, each kept per calendar for every path
that needs it:

- `pattern_classes`: the day patterns of `engine.verify.day_patterns` (a path in minutes or
  hours is checked minute by minute on the first day of each pattern), for all the days of
  the calendar at once. The patterns of a day do not depend on the other days checked, so
  the first day of each pattern among the days a path is in force is the first day of its
  class there: no pattern is recomputed per path.
- `surroundings`: days whose next days look the same — the same weekday, the same working
  days on every week of the calendar and banking days, the same UTC offsets — up to the
  `ahead`-th day that is a working day of every week and a banking day (`common_days`). Steps
  that reach no further (`reach_bound`) start the same way from both at the same time of day
  and end as long after: for a term in days (every day of receipt is counted,
  `engine.verify.receipts`) the steps are composed on one day per class.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar
from engine.calendar.instants import noon_offsets
from engine.spec.duration import Duration
from engine.support.row_keys import row_keys
from engine.verify.day_patterns import PatternPlan, pattern_rows, reach_spans
from engine.verify.pieces import facts
from engine.verify.receipts import ReceiptWindows

__all__ = [
    "DayClasses", "common_days", "pattern_classes", "reach_bound", "surroundings", "windows_days",
]

Int64Array = npt.NDArray[np.int64]
#: Days of a window per word of its key (a word stays below 2**60).
_WORD = 60
_MEMO: weakref.WeakKeyDictionary[Calendar, dict[object, object]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class DayClasses:
    """The days of receipt in ascending order, each with its class, the last earlier day of
    its class and its latest moment of receipt."""

    days: Int64Array
    classes: Int64Array  # the class of each day, numbered from 0 (`count` of them)
    previous: Int64Array  # position in `days`; -1 for the first day of a class
    latest: Int64Array
    count: int

    def firsts(self, first_day: int, last_day: int) -> tuple[Int64Array, int, int]:
        """The positions of the first day of each class among the days from `first_day` to
        `last_day`, and the positions [low, high) of those days."""
        low = int(self.days.searchsorted(first_day, "left"))
        high = int(self.days.searchsorted(last_day, "right"))
        return low + np.flatnonzero(self.previous[low:high] < low), low, high


def _classes(windows: ReceiptWindows, days: Int64Array, rows: Int64Array) -> DayClasses:
    """Days with equal rows in one class (the rows exactly: `row_keys`)."""
    keys = row_keys(rows) if rows.size else np.zeros(days.size, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    previous = np.full(days.size, -1, dtype=np.int64)
    same = keys[order[1:]] == keys[order[:-1]]
    previous[order[1:][same]] = order[:-1][same]
    classes = np.empty(days.size, dtype=np.int64)
    classes[order] = np.cumsum(np.r_[False, ~same])
    latest = windows.ends[windows.days.searchsorted(days, "right") - 1] - 60
    return DayClasses(days, classes, previous, latest, int(classes.max()) + 1 if days.size else 0)


def _memo(calendar: Calendar) -> dict[object, object]:
    return _MEMO.setdefault(calendar, {})


def windows_days(windows: ReceiptWindows) -> Int64Array:
    """The days of receipt of `windows`, each once, in order (kept per windows)."""
    found = _WINDOW_DAYS.get(id(windows))
    if found is None or found[0] is not windows:
        days = windows.days
        found = _WINDOW_DAYS[id(windows)] = (
            windows, days[np.r_[True, days[1:] != days[:-1]]] if days.size else days)
    return found[1]


_WINDOW_DAYS: dict[int, tuple[ReceiptWindows, Int64Array]] = {}


def pattern_classes(plan: PatternPlan, calendar: Calendar, windows: ReceiptWindows
                    ) -> tuple[DayClasses, int]:
    """The days of `windows` classed by their day pattern under `plan`, and the last day
    classed: past it the plan's reach runs beyond the calendar's end."""
    memo = _memo(calendar)
    key = ("patterns", id(windows), plan)
    if key not in memo:
        days = windows_days(windows)
        size = len(calendar.day_table(plan.schedule).working)
        spans = reach_spans(plan, calendar, days)
        beyond = np.flatnonzero(days + spans - 2 >= size)
        count = int(beyond[0]) if beyond.size else days.size
        days, spans = days[:count], spans[:count]
        rows = pattern_rows(plan, calendar, days, spans)
        memo[key] = (_classes(windows, days, rows), int(days[-1]) if count else -1)
    found = memo[key]
    assert isinstance(found, tuple)
    return found


def surroundings(calendar: Calendar, windows: ReceiptWindows, ahead: int) -> DayClasses:
    """The days of `windows` classed by what the calendar holds from each day up to the
    `ahead`-th common working day after it (`common_days`), and one day more; with `ahead`
    0, every day in a class of its own."""
    memo = _memo(calendar)
    key = ("surroundings", id(windows), ahead)
    if key not in memo:
        days = windows_days(windows)
        if not ahead:
            memo[key] = _classes(windows, days, days[:, None])
        else:
            memo[key] = _classes(windows, days, _surroundings(calendar, days, ahead))
    found = memo[key]
    assert isinstance(found, DayClasses)
    return found


def _surroundings(calendar: Calendar, days: Int64Array, ahead: int) -> Int64Array:
    """Per day: its weekday and UTC offset, how far it looks, and what each day there is on
    every week, as a bank day, and as a change of offset (`_windows_of`)."""
    common = common_days(calendar)
    at = common.searchsorted(days, "right") + ahead - 1
    reached = np.where(at < common.size, common[np.minimum(at, common.size - 1)], _size(calendar))
    widths = reached - days + 2
    first = _first_day(calendar)
    offsets = noon_offsets(first, _size(calendar), calendar.timezone)
    rows = [(days + first.weekday()) % 7, offsets[days], widths]
    longest = int(widths.max()) if widths.size else 0
    for name in _flag_names(calendar):
        base = _windows_of(calendar, name)
        padded = np.concatenate([base, np.zeros(longest, dtype=np.int64)])
        for start in range(0, longest, _WORD):
            bits = np.clip(widths - start, 0, _WORD)
            rows.append(padded[days + start] & ((np.int64(1) << bits) - 1))
    return np.stack(rows, axis=1)


def common_days(calendar: Calendar) -> Int64Array:
    """The days that are working days on every week of the calendar and banking days: the
    `n`-th of them after a day is as far as any `n` working, banking or calendar days go."""
    memo = _memo(calendar)
    if "common" not in memo:
        flags = np.ones(_size(calendar), dtype=bool)
        for name in _flag_names(calendar):
            if name != "offset":
                flags &= _flags(calendar, name).astype(bool)
        memo["common"] = np.flatnonzero(flags).astype(np.int64)
    found = memo["common"]
    assert isinstance(found, np.ndarray)
    return found


def _first_day(calendar: Calendar) -> dt.date:
    return calendar.days(next(iter(sorted(calendar.data.weeks)))).start


def _size(calendar: Calendar) -> int:
    return len(calendar.days(next(iter(sorted(calendar.data.weeks)))).working)


def _flag_names(calendar: Calendar) -> list[str]:
    names = [f"week:{week}" for week in sorted(calendar.data.weeks)] + ["offset"]
    return [*names, "bank"] if calendar.data.banking is not None else names


def _flags(calendar: Calendar, name: str) -> Int64Array:
    if name == "offset":
        offsets = noon_offsets(_first_day(calendar), _size(calendar), calendar.timezone)
        changes: Int64Array = np.r_[0, (offsets[1:] != offsets[:-1])].astype(np.int64)
        return changes
    if name == "bank":
        return calendar.banking_days().astype(np.int64)
    return np.asarray(calendar.days(name.removeprefix("week:")).working, dtype=np.int64)


def _windows_of(calendar: Calendar, name: str) -> Int64Array:
    """For every day, the flags of it and the next days, one bit a day (60 days)."""
    memo = _memo(calendar)
    if ("flags", name) not in memo:
        flags = _flags(calendar, name)
        padded = np.concatenate([flags, np.zeros(_WORD, dtype=np.int64)])
        bits = np.zeros(flags.size, dtype=np.int64)
        for at in range(_WORD):
            bits |= padded[at:at + flags.size] << at
        memo[("flags", name)] = bits
    found = memo[("flags", name)]
    assert isinstance(found, np.ndarray)
    return found


def reach_bound(calendar: Calendar, runs: list[tuple[Duration, str]]) -> int | None:
    """How many common days (`common_days`) after a day of receipt the steps can reach, at
    most; None when a step counts months (the date itself counts).

    A common day is a working day of every week and a banking day, so the n-th working or
    banking day after a day, on any week, and the n-th calendar day come no later than the
    n-th common day after it. A step starts on the day the step before ends (one day later
    where a schedule closes at midnight); a run of minutes ends at the latest on the a-th
    working day after that day (a: as many as its shortest days need, whatever the hour it
    starts), a step of n working, banking or calendar days on the n-th (then the office's
    next working day, no later than that common day); a 24/7 intake moves the start to the
    next working day at most.
    """
    total = 0
    for duration, schedule in runs:
        found = facts(calendar, schedule)
        if duration.unit == "mo" or found.shortest_day <= 0:
            return None
        total += found.always + found.closes_at_midnight
        total += (-(-duration.minutes // found.shortest_day)
                  if duration.unit in ("min", "h") else duration.amount)
    return total
