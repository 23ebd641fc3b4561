"""The worst cases of a partition — those whose margin against the term is least — with
their timelines, and each margin in words in the term's unit (kk, ru, en).

Only these few cases are told one by one, with the engine's scalar wording of a margin
(`engine.calendar.margins.margin_words`, as `reglament run` and `case show` print it).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.audit.case_columns import RECEIVED_CODE, CaseColumns
from engine.audit.context import AuditContext, AuditEngine, CaseSpecs
from engine.audit.mapping import RECEIVED
from engine.audit.part import TimelineEvent, WorstCase
from engine.audit.timing import NONE
from engine.audit.variants import Variants
from engine.audit.words import margin_texts
from engine.calendar.instants import from_micros
from engine.calendar.margins import margin_words

__all__ = ["show", "worst_cases"]

Int64Array = npt.NDArray[np.int64]


def show(seconds: int, zone: str) -> str:
    """An instant (epoch seconds) in the calendar's zone, ISO 8601 with its offset; "" for none."""
    return "" if seconds == NONE else from_micros(seconds * 1_000_000, zone).isoformat()


def worst_cases(engine: AuditEngine, context: AuditContext, columns: CaseColumns,
                variants: Variants, specs: list[CaseSpecs], spec_code: Int64Array,
                term: dict[str, Int64Array], timed: dict[str, Int64Array],
                kept: npt.NDArray[np.bool_], receipt: Int64Array) -> tuple[WorstCase, ...]:
    """The `context.worst` cases of least margin (ties by case id), with their timelines."""
    margin = term["margin"]
    judged = np.flatnonzero(margin != NONE)
    if judged.size == 0 or context.worst <= 0:
        return ()
    order = judged[np.lexsort((judged, margin[judged] // 60))][:context.worst]
    zone = engine.calendar.timezone
    kept_rows = np.flatnonzero(kept)
    ends = np.append(columns.starts[1:], len(columns.step))
    out = []
    for case in order.tolist():
        spec = specs[int(spec_code[case])]
        assert spec.graph is not None
        info = spec.graph.graph["channel"]
        due, finished = int(term["due"][case]), int(term["finished"][case])
        english = margin_words(engine.calendar, from_micros(finished * 1_000_000, zone),
                               from_micros(due * 1_000_000, zone), spec.term_schedule,
                               info.term.unit)
        events = []
        for row in range(int(columns.starts[case]), int(ends[case])):
            events.append(_event(columns, variants, timed, kept_rows, row, zone))
        out.append(WorstCase(columns.case_ids[case], columns.service[case], columns.channel[case],
                             str(info.term), show(int(receipt[case]), zone), show(due, zone),
                             show(finished, zone), int(margin[case] // 60) if margin[case] >= 0
                             else -int(-margin[case] // 60), margin_texts(english),
                             tuple(events)))
    return tuple(out)


def _event(columns: CaseColumns, variants: Variants, timed: dict[str, Int64Array],
           kept_rows: Int64Array, row: int, zone: str) -> TimelineEvent:
    step_code = int(columns.step[row])
    at = show(int(columns.micros[row] // 1_000_000), zone)
    activity = str(columns.activity[int(columns.activity_code[row])])
    resource_code = int(columns.resource[row])
    resource = str(columns.resources[resource_code]) if resource_code >= 0 else ""
    outcome = columns.outcomes[int(columns.outcome[row])] if columns.outcome[row] >= 0 else None
    ground = columns.grounds[int(columns.ground[row])] if columns.ground[row] >= 0 else None
    if step_code < 0:
        step = RECEIVED if step_code == RECEIVED_CODE else ""
        return TimelineEvent(at, activity, step, resource, None, "", "", False, outcome or "",
                             ground or "")
    position = int(np.searchsorted(kept_rows, row))
    limit_code = int(variants.limit[position])
    limit = variants.limits[limit_code] if limit_code >= 0 else None
    working = int(timed["working"][position])
    due = int(timed["due"][position])
    return TimelineEvent(at, activity, variants.node(position) or columns.steps[step_code],
                         resource, None if working == NONE else working // 60,
                         "" if limit is None else str(limit), show(due, zone),
                         bool(timed["late"][position]), outcome or "", ground or "")

