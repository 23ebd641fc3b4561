"""Cases of one path of a channel walked step by step, as columns: when each step is done.

A case's term starts at its receipt (received on the channel's schedule); its first step
starts then, and every later step when the one before it is done, as the executor starts
them. A step with a limit is done within it: some share of the working minutes between its
start and its due instant (`Timing.room`), drawn per case; a step without one takes a few
working minutes (a person) or seconds (an information system). The faults change that:

- `late` (and every limited step of the slow person in a `slow` case): done the drawn
  working minutes after the due instant;
- `term`: the last step with a limit (else the last step) is done past the term's end too;
- `skip`: the step takes no time (and the generator writes no event for it);
- `order`: the step and the next are both done before the earlier of their due instants
  from the step's start, and their timestamps are swapped, so that whichever order the
  audit times them in, neither is late: only the order is wrong;
- `repeat`: a second event of the step, after the first and no later than its due instant
  nor than the next step.

A fault that the path's instants leave no room for (two events that would fall on the same
second) is taken back: the case is written without it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.audit.synthetic_faults import FAULTS
from engine.audit.synthetic_plan import ChannelPlan, PathPlan
from engine.audit.synthetic_timing import NONE, Timing

__all__ = ["Walked", "walk"]

Int64Array = npt.NDArray[np.int64]
LATE, SKIP, REPEAT, ORDER, SLOW, OUTCOME, GROUND, TERM, HOLIDAY, READING = range(1, len(FAULTS) + 1)
#: The most an information system's step without a limit takes, in seconds.
_SYSTEM_SECONDS = 120
#: The most a person's step without a limit takes, in working minutes.
_PERSON_MINUTES = 60


@dataclass
class Walked:
    """The instants of the cases of one path (rows) and its steps (columns)."""

    received: Int64Array
    term_due: Int64Array
    starts: Int64Array
    times: Int64Array
    dues: Int64Array
    #: the due instants under the elapsed reading (NONE: a limit not in working days)
    elapsed: Int64Array
    logged: Int64Array
    repeat_at: Int64Array


def walk(timing: Timing, channel: ChannelPlan, path: PathPlan, raw: Int64Array,
         fault: npt.NDArray[np.int8], position: Int64Array, draws: npt.NDArray[np.float64],
         late: Int64Array, slow_steps: npt.NDArray[np.bool_],
         scale: npt.NDArray[np.float64]) -> Walked:
    """Walk the cases received at `raw` along `path`.

    Args:
        fault: each case's fault (changed in place where it is taken back).
        position: the step each case's fault is at.
        draws: uniform draws, one column per step and one more.
        late: per case, the working minutes a late step is late by.
        slow_steps: which steps the slow person does in a `slow` case.
        scale: per case, a factor of the shares of the steps' time drawn (below 1 to meet
            the term).
    """
    cases, length = raw.size, len(path.steps)
    received = timing.receive(channel.schedule, raw)
    term_due = timing.due(channel.term_schedule, received, channel.term,
                          channel.exclude_acceptance_day)
    starts = np.zeros((cases, length), dtype=np.int64)
    times = np.zeros((cases, length), dtype=np.int64)
    dues = np.full((cases, length), NONE, dtype=np.int64)
    elapsed = np.full((cases, length), NONE, dtype=np.int64)
    # a step done by its due instant under both readings of a limit in days: the earlier
    bounds = np.full((cases, length), NONE, dtype=np.int64)
    paired = np.full(cases, NONE, dtype=np.int64)
    previous = received
    for k, step in enumerate(path.steps):
        start = previous
        starts[:, k] = start
        if step.rest_of_term:
            due = term_due.copy()
        elif step.duration is not None:
            due = timing.due(step.schedule, start, step.duration)
        else:
            due = np.full(cases, NONE, dtype=np.int64)
        dues[:, k] = due
        if step.duration is not None and not step.rest_of_term:
            elapsed[:, k] = timing.elapsed_due(step.schedule, start, step.duration)
        bound = np.where(elapsed[:, k] != NONE, np.minimum(due, elapsed[:, k]), due)
        bounds[:, k] = bound
        share = draws[:, k] * scale
        if step.rest_of_term or step.duration is not None:
            room = timing.room(step.schedule, start, bound)
            done = timing.after(step.schedule, start, (share * room).astype(np.int64))
        elif step.actor_kind == "system":
            done = start + (share * _SYSTEM_SECONDS).astype(np.int64)
        else:
            done = timing.after(step.schedule, start,
                                (share * _PERSON_MINUTES).astype(np.int64))
        here = position == k
        limited = due != NONE
        rows = np.flatnonzero(limited & (((fault == LATE) & here)
                                         | ((fault == SLOW) & bool(slow_steps[k]))))
        done[rows] = timing.after(step.schedule, due[rows], late[rows])
        rows = np.flatnonzero((fault == READING) & here)
        if rows.size:
            done[rows] = _between(timing, step.schedule, elapsed[rows, k], due[rows],
                                  draws[rows, k], fault, rows)
        rows = np.flatnonzero((fault == TERM) & here)
        base = np.maximum(start[rows], term_due[rows])  # the case may be past its term already
        base = np.where(limited[rows], np.maximum(due[rows], base), base)
        done[rows] = timing.after(step.schedule, base, late[rows])
        rows = np.flatnonzero((fault == SKIP) & here)
        done[rows] = start[rows]
        rows = np.flatnonzero(paired != NONE)
        done[rows] = paired[rows]
        paired[rows] = NONE
        rows = np.flatnonzero((fault == ORDER) & here)
        if rows.size:
            done[rows] = _pair(timing, path, k, start, bound, rows, draws, fault, paired)
        times[:, k] = done
        previous = done
    logged = times.copy()
    swapped = np.flatnonzero(fault == ORDER)
    first = position[swapped]
    logged[swapped, first] = times[swapped, first + 1]
    logged[swapped, first + 1] = times[swapped, first]
    repeat_at = _repeats(times, bounds, fault, position, draws[:, length])
    return Walked(received, term_due, starts, times, dues, elapsed, logged, repeat_at)


def _between(timing: Timing, schedule: str, elapsed: Int64Array, civil: Int64Array,
             draws: npt.NDArray[np.float64], fault: npt.NDArray[np.int8],
             rows: Int64Array) -> Int64Array:
    """Instants after the elapsed due instant and by the civil one (a `reading` fault); the
    fault is taken back where no working minute lies between them."""
    room = np.where(elapsed != NONE, timing.room(schedule, elapsed, civil), 0)
    fits = room >= 1
    fault[rows[~fits]] = 0
    minutes = 1 + (draws * np.maximum(room - 1, 0)).astype(np.int64)
    return np.where(fits, timing.after(schedule, np.where(fits, elapsed, civil), minutes),
                    elapsed)


def _pair(timing: Timing, path: PathPlan, k: int, start: Int64Array, due: Int64Array,
          rows: Int64Array, draws: npt.NDArray[np.float64], fault: npt.NDArray[np.int8],
          paired: Int64Array) -> Int64Array:
    """The instants of a step and the next one whose timestamps will be swapped: both
    before the earlier of their due instants from the step's start (the second later by a
    second at least); the fault is taken back where there is no room for that."""
    following = path.steps[k + 1]
    begin = start[rows]
    bound = np.where(due[rows] != NONE, due[rows], np.iinfo(np.int64).max)
    if following.duration is not None:
        bound = np.minimum(bound, timing.due(following.schedule, begin, following.duration))
        strict = timing.elapsed_due(following.schedule, begin, following.duration)
        bound = np.where(strict != NONE, np.minimum(bound, strict), bound)
    bound = np.where(bound == np.iinfo(np.int64).max, begin + 600, bound)
    first = begin + (draws[rows, k] * 0.5 * (bound - begin)).astype(np.int64)
    gap = bound - first
    second = first + np.maximum(1, (draws[rows, k + 1] * gap).astype(np.int64))
    fits = (gap >= 1) & (second <= bound)
    fault[rows[~fits]] = 0
    done = np.where(fits, first, begin)
    paired[rows[fits]] = second[fits]
    return done


def _repeats(times: Int64Array, dues: Int64Array, fault: npt.NDArray[np.int8],
             position: Int64Array, draws: npt.NDArray[np.float64]) -> Int64Array:
    """The instant of each `repeat` case's second event of its step (NONE elsewhere): after
    the first, no later than the step's due instant nor than the next step's event."""
    repeat_at = np.full(times.shape[0], NONE, dtype=np.int64)
    rows = np.flatnonzero(fault == REPEAT)
    if rows.size == 0:
        return repeat_at
    k = position[rows]
    first, following = times[rows, k], times[rows, k + 1]
    due = dues[rows, k]
    cap = np.where(due != NONE, np.minimum(due, following), following)
    gap = cap - first
    fits = gap >= 1
    fault[rows[~fits]] = 0
    at = first + np.maximum(1, (draws[rows] * gap).astype(np.int64))
    repeat_at[rows[fits]] = at[fits]
    return repeat_at
