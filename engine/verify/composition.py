"""What the paths of one channel share while they are verified: the moments of receipt,
the compositions of their common first steps, and the term's ends, computed once.

`SharedWork` keeps them for the next paths of the channel (`engine.verify.proof`);
`compose` is the plain composition of a path's steps on the calendar's batch functions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from functools import partial

import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar, CalendarError
from engine.spec.duration import Duration
from engine.spec.model import Channel
from engine.verify.day_patterns import candidates, horizon_days, merged_runs
from engine.verify.pieces import facts
from engine.verify.receipts import ReceiptWindows

__all__ = ["SLICE", "SharedWork", "compose", "in_slices", "run_step", "runs_of", "starts_with"]

Int64Array = npt.NDArray[np.int64]


_Key = tuple[int, tuple[tuple[Duration, str], ...], frozenset[str] | None]
#: How many arrays of moments (with their compositions) a channel keeps for its next paths:
#: a same-day service has ~130,000 moments a path, and paths come depth first, so the
#: last few hold nearly every prefix worth sharing.
_KEEP = 3
_Run = tuple[tuple[Duration, str], ...]
_Ends = npt.NDArray[np.int64] | npt.NDArray[np.datetime64]


class SharedWork:
    """What the paths of one channel have in common, computed once for all of them.

    Paths of a channel share their first steps, and their moments of receipt often
    agree or are a prefix of one another (a shorter horizon keeps more days of the
    calendar). The calendar's batch functions work element by element, so the
    composition of a common first part, or the term's ends, computed on a longer run
    of moments are, cut to a path's own moments, exactly what the path would compute;
    a batch that succeeds on the longer run cannot fail on its prefix. Whether the
    moments really are a prefix is compared, never assumed.
    """

    def __init__(self, channel: Channel, calendar: Calendar, windows: ReceiptWindows,
                 in_force: tuple[int, int] | None = None) -> None:
        self.channel = channel
        self.in_force = in_force
        self.calendar = calendar
        self.windows = windows
        self.candidates: dict[_Key, Int64Array] = {}
        #: Per array of moments: the runs of steps last composed on it and each run's ends.
        self.chains: list[tuple[Int64Array, list[_Run], list[Int64Array]]] = []
        self.term_ends: list[tuple[Int64Array, _Ends]] = []

    def received(self, durations: list[Duration], schedules: list[str]) -> Int64Array:
        """The moments of receipt a path is checked on (see `candidates`)."""
        weeks = None if self.channel.term.is_day_based else frozenset(schedules)
        key = (horizon_days(durations, self.channel.term), tuple(merged_runs(durations, schedules)),
               weeks)
        if key not in self.candidates:
            self.candidates[key] = candidates(self.channel, durations, schedules, self.calendar,
                                               self.windows, self.in_force)
            if len(self.candidates) > _KEEP:
                del self.candidates[next(iter(self.candidates))]
        return self.candidates[key]

    def ends(self, received: Int64Array, durations: list[Duration],
             schedules: list[str]) -> Int64Array:
        """When the steps end, from each moment of receipt (as `compose` would say)."""
        runs = self.runs(durations, schedules)
        arrays: list[Int64Array] = []
        for moments, done, composed in self.chains:
            common = 0
            while common < min(len(done), len(runs)) and done[common] == runs[common]:
                common += 1
            if common > len(arrays) and starts_with(moments, received):
                arrays = [a[:received.size] for a in composed[:common]]
        current = arrays[-1] if arrays else received
        for run in runs[len(arrays):]:
            duration, schedule = run_step(run)
            step = partial(compose, durations=[duration], schedules=[schedule],
                           calendar=self.calendar)
            current = in_slices(step, current)
            arrays.append(current)
        self.chains = [c for c in self.chains if c[0] is not received][-_KEEP + 1:]
        self.chains.append((received, runs, arrays))
        return current

    def runs(self, durations: list[Duration], schedules: list[str]) -> list[_Run]:
        """The steps as runs (`runs_of`)."""
        return runs_of(self.calendar, durations, schedules)

    def term_schedule(self) -> str:
        """The schedule the channel's term counts on (`Calendar.term_schedule`)."""
        channel = self.channel
        return self.calendar.term_schedule(channel.schedule, channel.term, channel.term_week)

    def term_week(self) -> str:
        """The week whose days the term counts ("" when the calendar cannot say)."""
        try:
            schedule = self.calendar.schedule(self.term_schedule())
            return self.calendar.schedule(schedule.counting).week or ""
        except CalendarError:
            return ""

    @functools.cached_property
    def week(self) -> str:
        """`term_week`, asked once for all the channel's paths."""
        return self.term_week()

    def term_end(self, received: Int64Array) -> _Ends:
        """When the term ends, from each moment of receipt."""
        for moments, ends in self.term_ends:
            if starts_with(moments, received):
                return ends[:received.size]
        term, channel = self.channel.term, self.channel
        schedule = self.term_schedule()

        def due(moments: Int64Array) -> Int64Array:
            ends = self.calendar.due_batch(moments, term.amount, term.unit, schedule,
                                           exclude_acceptance_day=channel.acceptance_day_excluded)
            return ends.astype(np.int64, copy=False)

        ends = in_slices(due, received)
        self.term_ends = [*self.term_ends[-_KEEP + 1:], (received, ends)]
        return ends


