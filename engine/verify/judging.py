"""Whether a path fits its term on every moment of receipt: its tightest moment and the
number of moments covered, found on the few moments that can be tightest.

`exhaustive_judge` composes the steps on every moment of receipt (`candidates`): every
minute of the representative days of a term in minutes or hours, the latest moment of every
day for a term in days. `ChannelJudge.judge` gives the same answer — the same earliest
moment of least slack, the same count of moments — from fewer moments:

- a term in minutes or hours: on the representative days (`day_classes.pattern_classes`),
  only the minutes where the slack can turn (`breakpoints`): its least value over every
  minute of a window is first taken at one of them;
- a term in days: one day per class of days whose surroundings are alike for as far as the
  path and its term can look (`day_classes.surroundings`, `reach_bound`), which have the same
  slack; the first day of a class is the earliest, and the last day checked is composed too,
  so that a path that runs past the calendar from any day does so here.

Paths of a channel share the composition of their common first runs. Whatever this cannot
decide (a step or a term past the calendar, a step in months, a path whose moments the
calendar cannot class) is composed exhaustively, which raises the calendar's own error.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar, CalendarError
from engine.spec.duration import Duration
from engine.spec.model import Channel, Step
from engine.verify.breakpoints import MINUTE, Points, refine
from engine.verify.composition import SharedWork, run_step, runs_of
from engine.verify.day_classes import pattern_classes, reach_bound, surroundings
from engine.verify.day_patterns import pattern_plan, receipt_days
from engine.verify.pieces import Beyond, StepFunction, ranges
from engine.verify.worst_case import Worst, worst_case

__all__ = ["ChannelJudge", "exhaustive_judge"]

Int64Array = npt.NDArray[np.int64]


def _rounded(ahead: int) -> int:
    """`ahead` rounded up, so that paths of close reach share their classes of days (looking
    further only splits classes)."""
    step = 4 if ahead <= 32 else 8 if ahead <= 96 else 32
    return -(-ahead // step) * step


def exhaustive_judge(shared: SharedWork, steps: list[Step], durations: list[Duration],
                     schedules: list[str], channel: Channel, calendar: Calendar
                     ) -> tuple[bool, Worst, int]:
    """Whether the path fits on every moment of receipt, its tightest (or worst) case, and
    the number of moments checked, composing the steps on each of them."""
    received = shared.received(durations, schedules)
    ends = shared.ends(received, durations, schedules)
    term_ends = shared.term_end(received)
    slack = term_ends.astype(np.int64) - ends
    at = int(np.argmin(slack))
    worst = worst_case(int(received[at]), int(ends[at]), int(term_ends[at]), steps, durations,
                       schedules, channel, calendar, shared.term_schedule())
    return bool(slack[at] >= 0), worst, int(received.size)


_Found = tuple[int, int, int, int]  # received, steps' end, term's end, moments covered


class ChannelJudge:
    """Judges the paths of one channel (`judge`), sharing their common work."""

    def __init__(self, shared: SharedWork) -> None:
        self.shared = shared
        self.calendar = shared.calendar
        self.channel = shared.channel
        self.windows = shared.windows
        self.memo: dict[object, object] = {}
        self.term_schedule = ""
        self.term: StepFunction | None = None

    def judge(self, shared: SharedWork, steps: list[Step], durations: list[Duration],
              schedules: list[str], channel: Channel, calendar: Calendar
              ) -> tuple[bool, Worst, int]:
        """As `exhaustive_judge`, on the moments that decide."""
        try:
            if self.term is None:
                self.term_schedule = shared.term_schedule()
                self.term = StepFunction.of(calendar, channel.term, self.term_schedule,
                                            exclude=channel.acceptance_day_excluded)
            found = (self._in_days(durations, schedules) if channel.term.is_day_based
                     else self._in_minutes(durations, schedules))
        except (Beyond, CalendarError):
            found = None  # the exhaustive composition raises the calendar's own error
        if found is None:
            return exhaustive_judge(shared, steps, durations, schedules, channel, calendar)
        received, ends, term_end, count = found
        worst = worst_case(received, ends, term_end, steps, durations, schedules, channel,
                           calendar, self.term_schedule)
        return term_end >= ends, worst, count

    def _steps(self, durations: list[Duration], schedules: list[str]
               ) -> list[tuple[tuple[Duration, str], StepFunction]]:
        steps = []
        for run in runs_of(self.calendar, durations, schedules):
            duration, schedule = run_step(run)
            key = ("step", duration, schedule)
            if key not in self.memo:
                self.memo[key] = StepFunction.of(self.calendar, duration, schedule)
            function = self.memo[key]
            assert isinstance(function, StepFunction)
            steps.append(((duration, schedule), function))
        return steps

    def _in_minutes(self, durations: list[Duration], schedules: list[str]) -> _Found | None:
        calendar, channel, windows = self.calendar, self.channel, self.windows
        first_day, last_day = receipt_days(channel, durations, calendar, windows,
                                           self.shared.in_force)
        plan = pattern_plan(durations, schedules, channel, calendar)
        classes, classed = pattern_classes(plan, calendar, windows)
        if last_day > classed:
            return None
        firsts, _, _ = classes.firsts(first_day, last_day)
        days = classes.days[firsts]
        _, at = ranges(windows.days.searchsorted(days, "left"),
                       windows.days.searchsorted(days, "right"))
        starts, ends = windows.starts[at], windows.ends[at]
        count = int(((ends - starts) // MINUTE).sum())
        starts, ends = starts[ends - starts >= MINUTE], ends[ends - starts >= MINUTE]
        if count == 0:
            return None
        key: tuple[object, ...] = ("minutes", plan, first_day, last_day)
        points = self._root(key, starts, ends)
        for step, function in self._steps(durations, schedules):
            key = (*key, step)
            if key not in self.memo:
                self.memo[key] = refine(points, function)
            found = self.memo[key]
            assert isinstance(found, Points)
            points = found
        assert self.term is not None
        term_ends = self.term.ends(points.moments)
        slack = term_ends - points.values
        best = int(np.argmin(slack))
        return (int(points.moments[best]), int(points.values[best]), int(term_ends[best]),
                count)

    def _root(self, key: object, starts: Int64Array, ends: Int64Array) -> Points:
        """The first and last minutes of the windows, with the minutes where the term's end
        may change piece."""
        if key not in self.memo:
            assert self.term is not None
            self.memo[key] = refine(Points.of_windows(starts, ends), self.term).restart()
        found = self.memo[key]
        assert isinstance(found, Points)
        return found

    def _in_days(self, durations: list[Duration], schedules: list[str]) -> _Found | None:
        calendar, channel, windows = self.calendar, self.channel, self.windows
        first_day, last_day = receipt_days(channel, durations, calendar, windows,
                                           self.shared.in_force)
        steps = self._steps(durations, schedules)
        reach = reach_bound(calendar, [s for s, _ in steps], channel.term, self.term_schedule)
        ahead = 0 if reach is None else _rounded(reach)
        key: tuple[object, ...] = ("days", ahead, first_day, last_day)
        if key not in self.memo:
            self.memo[key] = self._latest(ahead, first_day, last_day)
        found = self.memo[key]
        assert isinstance(found, tuple)
        moments, term_ends, count = found
        if count == 0:
            return None
        values = moments
        for step, function in steps:
            key = (*key, step)
            if key not in self.memo:
                self.memo[key] = function.ends(values)
            composed = self.memo[key]
            assert isinstance(composed, np.ndarray)
            values = composed
        slack = term_ends - values
        best = int(np.argmin(slack))
        return int(moments[best]), int(values[best]), int(term_ends[best]), count

    def _latest(self, ahead: int, first_day: int, last_day: int
                ) -> tuple[Int64Array, Int64Array, int]:
        """The latest moment of receipt of the first day of each class and of the last day,
        the term's end from each, and the number of days of receipt covered."""
        classes = surroundings(self.calendar, self.windows, ahead)
        firsts, low, high = classes.firsts(first_day, last_day)
        if high <= low:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), 0
        if firsts[-1] != high - 1:
            firsts = np.append(firsts, high - 1)
        latest = classes.latest[firsts]
        assert self.term is not None
        return latest, self.term.ends(latest), high - low
