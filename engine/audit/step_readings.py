"""The two readings of a step's limit in working days, as the audit applies them.

A step "within N working days" is read two ways and texts rarely say which (DOMAIN.md;
docs/calendar.md, "Two readings of a step's day limit"): *civil* — until the close of
business of the N-th working day after the day it starts — and *elapsed* — N working days
of working time from its start (N times the working minutes of a full day of the step's
schedule, `Calendar.elapsed_limit`). The elapsed end is never after the civil
one. The audit judges a step as the verifier judges a path:

- a regulation that fixes the reading (`day_limits: reading:`) is judged under it: `late_step`
  past that reading's due instant;
- otherwise a step completed after the civil due instant is late under both readings:
  `late_step`; one completed after the elapsed due instant but by the civil one is late under
  the elapsed reading only: `late_step_depends` — a finding that depends on the reading, said
  so, not counted as late.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from engine.audit.context import CaseSpecs
from engine.audit.timing import NONE, due_instants
from engine.audit.uniques import distinct
from engine.calendar import Calendar
from engine.spec.duration import Duration

__all__ = ["CIVIL", "ELAPSED", "UNFIXED", "elapsed_due", "fixed_readings", "judge_readings"]

Int64Array = npt.NDArray[np.int64]
#: A regulation's reading of its steps' day limits, per event: not fixed (both are checked),
#: civil, elapsed.
UNFIXED, CIVIL, ELAPSED = 0, 1, 2


def elapsed_due(calendar: Calendar, schedules: Sequence[str], schedule: Int64Array,
                limits: Sequence[Duration | None], limit: Int64Array,
                start: Int64Array) -> Int64Array:
    """Per event, the due instant of its limit under the elapsed reading; NONE for a limit that
    is not in working days (one reading only) or no limit."""
    width = max(len(limits), 1)
    minutes: list[Duration | None] = []
    code = np.full(len(start), -1, dtype=np.int64)
    has = limit >= 0
    for pair in distinct(schedule[has] * width + limit[has]).tolist():
        which, index = divmod(pair, width)
        duration = limits[index]
        counted = None if duration is None else calendar.elapsed_limit(schedules[which], duration)
        if counted is None:
            continue
        if counted not in minutes:
            minutes.append(counted)
        code[(schedule == which) & (limit == index)] = minutes.index(counted)
    if not minutes:
        return np.full(len(start), NONE, dtype=np.int64)
    return due_instants(calendar, schedules, schedule, minutes, code, start)


def fixed_readings(specs: list[CaseSpecs], spec_code: Int64Array) -> Int64Array:
    """Per case, the reading its regulation fixes (`UNFIXED`, `CIVIL` or `ELAPSED`)."""
    table = np.array([UNFIXED if s.regulation is None or s.regulation.day_reading is None
                      else CIVIL if s.regulation.day_reading == "civil" else ELAPSED
                      for s in specs] or [UNFIXED], dtype=np.int64)
    return table[np.maximum(spec_code, 0)] if len(spec_code) else np.zeros(0, dtype=np.int64)


def judge_readings(end: Int64Array, civil: Int64Array, elapsed: Int64Array,
                   reading: Int64Array) -> tuple[Int64Array, Int64Array, Int64Array]:
    """Per event: the due instant it is judged against, whether it is late, and whether it is
    late under the elapsed reading only (the regulation fixing none)."""
    by_elapsed = (reading == ELAPSED) & (elapsed != NONE)
    due = np.where(by_elapsed, elapsed, civil)
    late = (due != NONE) & (end > due)
    depends = (reading == UNFIXED) & (elapsed != NONE) & (end > elapsed) & ~late
    return due, late.astype(np.int64), depends.astype(np.int64)
