"""`np.unique` of integer codes in linear time, for the audit's per-event keys.

The audit keys its events by small integer codes (a schedule and a limit, a spec and a step,
a service and an activity): `np.unique` sorts the whole array to find a handful of distinct
values, and its sorts were a fifth of a partition's time. When the codes span a range not
much larger than the array, a table of the values present gives the same answer — sorted
distinct values and each value's index among them — without sorting; otherwise `np.unique`.

    >>> import numpy as np
    >>> unique_inverse(np.array([7, 3, 7, 5]))
    (array([3, 5, 7]), array([2, 0, 2, 1]))
    >>> distinct(np.array([-2, 9, -2]))
    array([-2,  9])
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["distinct", "unique_inverse"]

Int64Array = npt.NDArray[np.int64]
#: The widest range of codes looked up by a table (bytes of a boolean and an int64 table each).
_TABLE_SPAN = 1 << 22


def _span(values: Int64Array) -> tuple[int, int] | None:
    if values.size == 0:
        return None
    low, high = int(values.min()), int(values.max())
    span = high - low + 1
    return (low, span) if span <= max(_TABLE_SPAN, 2 * values.size) and span <= 1 << 26 else None


def unique_inverse(values: Int64Array) -> tuple[Int64Array, Int64Array]:
    """`np.unique(values, return_inverse=True)` of a one-dimensional integer array."""
    values = np.asarray(values, dtype=np.int64).reshape(-1)
    found = _span(values)
    if found is None:
        unique, inverse = np.unique(values, return_inverse=True)
        return unique.astype(np.int64), inverse.reshape(-1).astype(np.int64)
    low, span = found
    shifted = values - low
    present = np.zeros(span, dtype=bool)
    present[shifted] = True
    rank = np.cumsum(present, dtype=np.int64) - 1
    return np.flatnonzero(present).astype(np.int64) + low, rank[shifted]


def distinct(values: Int64Array) -> Int64Array:
    """`np.unique(values)` of a one-dimensional integer array."""
    values = np.asarray(values, dtype=np.int64).reshape(-1)
    found = _span(values)
    if found is None:
        return np.unique(values).astype(np.int64)
    low, span = found
    present = np.zeros(span, dtype=bool)
    present[values - low] = True
    return np.flatnonzero(present).astype(np.int64) + low
