"""Cases grouped by variant — the same specs and the same sequence of (step, outcome, ground)
— and each variant judged once against its graph (`engine.audit.conformance`).

The sequence of a case is hashed by arrays (two polynomial hashes modulo 2^64 of its events'
tokens, with its length and its specs), so grouping a million cases runs no Python per event;
then one case of each variant is read back and judged, and what the judgement says of each
position (the node, its schedule and its limit) is spread back to every event of the variant
by an indexed gather.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.audit.case_columns import CaseColumns
from engine.audit.conformance import Conformance, judge_variant
from engine.audit.context import AuditEngine, CaseSpecs
from engine.spec import Duration

__all__ = ["Variants", "group_variants", "unique_rows"]

Int64Array = npt.NDArray[np.int64]
_BASES = (np.uint64(1_000_003), np.uint64(0x9E3779B97F4A7C15))


@dataclass(frozen=True)
class Variants:
    """The variants of a partition and what they say of each event kept (a mapped step).

    Per case: `variant` (its index), `offsets`/`lengths` of its kept events in kept order.
    Per variant: its `judged` conformance and `labels` (steps joined by " > "). Per kept
    event: `node_code` (index into `nodes` of the graph's step, -1 when the graph lacks it),
    `schedule` (index into `schedules`) and `limit` (index into `limits`, -1 for none).
    """

    variant: Int64Array
    offsets: Int64Array
    lengths: Int64Array
    judged: list[Conformance]
    labels: list[str]
    node_code: Int64Array
    nodes: list[str]
    schedule: Int64Array
    limit: Int64Array
    schedules: list[str]
    limits: list[Duration | None]

    def node(self, row: int) -> str:
        """The graph's step of a kept event ("" when the graph lacks it)."""
        code = int(self.node_code[row])
        return self.nodes[code] if code >= 0 else ""


def unique_rows(rows: Int64Array) -> tuple[Int64Array, Int64Array]:
    """The first row of each distinct row of a 2-D int64 array (in the order of the rows'
    values), and each row's index among them: `np.unique(axis=0)` by one lexsort."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort(rows.T[::-1])
    ordered = rows[order]
    new = np.ones(len(rows), dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    group = np.cumsum(new) - 1
    inverse = np.empty(len(rows), dtype=np.int64)
    inverse[order] = group
    first: Int64Array = order[new].astype(np.int64)
    return first, inverse


def _hashes(tokens: Int64Array, case: Int64Array, offsets: Int64Array, lengths: Int64Array,
            cases: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    out = []
    position = (np.arange(len(tokens)) - offsets[case]).astype(np.int64)
    longest = int(lengths.max(initial=0))
    nonempty = np.flatnonzero(lengths > 0)
    for base in _BASES:
        with np.errstate(over="ignore"):
            powers = np.cumprod(np.full(max(longest, 1), base, dtype=np.uint64), dtype=np.uint64)
            values = (tokens.astype(np.uint64) + np.uint64(1)) * powers[position] \
                if len(tokens) else np.zeros(0, dtype=np.uint64)
            sums = np.zeros(cases, dtype=np.uint64)
            if nonempty.size:
                sums[nonempty] = np.add.reduceat(values, offsets[nonempty])
        out.append(sums)
    return out[0], out[1]


def group_variants(engine: AuditEngine, columns: CaseColumns, kept: npt.NDArray[np.bool_],
                   spec_code: Int64Array, specs: list[CaseSpecs]) -> Variants:
    """Group the cases of `columns` by variant and judge each variant once."""
    cases = columns.size
    kept_rows = np.flatnonzero(kept)
    case = columns.case_of[kept_rows]
    lengths = np.bincount(case, minlength=cases).astype(np.int64)
    offsets = (np.cumsum(lengths) - lengths).astype(np.int64)
    triples = np.stack([columns.step[kept_rows], columns.outcome[kept_rows],
                        columns.ground[kept_rows]], axis=1) if kept_rows.size else \
        np.zeros((0, 3), dtype=np.int64)
    token_rows, tokens = unique_rows(triples)
    token_values = triples[token_rows]
    first, second = _hashes(tokens, case, offsets, lengths, cases)
    keys = np.stack([spec_code, lengths, first.view(np.int64), second.view(np.int64)], axis=1)
    representative, variant = unique_rows(keys)
    schedules: list[str] = []
    limits: list[Duration | None] = []
    judged: list[Conformance] = []
    labels: list[str] = []
    flat_nodes: list[int] = []
    nodes: list[str] = []
    flat_schedule: list[int] = []
    flat_limit: list[int] = []
    variant_start = np.zeros(len(representative), dtype=np.int64)
    for index, row in enumerate(representative.tolist()):
        start, length = int(offsets[row]), int(lengths[row])
        picked = token_values[tokens[start:start + length]] if length else np.zeros((0, 3), int)
        steps = [columns.steps[s] for s in picked[:, 0].tolist()]
        outcomes = [None if o < 0 else columns.outcomes[o] for o in picked[:, 1].tolist()]
        grounds = [None if g < 0 else columns.grounds[g] for g in picked[:, 2].tolist()]
        code = int(spec_code[row])
        found = _judge(engine, specs[code] if code >= 0 else None, steps, outcomes, grounds)
        judged.append(found)
        labels.append(" > ".join(steps))
        variant_start[index] = len(flat_nodes)
        spec = specs[code] if code >= 0 else None
        for node in found.nodes:
            flat_nodes.append(_index(nodes, node) if node else -1)
            schedule, limit = _timing_of(spec, node)
            flat_schedule.append(_index(schedules, schedule))
            flat_limit.append(-1 if limit is None else _index(limits, limit))
    position = np.arange(len(kept_rows)) - offsets[case]
    at = variant_start[variant[case]] + position if len(kept_rows) else np.zeros(0, dtype=np.int64)
    return Variants(variant, offsets, lengths, judged, labels,
                    np.array(flat_nodes, dtype=np.int64)[at] if flat_nodes else
                    np.zeros(0, dtype=np.int64), nodes,
                    np.array(flat_schedule, dtype=np.int64)[at] if flat_schedule else
                    np.zeros(0, dtype=np.int64),
                    np.array(flat_limit, dtype=np.int64)[at] if flat_limit else
                    np.zeros(0, dtype=np.int64),
                    schedules, limits)


def _index(values: list[Any], value: object) -> int:
    if value not in values:
        values.append(value)
    return values.index(value)


def _timing_of(spec: CaseSpecs | None, node: str) -> tuple[str, Duration | None]:
    """The schedule a step's limit counts on and the limit: the node's, or for a step the
    graph lacks, the channel's schedule and no limit."""
    if spec is None or spec.graph is None:
        return "", None
    if node:
        attrs = spec.graph.nodes[node]
        return attrs.get("schedule") or spec.graph.graph["channel"].schedule, attrs.get("duration")
    return spec.graph.graph["channel"].schedule, None


def _judge(engine: AuditEngine, spec: CaseSpecs | None, steps: list[str],
           outcomes: list[str | None], grounds: list[str | None]) -> Conformance:
    if spec is None or spec.graph is None or spec.standard is None:
        return Conformance(tuple("" for _ in steps), (), "", -1)
    key = (spec.key, (tuple(steps), tuple(outcomes), tuple(grounds)))
    found = engine.verdicts.get(key)
    if found is None:
        found = engine.verdicts[key] = judge_variant(
            spec.graph, steps, outcomes, grounds, [g.id for g in spec.standard.refusal_grounds])
    assert isinstance(found, Conformance)
    return found
