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
import pyarrow.compute as pc

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


def _group_codes(cases: pa.Table, keys: tuple[str, ...]) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """Each row's group (by the columns `keys`) and the groups' keys, in sorted order."""
    combined = np.zeros(cases.num_rows, dtype=np.int64)
    dictionaries = []
    for key in keys:
        encoded = pc.dictionary_encode(cases.column(key).combine_chunks())
        dictionary = ["" if v is None else str(v) for v in encoded.dictionary.to_pylist()]
        dictionaries.append(dictionary)
        code = np.asarray(encoded.indices.fill_null(len(dictionary)), dtype=np.int64)
        combined = combined * (len(dictionary) + 1) + code
    found, inverse = np.unique(combined, return_inverse=True)
    names = []
    for value in found.tolist():
        parts = []
        for dictionary in reversed(dictionaries):
            value, code = divmod(value, len(dictionary) + 1)
            parts.append(dictionary[code] if code < len(dictionary) else "")
        names.append(tuple(reversed(parts)))
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    return rank[inverse.reshape(-1)], [names[i] for i in order]


def _quantiles(group: np.ndarray, values: np.ndarray, groups: int, q: float) -> list[int | None]:
    """The nearest-rank q-quantile of `values` in each group."""
    out: list[int | None] = [None] * groups
    if len(values) == 0:
        return out
    order = np.lexsort((values, group))
    counts = np.bincount(group, minlength=groups)
    starts = np.cumsum(counts) - counts
    for index in np.flatnonzero(counts).tolist():
        rank = max(1, math.ceil(q * int(counts[index])))
        out[index] = int(values[order[starts[index] + rank - 1]])
    return out


def case_figures(cases: pa.Table, keys: tuple[str, ...]) -> list[Figure]:
    """The cases' figures grouped by the columns `keys` (e.g. `("service", "channel")`)."""
    if cases.num_rows == 0:
        return []
    group, names = _group_codes(cases, keys)
    count = len(names)
    late = np.asarray(cases.column("late_steps").to_numpy(zero_copy_only=False)) > 0
    met = cases.column("met_term")
    missed = np.asarray(pc.fill_null(pc.invert(met), False).to_numpy(zero_copy_only=False), dtype=bool)
    working = cases.column("working_minutes")
    timed = np.asarray(working.is_valid())
    minutes = np.asarray(working.fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64)
    sizes = np.bincount(group, minlength=count)
    lates = np.bincount(group, weights=late, minlength=count)
    misses = np.bincount(group, weights=missed, minlength=count)
    medians = _quantiles(group[timed], minutes[timed], count, 0.5)
    p90s = _quantiles(group[timed], minutes[timed], count, 0.9)
    return [Figure(names[i], int(sizes[i]), int(lates[i]), int(misses[i]), medians[i], p90s[i])
            for i in range(count)]


def tally_figures(tallies: Mapping[tuple[str, str, str, str], Tally], dimension: str) -> list[Figure]:
    """The figures of steps (`dimension="step"`) or actors, keyed (service, channel, id)."""
    return [Figure(key[1:], tally.events, tally.late, 0, nearest_rank(tally.minutes, 0.5),
                   nearest_rank(tally.minutes, 0.9))
            for key, tally in sorted(tallies.items()) if key[0] == dimension]
