"""The audit's figures per service, channel, month, step and actor.

Per service, per channel of a service and per month of receipt: cases, cases with a late
step, cases that missed their term, and the median and 90th percentile of the cases' working
time (from the receipt to the end, or to the last event of an open case, on the term's
schedule). Per step and per actor: completions, late ones, and the median and 90th percentile
of their working time. Percentiles are nearest-rank (the smallest value with at least q of
the values at or below it): exact whole minutes, the same from a merged histogram.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from engine.audit.part import Tally

__all__ = ["Figure", "case_figures", "nearest_rank", "tally_figures"]


@dataclass(frozen=True)
class Figure:
    """One row of an aggregate: its key, how many, how many late and missed, and the median
    and 90th percentile of working minutes (None when nothing was timed)."""

    key: tuple[str, ...]
    count: int
    late: int
    missed: int
    median: int | None
    p90: int | None


def nearest_rank(histogram: Mapping[int, int], q: float) -> int | None:
    """The q-quantile (nearest rank) of values given as value -> count.

    Examples:
        >>> nearest_rank({5: 1, 10: 1, 20: 2}, 0.5), nearest_rank({5: 1, 10: 1, 20: 2}, 0.9)
        (10, 20)
    """
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(q * total))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return None  # pragma: no cover - the loop reaches the rank


def _histogram(values: np.ndarray) -> dict[int, int]:
    found, counts = np.unique(values, return_counts=True)
    return dict(zip(found.tolist(), counts.tolist(), strict=True))


def case_figures(cases: pa.Table, keys: tuple[str, ...]) -> list[Figure]:
    """The cases' figures grouped by the columns `keys` (e.g. `("service", "channel")`)."""
    if cases.num_rows == 0:
        return []
    columns = [cases.column(k).to_pylist() for k in keys]
    group = np.array(["\x00".join(str(v or "") for v in row) for row in zip(*columns, strict=True)],
                     dtype=object)
    late = np.asarray(cases.column("late_steps").to_numpy(zero_copy_only=False)) > 0
    missed = np.array([m is False for m in cases.column("met_term").to_pylist()], dtype=bool)
    working = cases.column("working_minutes")
    timed = np.asarray(working.is_valid())
    minutes = np.asarray(working.fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64)
    names, inverse = np.unique(group, return_inverse=True)
    inverse = inverse.reshape(-1)
    out = []
    for index, name in enumerate(names.tolist()):
        rows = inverse == index
        histogram = _histogram(minutes[rows & timed])
        out.append(Figure(tuple(str(name).split("\x00")), int(rows.sum()), int(late[rows].sum()),
                          int(missed[rows].sum()), nearest_rank(histogram, 0.5),
                          nearest_rank(histogram, 0.9)))
    return out


def tally_figures(tallies: Mapping[tuple[str, str, str, str], Tally], dimension: str) -> list[Figure]:
    """The figures of steps (`dimension="step"`) or actors, keyed (service, channel, id)."""
    return [Figure(key[1:], tally.events, tally.late, 0, nearest_rank(tally.minutes, 0.5),
                   nearest_rank(tally.minutes, 0.9))
            for key, tally in sorted(tallies.items()) if key[0] == dimension]
