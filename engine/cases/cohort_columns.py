"""Array functions of a cohort run (`engine.cases.cohort_run`), on the columns of its cases.

The numbers that group the cases walking the graph alike (`_codes` of values, `_walks` of
sequences of actions) and, per moment of receipt, when the term starts counting
(`_received`). They hold no state of the run; `engine.cases.cohort_run` imports them.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
import numpy.typing as npt

from engine.calendar.batch import receive_seconds
from engine.cases.executor import Executor
from engine.support.row_keys import row_keys

__all__: list[str] = []  # the runner's helpers, not an API

Int64Array = npt.NDArray[np.int64]
_MICRO = 1_000_000


def _walks(action: Int64Array, offsets: Int64Array, rows: Int64Array) -> Int64Array:
    """Per case of `rows`, a number equal exactly when their sequences of action codes are."""
    counts = (offsets[1:] - offsets[:-1])[rows]
    walk = np.zeros(rows.size, dtype=np.int64)
    base = 0
    for count in np.unique(counts).tolist():
        picked = np.flatnonzero(counts == count)
        if count == 0:
            walk[picked] = base
            base += 1
            continue
        matrix = action[offsets[rows[picked]][:, None] + np.arange(count)]
        _, inverse = np.unique(row_keys(matrix), return_inverse=True)
        inverse = inverse.reshape(-1)
        walk[picked] = base + inverse
        base += int(inverse.max()) + 1
    return walk


def _codes(values: Sequence[Hashable]) -> Int64Array:
    """Per value, the number of its first occurrence among the distinct values."""
    numbers = {value: n for n, value in enumerate(dict.fromkeys(values))}
    return np.fromiter(map(numbers.__getitem__, values), dtype=np.int64, count=len(values))


def _received(executor: Executor, schedule: str, moments: Int64Array) -> Int64Array:
    """When the term of each moment of receipt starts counting (`Executor._receive`)."""
    index, always = executor._timing_of(schedule)
    if not always:
        return moments.copy()
    seconds: Int64Array = receive_seconds(index, moments // _MICRO) * _MICRO
    return seconds
