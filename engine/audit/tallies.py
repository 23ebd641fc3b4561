"""The completions of each step and by each actor, tallied by arrays.

Per (service, channel, step) and (service, channel, actor): how many completions, how many
late, and how many took each whole number of working minutes — a histogram, so that medians
and percentiles stay exact when the parts of a log are merged. The actor of a completion is
the mapping's actor of its resource (`resources:`), else the actor of the step it completed.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.audit.case_columns import CaseColumns
from engine.audit.context import CaseSpecs
from engine.audit.mapping import AuditMap
from engine.audit.part import Tally
from engine.audit.timing import NONE
from engine.audit.uniques import unique_inverse
from engine.audit.variants import Variants

__all__ = ["step_tallies"]

Int64Array = npt.NDArray[np.int64]
_Key = tuple[str, str, str, str]


def _actors(columns: CaseColumns, variants: Variants, specs: list[CaseSpecs],
            spec_code: Int64Array, rows: Int64Array, at: Int64Array,
            mapping: AuditMap) -> tuple[Int64Array, list[str]]:
    """Per counted event (`rows` of the events, `at` of the kept ones) the index of its actor
    in the returned list."""
    index: dict[str, int] = {}
    by_resource = np.full(len(columns.resources) + 1, -1, dtype=np.int64)
    for code, name in enumerate(columns.resources):
        mapped = mapping.resources.get(str(name)) if name is not None else None
        if mapped is not None:
            by_resource[code] = index.setdefault(mapped, len(index))
    case = columns.case_of[rows]
    resource = by_resource[columns.resource[rows]]  # a null resource (-1) reads the last: -1
    spec = spec_code[case]
    node = variants.node_code[at]
    width = len(variants.nodes) + 1
    pairs, inverse = unique_inverse(spec * width + node + 1)
    of_pair = np.empty(len(pairs), dtype=np.int64)
    for i, pair in enumerate(pairs.tolist()):
        which, code = divmod(pair, width)
        graph = specs[which].graph
        step = graph.nodes[variants.nodes[code - 1]].get("step") if graph is not None and code else None
        actor = step.actor if step is not None else ""
        of_pair[i] = index.setdefault(actor, len(index))
    names = [""] * len(index)
    for name, i in index.items():
        names[i] = name
    fallback = of_pair[inverse.reshape(-1)] if len(pairs) else np.full(len(rows), -1, dtype=np.int64)
    chosen: Int64Array = np.where(resource >= 0, resource, fallback).astype(np.int64)
    return chosen, names


def step_tallies(columns: CaseColumns, variants: Variants, specs: list[CaseSpecs],
                 spec_code: Int64Array, timed: dict[str, Int64Array], kept: npt.NDArray[np.bool_],
                 mapping: AuditMap) -> dict[_Key, Tally]:
    """The tallies of a partition's steps and actors, keyed (dimension, service, channel, id)."""
    kept_rows = np.flatnonzero(kept)
    counted = (timed["working"] != NONE) & (variants.node_code >= 0) if kept_rows.size else \
        np.zeros(0, dtype=bool)
    at = np.flatnonzero(counted)
    if at.size == 0:
        return {}
    rows = kept_rows[at]
    case = columns.case_of[rows]
    places = sorted({*(f"{s}\x00{c}" for s, c in zip(columns.service, columns.channel, strict=True))})
    place_code = {p: i for i, p in enumerate(places)}
    per_case = np.array([place_code[f"{s}\x00{c}"] for s, c in
                         zip(columns.service, columns.channel, strict=True)], dtype=np.int64)
    minutes = timed["working"][at] // 60
    late = timed["late"][at]
    actor, actor_names = _actors(columns, variants, specs, spec_code, rows, at, mapping)
    out: dict[_Key, Tally] = {}
    for dimension, ids, names in (("step", variants.node_code[at], variants.nodes),
                                  ("actor", actor, actor_names)):
        width = len(names) + 1
        key = per_case[case] * width + ids
        groups, inverse = unique_inverse(key)
        inverse = inverse.reshape(-1)
        events = np.bincount(inverse, minlength=len(groups))
        lates = np.bincount(inverse, weights=late, minlength=len(groups)).astype(np.int64)
        span = int(minutes.max(initial=0)) + 1
        pairs, counts = np.unique(inverse * span + minutes, return_counts=True)
        histogram: list[dict[int, int]] = [{} for _ in groups]
        for pair, count in zip(pairs.tolist(), counts.tolist(), strict=True):
            group, minute = divmod(pair, span)
            histogram[group][minute] = count
        for g, value in enumerate(groups.tolist()):
            place, which = divmod(value, width)
            service, channel = places[place].split("\x00")
            name = names[which] if 0 <= which < len(names) else ""
            out[(dimension, service, channel, name)] = Tally(int(events[g]), int(lates[g]),
                                                              histogram[g])
    return out
