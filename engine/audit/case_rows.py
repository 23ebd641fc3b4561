"""Each case's findings and its row of the report (`CASE_SCHEMA`).

A case's findings are its variant's (judged once, `engine.audit.conformance`), then what is
its own: specs that could not be found, no receipt, a receipt outside the calendar's years,
steps completed before the receipt, late steps, a missed term. They are written
`kind:step` and joined by "; " in the case's row; the report counts them by kind.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from engine.audit.case_columns import CaseColumns
from engine.audit.context import CaseSpecs
from engine.audit.timing import NONE
from engine.audit.uniques import unique_inverse
from engine.audit.variants import Variants
from engine.calendar.instants import from_micros

__all__ = ["case_findings", "case_rows"]

Int64Array = npt.NDArray[np.int64]


def _text(kind: str, step: str) -> str:
    return f"{kind}:{step}" if step else kind


def case_findings(columns: CaseColumns, variants: Variants, specs: list[CaseSpecs],
                  spec_code: Int64Array, has_receipt: npt.NDArray[np.bool_],
                  inside: npt.NDArray[np.bool_], timed: dict[str, Int64Array],
                  term: dict[str, Int64Array], seconds: Int64Array, kept: npt.NDArray[np.bool_],
                  receipt: Int64Array) -> tuple[list[str], dict[str, int]]:
    """Per case the text of its findings, and the findings counted by kind."""
    cases = columns.size
    counts: Counter[str] = Counter()
    per_variant = np.bincount(variants.variant, minlength=len(variants.judged)).tolist() \
        if cases else []
    texts = []
    for judged, many in zip(variants.judged, per_variant, strict=True):
        texts.append([_text(kind, step) for kind, step, _ in judged.findings])
        for kind, _, _ in judged.findings:
            counts[kind] += int(many)
    extra: dict[int, list[str]] = {}
    problems = [s.problem[0] if s.problem else "" for s in specs]
    troubled = np.array([bool(p) for p in problems], dtype=bool)
    for index in np.flatnonzero(troubled[spec_code]).tolist() if cases else []:
        problem = problems[int(spec_code[index])]
        extra.setdefault(index, []).append(problem)
        counts[problem] += 1
    unknown = np.array([s.problem is not None and s.problem[0] == "unknown_service" for s in specs],
                       dtype=bool)[spec_code] if cases else np.zeros(0, dtype=bool)
    for kind, mask in (("no_receipt", ~has_receipt & ~unknown),
                       ("outside_calendar", ~inside & has_receipt)):
        for index in np.flatnonzero(mask).tolist():
            extra.setdefault(index, []).append(kind)
            counts[kind] += 1
    kept_rows = np.flatnonzero(kept)
    event_case = columns.case_of[kept_rows]
    early = (seconds[kept_rows] < receipt[event_case]) & has_receipt[event_case]
    for row in np.flatnonzero(early).tolist():
        extra.setdefault(int(event_case[row]), []).append(_text("before_receipt", variants.node(row)))
        counts["before_receipt"] += 1
    late = timed["late"] > 0
    for row in np.flatnonzero(late | (timed["depends"] > 0)).tolist():  # in the case's order
        kind = "late_step" if late[row] else "late_step_depends"
        extra.setdefault(int(event_case[row]), []).append(_text(kind, variants.node(row)))
        counts[kind] += 1
    missed = np.flatnonzero((term["finished"] != NONE) & (term["due"] != NONE)
                            & (term["finished"] > term["due"]))
    for index in missed.tolist():
        extra.setdefault(index, []).append("missed_term")
        counts["missed_term"] += 1
    joined = ["; ".join(t) for t in texts]
    out = [joined[v] for v in variants.variant.tolist()]
    for index, found in extra.items():
        out[index] = "; ".join(([out[index]] if out[index] else []) + found)
    return out, dict(sorted(counts.items()))


def _months(anchor: Int64Array, zone: str) -> pa.Array:
    """Each case's local month of receipt ("2019-03"), found once per UTC day; a day whose
    local start and end fall in two months (a month's turn) is looked up by the quarter hour
    (UTC offsets are whole quarters of an hour, so a quarter lies in one local month), never
    by which case came first."""
    days, of_day = unique_inverse(anchor // 86_400)

    def local(second: int) -> str:
        return from_micros(second * 1_000_000, zone).strftime("%Y-%m")

    names = [local(d * 86_400) for d in days.tolist()]
    turns = [i for i, d in enumerate(days.tolist()) if local(d * 86_400 + 86_399) != names[i]]
    month = pa.array(names, pa.string()).take(pa.array(of_day)) if len(days) \
        else pa.array([], pa.string())
    if not turns:
        return month
    values = month.to_pylist()
    turning = np.isin(of_day, np.array(turns, dtype=np.int64))
    quarters: dict[int, str] = {}
    for row in np.flatnonzero(turning).tolist():
        quarter = int(anchor[row]) // 900
        if quarter not in quarters:
            quarters[quarter] = local(quarter * 900)
        values[row] = quarters[quarter]
    return pa.array(values, pa.string())


def _stamps(values: Int64Array) -> pa.Array:
    return pa.array(values, pa.int64(), mask=values == NONE).cast(pa.timestamp("s", tz="UTC"))


def case_rows(columns: CaseColumns, variants: Variants, specs: list[CaseSpecs],
              spec_code: Int64Array, anchor: Int64Array, term: dict[str, Int64Array],
              timed: dict[str, Int64Array], findings: list[str], kept: npt.NDArray[np.bool_],
              schema: pa.Schema, zone: str) -> pa.Table:
    """The cases' rows, in case id order."""
    codes = spec_code.tolist()
    standard_version = [s.standard.valid_from.isoformat() if s.standard else None for s in specs]
    regulation = [s.regulation.id if s.regulation else None for s in specs]
    regulation_version = [s.regulation.valid_from.isoformat() if s.regulation else None for s in specs]
    terms = [str(s.graph.graph["channel"].term) if s.graph is not None else None for s in specs]
    ending = [j.ending or "open" for j in variants.judged]
    status = [ending[v] if specs[c].problem is None else "unjudged"
              for v, c in zip(variants.variant.tolist(), codes, strict=True)]
    month = _months(anchor, zone)
    margin, due, finished = term["margin"], term["due"], term["finished"]
    judged = (due != NONE) & (finished != NONE)
    met = pa.array(finished <= due, pa.bool_(), mask=~judged)
    rows = np.flatnonzero(kept)
    case = columns.case_of[rows]
    late = np.bincount(case[timed["late"] > 0], minlength=columns.size)
    longest = _longest(case, timed["working"], variants, columns.size)
    return pa.Table.from_arrays([
        pa.array(columns.case_ids, pa.string()), pa.array(columns.service or [], pa.string()),
        pa.array(columns.channel, pa.string()),
        pa.array([standard_version[c] for c in codes], pa.string()),
        pa.array([regulation[c] for c in codes], pa.string()),
        pa.array([regulation_version[c] for c in codes], pa.string()),
        month, _stamps(anchor), _stamps(due), _stamps(finished),
        pa.array(status, pa.string()), pa.array([terms[c] for c in codes], pa.string()),
        met,
        _minutes(margin), _minutes(term["working"]),
        pa.array(variants.lengths, pa.int64()), pa.array(late.astype(np.int64), pa.int64()),
        pa.array(longest, pa.string()),
        pa.array([variants.labels[v] for v in variants.variant.tolist()], pa.string()),
        pa.array(findings, pa.string()),
    ], schema=schema)


def _minutes(seconds: Int64Array) -> pa.Array:
    """Working seconds as whole minutes towards zero (a margin of -90 s is -1 min)."""
    minutes = np.where(seconds < 0, -((-seconds) // 60), seconds // 60)
    return pa.array(minutes, pa.int64(), mask=seconds == NONE)


def _longest(case: Int64Array, working: Int64Array, variants: Variants, cases: int) -> list[str | None]:
    """Per case, the step that took it the most working time (the last of equals)."""
    out: list[str | None] = [None] * cases
    if len(case) == 0:
        return out
    order = np.lexsort((working, case))
    last = order[np.flatnonzero(np.diff(case[order], append=-1) != 0)]
    for row in last.tolist():
        if working[row] != NONE and variants.node_code[row] >= 0:
            out[int(case[row])] = variants.node(row)
    return out
