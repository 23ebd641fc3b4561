"""A partition's events as columns grouped by case, with the log's names mapped to the ids.

`case_columns` sorts the events by case (case ids in code-point order), time and line;
maps each distinct name once — a service's name to its standard, an activity's to its step,
a channel's to its channel — and each case's service and channel are those of its first
event that names one. Everything is numpy arrays of codes; only distinct values go
through Python.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from engine.audit.mapping import RECEIVED, AuditMap
from engine.audit.uniques import unique_inverse

__all__ = ["RECEIVED_CODE", "UNKNOWN_CODE", "CaseColumns", "case_columns", "codes"]

Int64Array = npt.NDArray[np.int64]
#: The step code of the receipt, and of an activity the mapping does not name.
RECEIVED_CODE = -1
UNKNOWN_CODE = -2


def codes(column: pa.ChunkedArray | pa.Array) -> tuple[Int64Array, list[str | None]]:
    """Each value's position in the list of distinct values (nulls: -1), and that list."""
    encoded = pc.dictionary_encode(column.combine_chunks() if isinstance(column, pa.ChunkedArray)
                                   else column)
    indices = np.asarray(encoded.indices.fill_null(-1), dtype=np.int64)
    return indices, encoded.dictionary.to_pylist()


def _sorted_codes(column: pa.ChunkedArray | pa.Array,
                  order: Int64Array) -> tuple[Int64Array, list[str | None]]:
    """`codes` of the column taken in `order`, without taking its strings: the codes of the
    column as it is, permuted, then numbered again by first appearance in `order` — the very
    codes and list `codes(column.take(order))` gives (taking every string column of a
    partition was a twelfth of its time)."""
    code, names = codes(column)
    code = code[order]
    if not names:
        return code, names
    valid = code >= 0
    first = np.full(len(names), len(code), dtype=np.int64)
    np.minimum.at(first, code[valid], np.flatnonzero(valid))
    old = np.argsort(first, kind="stable")
    new = np.empty(len(names), dtype=np.int64)
    new[old] = np.arange(len(names), dtype=np.int64)
    renumbered: Int64Array = np.where(valid, new[np.maximum(code, 0)], -1)
    return renumbered, [names[i] for i in old.tolist()]


def _first(values: Int64Array, starts: Int64Array, n: int) -> Int64Array:
    """Per case (rows from `starts`), the first value that is not -1 (or -1)."""
    if n == 0 or len(values) == 0:
        return np.full(len(starts), -1, dtype=np.int64)
    rows = np.where(values >= 0, np.arange(n), n)
    first = np.minimum.reduceat(rows, starts)
    padded = np.append(values, -1)
    result: Int64Array = padded[first]
    return result


@dataclass(frozen=True)
class CaseColumns:
    """Events sorted by case, time and line, as codes; per case its ids and names."""

    case_ids: list[str]
    starts: Int64Array          # per case: its first row (cases in code-point order)
    case_of: Int64Array         # per event: its case
    micros: Int64Array          # per event: UTC microseconds
    lines: Int64Array
    step: Int64Array            # per event: index into `steps`, RECEIVED_CODE or UNKNOWN_CODE
    steps: list[str]
    activity: list[str | None]  # the distinct activity names, and per event its code
    activity_code: Int64Array
    outcome: Int64Array         # per event: index into `outcomes` (-1: none)
    outcomes: list[str | None]
    ground: Int64Array
    grounds: list[str | None]
    resource: Int64Array
    resources: list[str | None]
    service: list[str]          # per case: its standard id ("" when the mapping lacks its name)
    service_name: list[str]     # per case: the log's name of its service
    channel: list[str]          # per case: its channel id ("" when unmapped)
    channel_name: list[str]

    @property
    def size(self) -> int:
        return len(self.case_ids)