def runs_of(calendar: Calendar, durations: list[Duration], schedules: list[str]) -> list[_Run]:
    """The steps, consecutive ones in minutes or hours on the same working time as one run.

    Such steps compose as one step of their total: a step in minutes ends at a working
    moment whose working time elapsed is exactly the start's plus the step (also when
    it ends at the close of a period and the next step starts at the next opening), so
    the next step's end depends on the sum alone. Steps in days, of zero length, or on
    a schedule the calendar does not know stay on their own.
    """
    runs: list[list[tuple[Duration, str]]] = []
    last_index: object = None
    for duration, schedule in zip(durations, schedules, strict=True):
        index: object = None
        if duration.unit in ("min", "h") and duration.amount > 0:
            try:
                index = facts(calendar, schedule).index
            except CalendarError:
                index = None
        if index is not None and index is last_index:
            runs[-1].append((duration, schedule))
        else:
            runs.append([(duration, schedule)])
        last_index = index
    return [tuple(run) for run in runs]


def run_step(run: _Run) -> tuple[Duration, str]:
    """A run as one step: its total on the schedule of its first step."""
    duration, schedule = run[0]
    if len(run) > 1:
        duration = Duration(sum(d.minutes for d, _ in run), "min")
    return duration, schedule


#: Moments composed at a time: the calendar's batch functions keep some twenty temporaries
#: as long as their input, 80 MB for the half-million moments of a State Corporation path.
SLICE = 1 << 16


def in_slices(compute: Callable[[Int64Array], Int64Array], moments: Int64Array) -> Int64Array:
    """`compute(moments)`, a slice at a time for a long array.

    The calendar's batch functions work element by element, so the slices put together
    are the whole array's answer; when a slice fails, the whole array is computed at once,
    so that the error is the whole array's too.
    """
    if moments.size <= SLICE:
        return compute(moments)
    try:
        parts = [compute(moments[at:at + SLICE]) for at in range(0, moments.size, SLICE)]
    except CalendarError:
        return compute(moments)
    whole: Int64Array = np.concatenate(parts)
    return whole


def starts_with(longer: Int64Array, shorter: Int64Array) -> bool:
    return longer is shorter or (longer.size >= shorter.size
                                 and bool(np.array_equal(longer[:shorter.size], shorter)))


def compose(received: Int64Array, durations: list[Duration], schedules: list[str],
             calendar: Calendar) -> Int64Array:
    current = received
    for duration, schedule in zip(durations, schedules, strict=True):
        step_end = calendar.due_batch(current, duration.amount, duration.unit, schedule)
        assert isinstance(step_end, np.ndarray)
        current = step_end.astype(np.int64)
    return current
