"""The due instants of a batch, counted for all its commands at once.

While `engine.cases.batch.run_batch` folds the events of its commands, each due instant
asked for is noted by a `Deferred` (the `due_of` of the fold: it returns a `_Pending`
number, not an instant); `Deferred.resolve` then counts every group of the same
schedule, term and rule with the calendar's array functions (`due_many`, on whole
seconds; an instant with a fraction of a second, or a group with one beyond the
calendar, by the scalar arithmetic), and `settle` puts the instants into the states.
"""

from __future__ import annotations

import numpy as np

from engine.calendar import CalendarError, NoCalendarData
from engine.calendar.batch import due_seconds, receive_seconds
from engine.calendar.meetings import meeting_micros
from engine.cases.executor import Executor
from engine.cases.state import ActiveStep, CaseState, StepRecord
from engine.spec.duration import Duration, Unit
from engine.spec.meetings import Meeting

__all__ = ["Deferred", "due_many", "meetings_many", "settle"]

_MICRO = 1_000_000


class _Pending(int):
    """A due instant asked for during the pass: the number of the request, not an instant."""

    __slots__ = ()


class Deferred:
    """The `due_of` of a batch: notes each request, counts them all in `resolve`."""

    def __init__(self, executor: Executor) -> None:
        self.executor = executor
        # (schedule, amount, unit, exclude): plain values hash faster than a Duration
        self.groups: dict[tuple[str, int, Unit, bool], tuple[list[int], list[int]]] = {}
        self.count = 0

    def __call__(self, schedule: str, start: int, duration: Duration, exclude: bool) -> int:
        key = (schedule, duration.amount, duration.unit, exclude)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = ([], [])
        number = self.count
        self.count = number + 1
        group[0].append(number)
        group[1].append(start)
        return _Pending(number)

    def resolve(self) -> tuple[list[int], list[bool]]:
        """The due instant of every request by number, and whether it could not be counted."""
        values = np.zeros(self.count, dtype=np.int64)
        failed = np.zeros(self.count, dtype=bool)
        for (schedule, amount, unit, exclude), (numbers, starts) in self.groups.items():
            duration = Duration(amount, unit)
            due, bad = due_many(self.executor, schedule, np.array(starts, dtype=np.int64),
                                duration, exclude)
            at = np.array(numbers, dtype=np.int64)
            values[at], failed[at] = due, bad
        return values.tolist(), failed.tolist()


def due_many(executor: Executor, schedule: str, starts: np.ndarray, duration: Duration,
             exclude: bool) -> tuple[np.ndarray, np.ndarray]:
    """`Executor._due` of many starts (int64 micros): the due instants, and which failed.

    Whole seconds go through the calendar's array functions; an instant with a fraction
    of a second, and every instant of a group in which one is beyond the calendar, through
    the scalar arithmetic (a failed one is 0 in the first array, True in the second).
    """
    index, always = executor._timing_of(schedule)
    due = np.zeros(len(starts), dtype=np.int64)
    failed = np.zeros(len(starts), dtype=bool)
    whole = starts % _MICRO == 0
    scalar = ~whole
    if whole.any():
        seconds = starts[whole] // _MICRO
        try:
            if always:
                seconds = receive_seconds(index, seconds)
            counted = due_seconds(index, seconds, np.full(len(seconds), duration.amount, np.int64),
                                  duration.unit, exclude_acceptance_day=exclude)
            due[whole] = counted * _MICRO
        except NoCalendarData:
            scalar = np.ones(len(starts), dtype=bool)
    for n in np.flatnonzero(scalar).tolist():
        try:
            due[n] = executor._due(schedule, int(starts[n]), duration, exclude)
        except CalendarError:
            failed[n] = True
    return due, failed


def meetings_many(executor: Executor, schedule: str, starts: np.ndarray,
                  meeting: Meeting) -> tuple[np.ndarray, np.ndarray]:
    """When the wait for `meeting` ends from many starts (int64 micros), and which failed
    (no meeting within the calendar's years)."""
    index, _ = executor._timing_of(schedule)
    ends = np.zeros(len(starts), dtype=np.int64)
    failed = np.zeros(len(starts), dtype=bool)
    for n, start in enumerate(starts.tolist()):
        try:
            ends[n] = meeting_micros(index, meeting, start)
        except CalendarError:
            failed[n] = True
    return ends, failed


def settle(state: CaseState, values: list[int], failed: list[bool]) -> bool:
    """Put the counted due instants into a state; False when one could not be counted."""
    due = state.due
    if type(due) is _Pending:
        if failed[due]:
            return False
        state.due = values[due]
    active = state.active
    if active is not None and type(active.due) is _Pending:
        if failed[active.due]:
            return False
        state.active = ActiveStep(active.step, active.actor, active.started, values[active.due])
    history = state.history
    for n, record in enumerate(history):
        if type(record.due) is _Pending:
            if failed[record.due]:
                return False
            history[n] = StepRecord(record.step, record.actor, record.started, record.finished,
                                    values[record.due], record.outcome, record.by)
    return True
