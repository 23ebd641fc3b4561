"""The working-time index of one schedule: every answer is a lookup in sorted arrays.

For a counting schedule (working periods on a week pattern) the index holds, over
the covered years:

- `midnight[d]`: the instant day `d` begins (local midnight; `d` = days since
  1 January of the first covered year; one extra entry closes the last day);
- `opening[d]`, `closing[d]`: the start of the first and the end of the last
  working period of day `d` (what "the beginning" and "the close of business" of a
  day mean), defined for every day;
- `starts[i]`, `ends[i]`: the working intervals of all working days, sorted, and
  `before[i]`, `through[i]`: working time elapsed before / through interval `i`;
- `rank[d]`: working days up to and including day `d`; `close_of_rank[k]`: the
  close of business of the (k+1)-th working day; `next_day[d]`: the first working
  day on or after `d`; `close_on_or_after[d]`: its close of business;
- with banking days (`engine.calendar.banking`): `bank_rank[d]`, banking days up to and
  including day `d`, and `close_of_bank_rank[k]`, the close of business that ends a term
  whose last day is the (k+1)-th banking day (that day's, or the next working day's).

Instants are kept twice: numpy int64 seconds for the batch API, Python ints of
microseconds for the scalar API (exact for any aware datetime). The index is built
once per schedule and process (a few milliseconds).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.calendar.days import DayTable
from engine.calendar.errors import CalendarError
from engine.calendar.instants import local_micros_days
from engine.calendar.model import Period, Schedule

__all__ = ["WorkingTime"]

_MICRO = 1_000_000
Int64Array = npt.NDArray[np.int64]


class WorkingTime:
    """Working time of one counting schedule over the covered years."""

    def __init__(self, schedule: Schedule, days: DayTable, timezone: str,
                 office: DayTable | None = None,
                 banking: npt.NDArray[np.bool_] | None = None) -> None:
        """`office`: for the schedule of a term counted on another week than the office's
        own (`Calendar.term_schedule`), the office's days: a term in days whose last day
        is not one of them ends at the close of the office's next working day (Civil Code
        General Part, chapter 6: a term whose last day is a non-working day ends on the next
        working day). `banking`: the banking days of the calendar (one flag per day), for
        terms in banking days; None when the calendar has none.
        """
        if not schedule.periods:
            raise CalendarError(f'schedule "{schedule.id}" has no working hours to count on')
        self.schedule = schedule
        self.days = days
        self.timezone = timezone
        size = len(days.working)
        start = days.date(0)
        # zoneinfo decides each offset, so the 25-hour 29 February 2024 of Almaty comes
        # out right (see local_micros_days).
        midnight = local_micros_days(start, size + 1, 0, timezone, fold=0)
        opening = np.empty(size, dtype=np.int64)
        closing = np.empty(size, dtype=np.int64)
        weekdays = (np.arange(size) + start.weekday()) % 7
        #: Per day, which hours it has: 0 on a day off, else 1 + the index of its hours
        #: among the schedule's distinct hours (all working days alike: 0 or 1).
        self.day_codes: Int64Array = np.zeros(size, dtype=np.int64)
        starts_parts, ends_parts = [], []
        patterns: list[tuple[Period, ...]] = []
        known: dict[tuple[int, int], Int64Array] = {}

        def local(minute: int, fold: int) -> Int64Array:
            if (minute, fold) not in known:
                known[minute, fold] = local_micros_days(start, size, minute, timezone, fold=fold)
            return known[minute, fold]

        for weekday in range(7):
            periods = schedule.periods_on(weekday)
            if not periods:
                continue
            on_weekday = weekdays == weekday
            first, last = periods[0], periods[-1]
            opening[on_weekday] = local(first.start, 0)[on_weekday]
            closing[on_weekday] = local(last.end, 1)[on_weekday]
            if periods not in patterns:
                patterns.append(periods)
            worked = np.flatnonzero(on_weekday & np.asarray(days.working, dtype=bool))
            self.day_codes[worked] = patterns.index(periods) + 1
            for p in periods:
                starts_parts.append(local(p.start, 0)[worked])
                ends_parts.append(local(p.end, 1)[worked])
        starts = np.concatenate(starts_parts)
        ends = np.concatenate(ends_parts)
        order = np.argsort(starts, kind="stable")
        self.has_banking = banking is not None
        self._build(midnight, opening, closing, starts[order], ends[order], office, banking)

    def _build(
        self,
        midnight: Int64Array,
        opening: Int64Array,
        closing: Int64Array,
        starts: Int64Array,
        ends: Int64Array,
        office: DayTable | None = None,
        banking: npt.NDArray[np.bool_] | None = None,
    ) -> None:
        working = self.days.working
        size = len(working)
        never = np.iinfo(np.int64).max
        lengths = np.array(ends, dtype=np.int64) - np.array(starts, dtype=np.int64)
        through = np.cumsum(lengths, dtype=np.int64)
        closing_us = np.array(closing, dtype=np.int64)
        self.rank: Int64Array = np.cumsum(working, dtype=np.int64)
        self.working_day_at: Int64Array = np.flatnonzero(working).astype(np.int64)
        # next_day[d]: the first working day on or after d, or `size` when there is none.
        marks = np.where(working, np.arange(size), size)
        self.next_day: Int64Array = np.append(
            np.minimum.accumulate(marks[::-1])[::-1], size
        ).astype(np.int64)
        # The close that ends a term in days on each day: the day's own close, or where the
        # office does not work that day, the close of the office's next working day.
        term_close = np.append(closing_us, never)
        if office is not None:
            open_days = np.asarray(office.working, dtype=bool)
            marks = np.where(open_days, np.arange(size), size)
            office_next = np.append(np.minimum.accumulate(marks[::-1])[::-1], size)
            term_close = np.append(np.where(open_days, closing_us,
                                            np.append(closing_us, never)[office_next[:-1]]),
                                   never)
        micros: dict[str, Int64Array] = {
            "midnight": np.array(midnight, dtype=np.int64),
            "opening": np.array(opening, dtype=np.int64),
            "closing": closing_us,
            "starts": np.array(starts, dtype=np.int64),
            "ends": np.array(ends, dtype=np.int64),
            "before": through - lengths,
            "through": through,
            "close_of_rank": term_close[self.working_day_at],
            "close_on_or_after": term_close[self.next_day],
        }
        # A term in banking days ends on its last banking day at the close of business that a
        # term in days ending on that day would have (the office's next working day's when
        # the office does not work it).
        flags = np.zeros(size, dtype=bool) if banking is None else np.asarray(banking, dtype=bool)
        self.bank_rank: Int64Array = np.cumsum(flags, dtype=np.int64)
        micros["close_of_bank_rank"] = micros["close_on_or_after"][np.flatnonzero(flags)]
        # Scalar API: exact microseconds as Python ints (bisect on lists is fastest).
        self.us: dict[str, list[int]] = {name: a.tolist() for name, a in micros.items()}
        self.rank_list: list[int] = self.rank.tolist()
        self.next_day_list: list[int] = self.next_day.tolist()
        self.bank_rank_list: list[int] = self.bank_rank.tolist()
        # Batch API: int64 seconds (every boundary is a whole minute).
        self.s: dict[str, Int64Array] = {
            name: np.where(a == never, never, a // _MICRO) for name, a in micros.items()
        }

    @property
    def periods(self) -> tuple[Period, ...]:
        """The schedule's working periods of a working day."""
        return self.schedule.periods

    @property
    def size(self) -> int:
        """Number of days covered."""
        return len(self.days.working)
