"""Whether a path fits its term on every moment of receipt: its tightest moment and the
number of moments covered, found on the few moments that can be tightest.

`exhaustive_judge` composes the steps on every moment of receipt (`candidates`): every
minute of the representative days of a term in minutes or hours, the latest moment of every
day for a term in days. `ChannelJudge.judge` gives the same answer — the same earliest
moment of least slack, the same count of moments — from fewer moments:

- a term in minutes or hours: on the representative days (`day_classes.pattern_classes`),
  only the minutes where the slack can turn (`breakpoints`): its least value over every
  minute of a window is first taken at one of them;
- a term in days: the slack on the latest moment of every day, the steps composed on one day
  per class of days whose surroundings are alike for as far as the steps can reach
  (`day_classes.surroundings`, `reach_bound`): from each day of a class they take as long, so
  each day's end is its class's first day's shifted; the last day checked is composed too,
  so that a path that runs past the calendar from any day does so here.

Paths of a channel share their days and the composition of their common first runs (a step
in months, whose end hangs on the date, is composed on every day). Whatever this cannot
decide (a step or a term past the calendar, a schedule the calendar cannot count on) is
composed exhaustively, which raises the calendar's own error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

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


#: A run as the judge keys it: (amount, unit, schedule).
_StepKey = tuple[int, str, str]
#: A run: its key, its function, its duration and schedule.
_Run = tuple[_StepKey, StepFunction, tuple[Duration, str]]
#: What the runs make of a root's moments: ends (a term in days), or points (in minutes).
_Made = TypeVar("_Made")


class ChannelJudge:
    """Judges the paths of one channel (`judge`), sharing their common work.

    The compositions of the paths' common first runs are kept in a tree: a node per run
    composed after its parent's, on the moments of the root (`_composed`).
    """

    def __init__(self, shared: SharedWork) -> None:
        self.shared = shared
        self.calendar = shared.calendar
        self.channel = shared.channel
        self.windows = shared.windows
        #: The moments a path is checked on, per what they depend on: (root, its moments...)
        self.roots: dict[object, tuple[int, Any]] = {}
        #: (parent node, run) -> (node, what the runs so far make of the root's moments)
        self.nodes: dict[tuple[int, _StepKey], tuple[int, Any]] = {}
        self.functions: dict[_StepKey, StepFunction] = {}
        self.term_schedule = ""
        self.term: StepFunction | None = None
        #: For a term in days: how far ahead days of receipt are compared, and the last day
        #: of receipt of each path, so that the channel's paths share one set of days
        #: (`expect`; those of a path end at its own last day).
        self.ahead = 0
        self.last_days: set[int] = set()
        self.plans: dict[int, tuple[list[Duration], tuple[int, int, list[_Run], int | None]]] = {}

    def expect(self, durations: list[Duration], schedules: list[str]) -> None:
        """Take note of a path to be judged: the days of receipt of a term in days are then
        compared as far ahead as it reaches, and as late as it is received, for all the
        channel's paths at once."""
        if not self.channel.term.is_day_based:
            return
        try:
            if self.term is None:
                self.term_schedule = self.shared.term_schedule()
            planned = self._plan(durations, schedules)
        except CalendarError:
            return  # judged exhaustively, which says why
        _, last_day, _, reach = planned
        if reach is not None:
            self.ahead = max(self.ahead, _rounded(reach))
            self.last_days.add(last_day)

    def _plan(self, durations: list[Duration], schedules: list[str]
              ) -> tuple[int, int, list[_Run], int | None]:
        """A path's first and last days of receipt, its runs and its reach (`reach_bound`),
        kept for the list of durations `expect` was given."""
        found = self.plans.get(id(durations))
        if found is None or found[0] is not durations:
            first_day, last_day = receipt_days(self.channel, durations, self.calendar,
                                               self.windows, self.shared.in_force)
            runs = self._runs(durations, schedules)
            reach = reach_bound(self.calendar, [r for _, _, r in runs])
            found = self.plans[id(durations)] = (durations, (first_day, last_day, runs, reach))
        return found[1]

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
        if worst.timeline and worst.timeline[-1].end != worst.steps_end:
            # The steps told one by one end elsewhere: never, by the arguments above.
            return exhaustive_judge(shared, steps, durations, schedules, channel, calendar)
        return term_end >= ends, worst, count

    def _runs(self, durations: list[Duration], schedules: list[str]) -> list[_Run]:
        """The path's runs (`runs_of`), each with its key and its function."""
        runs: list[_Run] = []
        for run in runs_of(self.calendar, durations, schedules):
            duration, schedule = run_step(run)
            key = (duration.amount, duration.unit, schedule)
            function = self.functions.get(key)
            if function is None:
                function = self.functions[key] = StepFunction.of(self.calendar, duration,
                                                                 schedule)
            runs.append((key, function, (duration, schedule)))
        return runs

    def _composed(self, root: int, values: _Made, runs: list[_Run],
                  compose: Callable[[_Made, StepFunction], _Made]) -> _Made:
        """What the runs make of the root's moments, composing only the runs no earlier
        path shares."""
        node = root
        for key, function, _ in runs:
            found = self.nodes.get((node, key))
            if found is None:
                found = self.nodes[(node, key)] = (len(self.nodes) + 1,
                                                   compose(values, function))
            node, values = found
        return values

    def _root_of(self, key: object, make: Callable[[], Any]) -> tuple[int, Any]:
        found = self.roots.get(key)
        if found is None:
            found = self.roots[key] = (-len(self.roots) - 1, make())
        return found

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
        root, made = self._root_of(days.tobytes(), lambda: self._root(days))
        assert isinstance(made, tuple)
        points, count = made
        if count == 0:
            return None
        composed = self._composed(root, points, self._runs(durations, schedules), refine)
        assert self.term is not None
        return _tightest(composed.moments, composed.values, self.term.ends(composed.moments),
                         count)

    def _root(self, days: Int64Array) -> tuple[Points, int]:
        """The first and last minutes of the reception windows of `days`, with the minutes
        where the term's end may change piece; and how many minutes the windows hold."""
        windows = self.windows
        _, at = ranges(windows.days.searchsorted(days, "left"),
                       windows.days.searchsorted(days, "right"))
        starts, ends = windows.starts[at], windows.ends[at]
        count = int(((ends - starts) // MINUTE).sum())
        if count == 0:
            return Points.of_windows(starts[:0], ends[:0]), 0
        kept = ends - starts >= MINUTE
        assert self.term is not None
        return refine(Points.of_windows(starts[kept], ends[kept]), self.term).restart(), count

    def _in_days(self, durations: list[Duration], schedules: list[str]) -> _Found | None:
        first_day, last_day, runs, reach = self._plan(durations, schedules)
        if reach is None:
            ahead, last_days = 0, frozenset({last_day})
        elif _rounded(reach) <= self.ahead and last_day in self.last_days:
            ahead, last_days = self.ahead, frozenset(self.last_days)
        else:  # a path not expected (the elapsed reading of one): days of its own
            ahead, last_days = _rounded(reach), frozenset({last_day})
        root, made = self._root_of((ahead, first_day, last_days),
                                   lambda: self._days(ahead, first_day, last_days))
        assert isinstance(made, _Days)
        size = int(made.days.searchsorted(last_day, "right"))
        if size == 0:
            return None
        composed = int(made.chosen.searchsorted(size, "left"))
        values = self._prefix(root, made.moments, runs, composed)
        # Each day's steps end as far after its latest moment as its class's first day's do.
        ends = made.latest[:size] + (values[:composed] - made.moments[:composed])[made.first[:size]]
        return _tightest(made.latest[:size], ends, made.term_ends[:size], size)

    def _prefix(self, root: int, moments: Int64Array, runs: list[_Run], size: int
                ) -> Int64Array:
        """What the runs make of the first `size` moments of a root (at least), composing
        only what no earlier path of the channel did."""
        node, values = root, moments
        for key, function, _ in runs:
            found = self.nodes.get((node, key))
            if found is None:
                found = (len(self.nodes) + 1, function.ends(values[:size]))
            elif found[1].size < size:
                done = found[1]
                found = (found[0], np.concatenate([done, function.ends(values[done.size:size])]))
            self.nodes[(node, key)] = found
            node, values = found
        return values

    def _days(self, ahead: int, first_day: int, last_days: frozenset[int]) -> _Days:
        """The days of receipt from `first_day` to the latest of `last_days`, the term's end
        from each, and the days composed: the first of each class of days alike for `ahead`
        common days (`surroundings`), and the last day of each path."""
        classes = surroundings(self.calendar, self.windows, ahead)
        firsts, low, high = classes.firsts(first_day, max(last_days))
        first = np.full(classes.count, -1, dtype=np.int64)
        first[classes.classes[firsts]] = firsts - low
        lasts = classes.days.searchsorted(np.array(sorted(last_days)), "right") - 1 - low
        chosen = np.sort(np.concatenate([firsts - low, lasts[lasts >= 0]]))
        chosen = chosen[np.r_[True, chosen[1:] != chosen[:-1]]] if chosen.size else chosen
        latest = classes.latest[low:high]
        assert self.term is not None
        return _Days(classes.days[low:high], latest, self.term.ends(latest), chosen,
                     latest[chosen], chosen.searchsorted(first[classes.classes[low:high]]))


@dataclass(frozen=True)
class _Days:
    """The days of receipt of a channel's paths in days (`ChannelJudge._days`): per day, its
    latest moment of receipt, the term's end from it, and which of the days composed is the
    first of its class."""

    days: Int64Array
    latest: Int64Array
    term_ends: Int64Array
    chosen: Int64Array  # positions of the days composed
    moments: Int64Array  # their latest moments
    first: Int64Array  # per day, the index in `chosen` of the first day of its class


def _tightest(moments: Int64Array, ends: Int64Array, term_ends: Int64Array, count: int
              ) -> _Found:
    """The earliest moment of least slack, with the steps' and the term's ends from it."""
    best = int(np.argmin(term_ends - ends))
    return int(moments[best]), int(ends[best]), int(term_ends[best]), count
