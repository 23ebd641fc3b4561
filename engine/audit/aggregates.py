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
from engine.audit.summary import KEY_SEPARATOR

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


def _histograms(minutes: pa.Table, keys: tuple[str, ...]) -> dict[str, dict[int, int]]:
    """The working-minute histograms of the groups of `keys`, by the group's joined key."""
    rows = minutes.filter(pc.equal(minutes.column("group"), ",".join(keys)))
    found: dict[str, dict[int, int]] = {}
    for key, value, count in zip(rows.column("key").to_pylist(),
                                 rows.column("minutes").to_pylist(),
                                 rows.column("count").to_pylist(), strict=True):
        found.setdefault(key, {})[value] = count
    return found


def case_figures(summary: pa.Table, keys: tuple[str, ...],
                 minutes: pa.Table | None = None) -> list[Figure]:
    """The cases' figures grouped by the columns `keys` (one of `MINUTE_GROUPS`), from their
    summary (`engine.audit.summary`: rows of alike cases with their `count`) and the
    histograms of their working minutes (none: no median or percentile)."""
    if summary.num_rows == 0:
        return []
    group, names = _group_codes(summary, keys)
    count = len(names)
    weights = np.asarray(summary.column("count").to_numpy(zero_copy_only=False), dtype=np.int64)
    late = np.asarray(summary.column("late").fill_null(False).to_numpy(zero_copy_only=False),
                      dtype=bool)
    met = summary.column("met_term")
    missed = np.asarray(pc.fill_null(pc.invert(met), False).to_numpy(zero_copy_only=False), dtype=bool)
    sizes = np.bincount(group, weights=weights, minlength=count).astype(np.int64)
    lates = np.bincount(group, weights=weights * late, minlength=count).astype(np.int64)
    misses = np.bincount(group, weights=weights * missed, minlength=count).astype(np.int64)
    histograms = _histograms(minutes, keys) if minutes is not None else {}
    figures = []
    for i in range(count):
        timed = histograms.get(KEY_SEPARATOR.join(names[i]), {})
        figures.append(Figure(names[i], int(sizes[i]), int(lates[i]), int(misses[i]),
                              nearest_rank(timed, 0.5), nearest_rank(timed, 0.9)))
    return figures


def tally_figures(tallies: Mapping[tuple[str, str, str, str], Tally], dimension: str) -> list[Figure]:
    """The figures of steps (`dimension="step"`) or actors, keyed (service, channel, id)."""
    return [Figure(key[1:], tally.events, tally.late, 0, nearest_rank(tally.minutes, 0.5),
                   nearest_rank(tally.minutes, 0.9))
            for key, tally in sorted(tallies.items()) if key[0] == dimension]
