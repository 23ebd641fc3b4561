"""The end of a step as a function of its start, and the pieces it is made of.

`StepFunction` is `Calendar.due_batch` for one duration on one schedule — a run of a
path's steps, or the channel's term — computed on starts in ascending order (moments of
receipt are, and so is what earlier steps make of them), with what the verifier needs
besides the ends:

- `ends(starts)`: the ends, as `due_batch` gives them. Where `due_batch` would raise (a
  start or an end outside the calendar) it raises `Beyond` instead; every condition it
  checks grows with the start, so for ascending starts the last one decides.
- `pieces(starts)`: the ends, and a number per start naming the piece of the function it
  falls on. Two starts on the same piece end exactly as far apart as they start, or at
  the same instant: on a piece the function is affine with slope 1 or 0.
- `breaks(low, high)`: for each [low, high], every start in it where the function may
  pass from one piece to the next.

Why those are the pieces. A step in minutes ends where the working time elapsed since the
calendar's start, W(start) + amount, is first reached. W grows at slope 1 inside a working
period and is flat between periods, so the end grows at slope 1 while the start stays inside
one period and the end inside one period (the same interval `hit` of the elapsed working
time), and stays put while the start is between periods. The piece changes only where the
start crosses an opening or a closing, or where the end passes a closing: the start from
which the step ends exactly at a closing, `G(through - amount)`, is followed by one from
which it ends just after the next opening. A step in days ends at a close of business that
depends on the start's day alone: its pieces are days, and break at midnights. Receipt on a
24/7 intake (the next working period's opening outside working time) and the counting start
of a term that leaves out the acceptance day (the next working day's opening) add the
openings and closings, and the midnights. Every such instant is a whole minute.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar
from engine.calendar.index import WorkingTime
from engine.calendar.months import add_months_days
from engine.spec.duration import Duration, Unit

__all__ = ["Beyond", "StepFunction", "ranges"]

Int64Array = npt.NDArray[np.int64]
_UNIT_SECONDS = {"min": 60, "h": 3600}
#: More than the working periods, and the days, of any calendar: the parts of a piece's
#: number are digits of this radix.
_RADIX = 1 << 21
_NEVER = np.iinfo(np.int64).max


class Beyond(Exception):
    """A start, or an end, is outside the calendar: `Calendar.due_batch` raises on it, and
    the verifier lets it (`engine.verify.judging` composes such a path exhaustively)."""


def ranges(low: Int64Array, high: Int64Array) -> tuple[Int64Array, Int64Array]:
    """Every integer of each [low[i], high[i]) with its i: (owners, integers), in order."""
    counts = np.maximum(high - low, 0)
    owners = np.repeat(np.arange(low.size, dtype=np.int64), counts)
    first = np.cumsum(counts) - counts
    values: Int64Array = np.arange(owners.size, dtype=np.int64) + np.repeat(low - first, counts)
    return owners, values


@dataclass(frozen=True)
class StepFunction:
    """When a step of `amount` `unit` on a working time ends, from when it starts."""

    index: WorkingTime
    unit: Unit
    amount: int
    #: A 24/7 intake: a start outside working time counts from the next working period.
    receive: bool = False
    #: The acceptance day is not counted (a term, Art. 20(1)).
    exclude: bool = False

    @classmethod
    def of(cls, calendar: Calendar, duration: Duration, schedule: str, *,
           exclude: bool = False) -> StepFunction:
        """The step `duration` on `schedule`, as `Calendar.due_batch` counts it."""
        return cls(calendar.working_time(schedule), duration.unit, duration.amount,
                   calendar.schedule(schedule).intake == "always", exclude)

    @property
    def _minutes(self) -> bool:
        return self.unit in _UNIT_SECONDS

    def ends(self, starts: Int64Array) -> Int64Array:
        """When the step ends from each start (ascending); `Beyond` as above."""
        return self._evaluate(starts, False)[0]

    def pieces(self, starts: Int64Array) -> tuple[Int64Array, Int64Array]:
        """The ends and the number of the piece each start falls on."""
        return self._evaluate(starts, True)

    def _evaluate(self, x: Int64Array, numbered: bool) -> tuple[Int64Array, Int64Array]:
        s = self.index.s
        midnight = s["midnight"]
        if x.size == 0:
            return x, x
        if x[0] < midnight[0] or x[-1] >= midnight[-1]:
            raise Beyond
        if self.unit == "bd" and not self.index.has_banking:
            raise Beyond  # NoBankingDays, for any amount
        piece: Int64Array = np.zeros(x.size if numbered else 0, dtype=np.int64)
        at: Int64Array | None = None
        start = x
        if self.receive:
            at = s["ends"].searchsorted(x, "right")
            if at[-1] >= s["ends"].size:
                raise Beyond
            opening = s["starts"][at]
            if numbered:
                piece = at * 2 + (x >= opening)
            start = np.maximum(x, opening)
        day: Int64Array | None = None
        if self.exclude or (self.amount and not self._minutes):
            day = midnight.searchsorted(start, "right") - 1
            if self.exclude:
                first = self.index.next_day[day + 1]
                if first[-1] >= self.index.size:
                    raise Beyond
                start, day, at = s["opening"][first], first - 1, None
            if numbered:
                piece = piece * _RADIX + day
        if self.amount == 0:
            return start, piece
        if self._minutes:
            return self._in_minutes(start, at, piece, numbered and not self.exclude)
        assert day is not None
        return self._in_days(day), piece

    def _in_minutes(self, start: Int64Array, at: Int64Array | None, piece: Int64Array,
                    numbered: bool) -> tuple[Int64Array, Int64Array]:
        s = self.index.s
        starts, before, through = s["starts"], s["before"], s["through"]
        if at is None:
            at = s["ends"].searchsorted(start, "right")
            if at[-1] >= starts.size:
                raise Beyond
            opening = starts[at]
            if numbered:
                piece = at * 2 + (start >= opening)
            elapsed = before[at] + np.maximum(0, start - opening)
        else:  # received: inside the working period `at`
            elapsed = before[at] + (start - starts[at])
        target = elapsed + self.amount * _UNIT_SECONDS[self.unit]
        hit = through.searchsorted(target, "left")
        if hit[-1] >= through.size:
            raise Beyond
        if numbered:
            piece = piece * _RADIX + hit
        ends: Int64Array = starts[hit] + target - before[hit]
        return ends, piece

    def _in_days(self, day: Int64Array) -> Int64Array:
        s, index, amount = self.index.s, self.index, self.amount
        if self.unit in ("wd", "bd"):
            rank = (index.rank if self.unit == "wd" else index.bank_rank)[day] + amount - 1
            closes = s["close_of_rank" if self.unit == "wd" else "close_of_bank_rank"]
            if rank[-1] >= closes.size:
                raise Beyond
            ends: Int64Array = closes[rank]
            if self.unit == "wd":
                return ends  # the batch function lets a close that never comes through
        else:
            target = (day + amount if self.unit == "cd" else
                      add_months_days(index.days.start, day, np.full_like(day, amount)))
            if target[-1] >= index.size:
                raise Beyond
            ends = s["close_on_or_after"][target]
        if ends[-1] == _NEVER:
            raise Beyond
        return ends

    def breaks(self, low: Int64Array, high: Int64Array) -> tuple[Int64Array, Int64Array]:
        """For each i, the starts in [low[i], high[i]] where the piece may change (with
        more besides): (owners i, starts)."""
        s = self.index.s
        parts: list[tuple[Int64Array, Int64Array]] = []
        timed = self._minutes and self.amount > 0 and not self.exclude
        if self.receive or timed:
            owners, at = ranges(s["ends"].searchsorted(low, "left"),
                                s["starts"].searchsorted(high, "right"))
            parts += [(owners, s["starts"][at]), (owners, s["ends"][at])]
        if self.exclude or (self.amount and not self._minutes):
            owners, day = ranges(s["midnight"].searchsorted(low, "left"),
                                 s["midnight"].searchsorted(high, "right"))
            parts.append((owners, s["midnight"][day]))
        if timed:
            parts.append(self._closing_ends(low, high))
        if not parts:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        owners = np.concatenate([p[0] for p in parts])
        found = np.concatenate([p[1] for p in parts])
        keep = (found >= low[owners]) & (found <= high[owners])
        return owners[keep], found[keep]

    def _closing_ends(self, low: Int64Array, high: Int64Array) -> tuple[Int64Array, Int64Array]:
        """The starts from which the step ends exactly at a closing, around [low, high]."""
        s = self.index.s
        starts, before, through = s["starts"], s["before"], s["through"]
        amount = self.amount * _UNIT_SECONDS[self.unit]
        elapsed = []
        for x in (low, high):
            at = np.minimum(s["ends"].searchsorted(x, "right"), starts.size - 1)
            elapsed.append(before[at] + np.clip(x - starts[at], 0, through[at] - before[at]))
        first = np.maximum(through.searchsorted(elapsed[0] + amount, "left") - 1, 0)
        last = np.minimum(through.searchsorted(elapsed[1] + amount, "right") + 1, through.size)
        owners, j = ranges(first, last)
        worked = through[j] - amount
        at = np.minimum(through.searchsorted(worked, "left"), starts.size - 1)
        found: Int64Array = starts[at] + worked - before[at]
        return owners, found
