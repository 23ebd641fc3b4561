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

import weakref
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar, Schedule
from engine.calendar.index import WorkingTime
from engine.calendar.months import add_months_days
from engine.spec.duration import Duration, Unit

__all__ = ["Beyond", "Facts", "StepFunction", "facts", "ranges"]

Int64Array = npt.NDArray[np.int64]
_UNIT_SECONDS = {"min": 60, "h": 3600}
#: A piece's number holds three digits of 21 bits (more than the working periods, or the
#: days, of any calendar): the working period, the day, the interval the end falls in.
_DAY = 21
_AT = 42
_DIGIT = (1 << 21) - 1
_NEVER = np.iinfo(np.int64).max


@dataclass(frozen=True)
class Facts:
    """What the verifier asks of a schedule, path after path: the working time it counts on,
    whether it takes applications at any hour, and the schedule it counts on."""

    index: WorkingTime
    always: bool
    counting: Schedule
    #: Working minutes of the shortest working day of the schedule counted on.
    shortest_day: int
    #: 1 when a working day of it closes at midnight (its close is on the next day).
    closes_at_midnight: int


_FACTS: weakref.WeakKeyDictionary[Calendar, dict[str, Facts]] = weakref.WeakKeyDictionary()


def facts(calendar: Calendar, schedule: str) -> Facts:
    """The `Facts` of a schedule of the calendar (looked up once).

    Raises:
        CalendarError: as `Calendar.working_time` does, for a schedule it cannot count on.
    """
    known = _FACTS.get(calendar)
    if known is None:
        known = _FACTS[calendar] = {}
    found = known.get(schedule)
    if found is None:
        own = calendar.schedule(schedule)
        counting = calendar.schedule(own.counting)
        midnight = any(p.end >= 24 * 60 for periods in (counting.periods,
                                                        *(d for _, d in counting.days))
                       for p in periods)
        found = known[schedule] = Facts(calendar.working_time(schedule), own.intake == "always",
                                        counting, counting.shortest_day, int(midnight))
    return found


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
        found = facts(calendar, schedule)
        return cls(found.index, duration.unit, duration.amount, found.always, exclude)

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
        """The ends, and (`numbered`) the pieces: the working period a start falls in or
        before (`at`, twice, plus one inside it), its day, and the interval of working time
        its end falls in (`hit`), as the digits of one number, each where it matters."""
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
                piece = (at * 2 + (x >= opening)) << _AT
            start = np.maximum(x, opening)
        if self.exclude or (self.amount and not self._minutes):
            day = midnight.searchsorted(start, "right") - 1
            if self.exclude:
                first = self.index.next_day[day + 1]
                if first[-1] >= self.index.size:
                    raise Beyond
                start, day, at = s["opening"][first], first - 1, None
            if numbered:
                piece = piece | (day << _DAY)
            if self.amount and not self._minutes:
                return self._in_days(day), piece
        if self.amount == 0:
            return start, piece
        return self._in_minutes(start, at, piece, numbered and not self.exclude)

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
                piece = (at * 2 + (start >= opening)) << _AT
            elapsed = before[at] + np.maximum(0, start - opening)
        else:  # received: inside the working period `at`
            elapsed = before[at] + (start - starts[at])
        target = elapsed + self.amount * _UNIT_SECONDS[self.unit]
        hit = through.searchsorted(target, "left")
        if hit[-1] >= through.size:
            raise Beyond
        if numbered:
            piece = piece | hit
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

    def breaks(self, lower: Int64Array, upper: Int64Array, low: Int64Array,
               high: Int64Array) -> tuple[Int64Array, Int64Array]:
        """For each i, the starts in [low[i], high[i]] where the function may change piece
        (and more besides), from the pieces `lower[i]` of low[i] and `upper[i]` of high[i]:
        (owners i, starts). The openings and closings of the working periods from low's to
        high's, the midnights of their days, the starts from which the step ends at the
        closings of the intervals of working time their ends fall in."""
        s = self.index.s
        parts: list[tuple[Int64Array, Int64Array]] = []
        timed = self._minutes and self.amount > 0 and not self.exclude
        if self.receive or timed:
            last = s["starts"].size - 1
            owners, at = ranges(np.maximum((lower >> (_AT + 1)) - 1, 0),
                                np.minimum(upper >> (_AT + 1), last) + 1)
            parts += [(owners, s["starts"][at]), (owners, s["ends"][at])]
        if self.exclude or (self.amount and not self._minutes):
            owners, day = ranges((lower >> _DAY) & _DIGIT, ((upper >> _DAY) & _DIGIT) + 1)
            parts.append((owners, s["midnight"][day]))
        if timed:
            starts, before, through = s["starts"], s["before"], s["through"]
            owners, hit = ranges(lower & _DIGIT, np.minimum(upper & _DIGIT, through.size - 1) + 1)
            worked = through[hit] - self.amount * _UNIT_SECONDS[self.unit]
            at = np.minimum(through.searchsorted(worked, "left"), starts.size - 1)
            parts.append((owners, starts[at] + worked - before[at]))
        if not parts:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        owners = np.concatenate([p[0] for p in parts])
        found = np.concatenate([p[1] for p in parts])
        keep = (found >= low[owners]) & (found <= high[owners])
        return owners[keep], found[keep]