def case_columns(frame: pa.Table, mapping: AuditMap) -> CaseColumns:
    """Sort and map the events of a partition (an `EVENT_SCHEMA` table)."""
    column = frame.column("case_id")
    encoded = pc.dictionary_encode(column.combine_chunks() if isinstance(column, pa.ChunkedArray)
                                   else column)
    case_code = np.asarray(encoded.indices.fill_null(-1), dtype=np.int64)
    dictionary = encoded.dictionary
    order_of_names = np.asarray(pc.sort_indices(dictionary), dtype=np.int64)
    rank = np.empty(len(dictionary), dtype=np.int64)
    rank[order_of_names] = np.arange(len(dictionary))
    micros = np.asarray(frame.column("timestamp").cast(pa.int64()).to_numpy(zero_copy_only=False),
                        dtype=np.int64)
    lines = np.asarray(frame.column("line").to_numpy(zero_copy_only=False), dtype=np.int64)
    case_rank = rank[case_code]
    order = np.lexsort((lines, micros, case_rank))
    case_of = case_rank[order]
    n = len(order)
    starts = np.flatnonzero(np.diff(case_of, prepend=-1)) if n else np.zeros(0, dtype=np.int64)
    case_ids = dictionary.take(pa.array(order_of_names)).to_pylist()
    service_code, service_names = _sorted_codes(frame.column("service"), order)
    known = mapping.service_names()
    per_case_service = _first(service_code, starts, n)
    service_name = ["" if c < 0 else str(service_names[c]) for c in per_case_service.tolist()]
    service = [known.get(name, "") for name in service_name]
    channel_code, channel_names = _sorted_codes(frame.column("channel"), order)
    per_case_channel = _first(channel_code, starts, n)
    channel_name = ["" if c < 0 else str(channel_names[c]) for c in per_case_channel.tolist()]
    channel_maps = {s.standard: mapping.channel_names(s.standard) for s in mapping.services}
    channel = [channel_maps.get(s, {}).get(name, "") for s, name in zip(service, channel_name,
                                                                          strict=True)]
    activity_code, activity_names = _sorted_codes(frame.column("activity"), order)
    step, steps = _steps(mapping, service, case_of, activity_code, activity_names)
    outcome, outcomes = _sorted_codes(frame.column("outcome"), order)
    ground, grounds = _sorted_codes(frame.column("ground"), order)
    resource, resources = _sorted_codes(frame.column("resource"), order)
    return CaseColumns(case_ids, starts.astype(np.int64), case_of, micros[order], lines[order],
                       step, steps, activity_names, activity_code, outcome, outcomes, ground,
                       grounds, resource, resources, service, service_name, channel, channel_name)


def _steps(mapping: AuditMap, service: list[str], case_of: Int64Array, activity: Int64Array,
           names: list[str | None]) -> tuple[Int64Array, list[str]]:
    """Each event's step code: its activity's step in its case's service."""
    standards = sorted(set(service))
    standard_code = {s: i for i, s in enumerate(standards)}
    per_case = np.array([standard_code[s] for s in service], dtype=np.int64)
    event_standard = per_case[case_of] if len(case_of) else np.zeros(0, dtype=np.int64)
    width = max(len(names), 1)
    pairs, inverse = unique_inverse(event_standard * width + activity)
    steps: list[str] = []
    step_code: dict[str, int] = {}
    table = np.empty(len(pairs), dtype=np.int64)
    for index, pair in enumerate(pairs.tolist()):
        standard, code = standards[pair // width], pair % width
        found = mapping.service(standard)
        step = found.activities.get(str(names[code])) if found is not None else None
        if step == RECEIVED:
            table[index] = RECEIVED_CODE
        elif step is None:
            table[index] = UNKNOWN_CODE
        else:
            table[index] = step_code.setdefault(step, len(steps))
            if len(steps) < len(step_code):
                steps.append(step)
    result: Int64Array = table[inverse.reshape(-1)] if len(pairs) else np.zeros(0, dtype=np.int64)
    return result, steps
