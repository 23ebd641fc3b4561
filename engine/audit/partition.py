"""`audit_partition`: the audit of some whole cases, by columns.

1. The events are sorted by case and time and the log's names mapped (`case_columns`).
2. Each case's receipt is its `received` event; the specs in force on its day of receipt are
   found once per (service, channel, day) (`AuditContext.engine().specs`, as `Executor.open`
   finds them).
3. Cases are grouped by variant and each variant judged once (`variants`).
4. Every step's working time and due instant, and every case's term, are counted by arrays
   (`timing`), per schedule and per limit.
5. The cases' rows, the tallies of steps and actors, the findings and the worst cases with
   their timelines (`timelines`) make the `AuditPart`.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from engine.audit.case_columns import RECEIVED_CODE, UNKNOWN_CODE, CaseColumns, case_columns
from engine.audit.case_rows import case_findings, case_rows
from engine.audit.context import AuditContext, AuditEngine, CaseSpecs
from engine.audit.events import LogFinding
from engine.audit.part import CASE_SCHEMA, AuditPart
from engine.audit.step_readings import elapsed_due, fixed_readings, judge_readings
from engine.audit.tallies import step_tallies
from engine.audit.timelines import worst_cases
from engine.audit.timing import NONE, due_instants, received_instants, working_between
from engine.audit.uniques import unique_inverse
from engine.audit.variants import Variants, group_variants
from engine.calendar.batch import day_of_seconds
from engine.spec import did_you_mean

__all__ = ["audit_partition"]

Int64Array = npt.NDArray[np.int64]
_NEVER = np.iinfo(np.int64).max


def audit_partition(frame: pa.Table, context: AuditContext) -> AuditPart:
    """Audit the whole cases of `frame` (an `EVENT_SCHEMA` table holding every event of each
    of its cases) on the specs, mapping and calendar of `context`."""
    engine = context.engine()
    columns = case_columns(frame, context.mapping)
    seconds = columns.micros // 1_000_000
    cases = columns.size
    starts = columns.starts
    receipt = np.minimum.reduceat(np.where(columns.step == RECEIVED_CODE, seconds, _NEVER),
                                  starts) if cases else np.zeros(0, dtype=np.int64)
    has_receipt = receipt != _NEVER
    anchor = np.where(has_receipt, receipt, seconds[starts] if cases else receipt)
    spec_code, specs, inside = _specs(engine, context, columns, anchor)
    kept = columns.step >= 0
    variants = group_variants(engine, columns, kept, spec_code, specs)
    chain = columns.step != UNKNOWN_CODE
    previous = _previous(seconds, columns.case_of, chain)
    timed = _step_times(engine, columns, variants, seconds, previous, kept, inside,
                        fixed_readings(specs, spec_code))
    term = _terms(engine, columns, variants, specs, spec_code, receipt, has_receipt & inside,
                  seconds, kept)
    _rest_of_term(columns, variants, specs, spec_code, seconds, kept, timed, term)
    findings, counts = case_findings(columns, variants, specs, spec_code, has_receipt, inside,
                                     timed, term, seconds, kept, receipt)
    table = _case_table(columns, variants, specs, spec_code, anchor, term, timed, findings, kept,
                        engine.calendar.timezone)
    rows, row_count = _row_findings(context, columns)
    tallies = step_tallies(columns, variants, specs, spec_code, timed, kept, context.mapping)
    worst = worst_cases(engine, context, columns, variants, specs, spec_code, term, timed, kept,
                        receipt)
    return AuditPart(table, tallies, counts, worst, rows, row_count, len(columns.step))


def _specs(engine: AuditEngine, context: AuditContext, columns: CaseColumns,
           anchor: Int64Array) -> tuple[Int64Array, list[CaseSpecs], npt.NDArray[np.bool_]]:
    """Per case the index of its specs (-1: none), the specs, and whether its receipt is inside
    the calendar's years."""
    calendar = engine.calendar
    index = calendar.working_time()
    midnight = index.s["midnight"]
    inside = (anchor >= midnight[0]) & (anchor < midnight[-1])
    day = day_of_seconds(index, np.clip(anchor, midnight[0], midnight[-1] - 1))
    names = sorted({*columns.service, *columns.channel})
    code = {name: i for i, name in enumerate(names)}
    width = len(names) + 1
    service = np.array([code[s] for s in columns.service], dtype=np.int64)
    channel = np.array([code[c] for c in columns.channel], dtype=np.int64)
    keys = (service * width + channel) * (int(day.max(initial=0)) + 1) + day
    unique, inverse = np.unique(keys, return_inverse=True)
    specs: list[CaseSpecs] = []
    known: dict[object, int] = {}  # the same versions on many days: one code
    table = np.empty(len(unique), dtype=np.int64)
    for i, key in enumerate(unique.tolist()):
        pair, which = divmod(key, int(day.max(initial=0)) + 1)
        standard, channel_id = names[pair // width], names[pair % width]
        found = _case_specs(engine, context, standard, channel_id, index.days.date(which))
        table[i] = known.setdefault(found.key or found.problem, len(specs))
        if table[i] == len(specs):
            specs.append(found)
    spec_code = table[inverse.reshape(-1)] if len(unique) else np.zeros(0, dtype=np.int64)
    return spec_code, specs, inside


def _case_specs(engine: AuditEngine, context: AuditContext, standard: str, channel: str,
                day: object) -> CaseSpecs:
    if not standard:
        return CaseSpecs(problem=("unknown_service", "the mapping names no such service"))
    if not channel:
        return CaseSpecs(problem=("unknown_channel", "the mapping names no such channel"))
    service = context.mapping.service(standard)
    return engine.specs(standard, channel, day, service.regulation if service else None)  # type: ignore[arg-type]


def _previous(seconds: Int64Array, case_of: Int64Array, chain: npt.NDArray[np.bool_]) -> Int64Array:
    """Per event, the instant of the event before it in its case's chain (received and mapped
    steps); its own instant for the first."""
    rows = np.flatnonzero(chain)
    previous = seconds.copy()
    if rows.size > 1:
        same = case_of[rows[1:]] == case_of[rows[:-1]]
        previous[rows[1:][same]] = seconds[rows[:-1][same]]
    return previous


def _step_times(engine: AuditEngine, columns: CaseColumns, variants: Variants,
                seconds: Int64Array, previous: Int64Array, kept: npt.NDArray[np.bool_],
                inside: npt.NDArray[np.bool_], reading: Int64Array) -> dict[str, Int64Array]:
    """Per kept event: its start, working seconds, due instant (NONE: no limit), lateness and
    lateness under the elapsed reading only (`step_readings`; `reading`: per case)."""
    rows = np.flatnonzero(kept)
    start, end = previous[rows], seconds[rows]
    ok = inside[columns.case_of[rows]] & np.array([bool(s) for s in variants.schedules],
                                                  dtype=bool)[variants.schedule] \
        if rows.size and variants.schedules else np.zeros(rows.size, dtype=bool)
    working = np.full(rows.size, NONE, dtype=np.int64)
    due = np.full(rows.size, NONE, dtype=np.int64)
    at = np.flatnonzero(ok)
    calendar = engine.calendar
    working[at] = working_between(calendar, variants.schedules, variants.schedule[at], start[at],
                                  end[at])
    due[at] = due_instants(calendar, variants.schedules, variants.schedule[at], variants.limits,
                           variants.limit[at], start[at])
    elapsed = np.full(rows.size, NONE, dtype=np.int64)
    elapsed[at] = elapsed_due(calendar, variants.schedules, variants.schedule[at], variants.limits,
                              variants.limit[at], start[at])
    due, late, depends = judge_readings(end, due, elapsed, reading[columns.case_of[rows]])
    return {"start": start, "working": working, "due": due, "late": late, "depends": depends}


def _rest_of_term(columns: CaseColumns, variants: Variants, specs: list[CaseSpecs],
                  spec_code: Int64Array, seconds: Int64Array, kept: npt.NDArray[np.bool_],
                  timed: dict[str, Int64Array], term: dict[str, Int64Array]) -> None:
    """A step that takes what is left of the term (the implied process's render) is due when
    the case's term ends, as the executor has it (`CaseGraphs`), not its duration after its
    start: its due instant and lateness are set so, in place."""
    rows = np.flatnonzero(kept)
    if rows.size == 0:
        return
    case = columns.case_of[rows]
    width = len(variants.nodes) + 2  # codes from -1: a pair as one key, in the same order
    found, which = unique_inverse((spec_code[case] + 1) * width + variants.node_code + 1)
    rest = np.zeros(len(found), dtype=bool)
    for index, key in enumerate(found.tolist()):
        code, node = key // width - 1, key % width - 1
        graph = specs[code].graph if code >= 0 else None
        if graph is not None and node >= 0 and variants.nodes[node] in graph:
            step = graph.nodes[variants.nodes[node]].get("step")
            rest[index] = bool(step is not None and step.rest_of_term)
    events = np.flatnonzero(rest[which.reshape(-1)])
    if events.size == 0:
        return
    due = term["due"][case[events]]
    timed["due"][events] = due
    timed["late"][events] = ((due != NONE) & (seconds[rows[events]] > due)).astype(np.int64)
    timed["depends"][events] = 0  # a share of the term, not a limit in days


def _terms(engine: AuditEngine, columns: CaseColumns, variants: Variants, specs: list[CaseSpecs],
           spec_code: Int64Array, receipt: Int64Array, counted: npt.NDArray[np.bool_],
           seconds: Int64Array, kept: npt.NDArray[np.bool_]) -> dict[str, Int64Array]:
    """Per case: the counting start and due instant of its term, when it finished, the margin
    and its working time (seconds; NONE where not counted)."""
    cases = columns.size
    kept_seconds = seconds[np.flatnonzero(kept)]
    end_at = np.array([j.end_at for j in variants.judged], dtype=np.int64)[variants.variant] \
        if cases else np.zeros(0, dtype=np.int64)
    finished = np.where(end_at >= 0, kept_seconds[np.clip(variants.offsets + end_at, 0,
                                                          max(len(kept_seconds) - 1, 0))]
                        if len(kept_seconds) else NONE, NONE)
    last = np.where(variants.lengths > 0, kept_seconds[np.clip(variants.offsets + variants.lengths
                                                               - 1, 0, max(len(kept_seconds) - 1, 0))]
                    if len(kept_seconds) else NONE, NONE)
    out = {name: np.full(cases, NONE, dtype=np.int64) for name in
           ("start", "due", "margin", "working")}
    out["finished"] = finished
    calendar = engine.calendar
    for code in np.unique(spec_code[counted]).tolist() if cases else []:
        spec = specs[code]
        if spec.standard is None or spec.graph is None:
            continue
        info = spec.graph.graph["channel"]
        rows = np.flatnonzero(counted & (spec_code == code))
        start = received_instants(calendar, info.schedule, receipt[rows])
        zero = np.zeros(rows.size, dtype=np.int64)
        due = due_instants(calendar, [spec.term_schedule], zero, [info.term], zero, start,
                           exclude_acceptance_day=info.acceptance_day_excluded)
        out["start"][rows], out["due"][rows] = start, due
        done = finished[rows]
        end = np.where(done != NONE, done, last[rows])
        good = (start != NONE) & (end != NONE)
        out["working"][rows[good]] = working_between(calendar, [spec.term_schedule], zero[good],
                                                     start[good], end[good])
        judged = (done != NONE) & (due != NONE)
        early = np.minimum(done, due)[judged]
        late = np.maximum(done, due)[judged]
        gap = working_between(calendar, [spec.term_schedule], zero[judged], early, late)
        sign = np.where(done[judged] <= due[judged], 1, -1)
        out["margin"][rows[judged]] = np.where(gap != NONE, sign * gap, NONE)
    # a refusal to accept comes before any term runs (Law 88-V art. 19-20; the engine's
    # CaseState gives such a case no due instant and no verdict): nothing of a term is judged
    refused = np.array([j.ending == "refusal_to_accept" for j in variants.judged],
                       dtype=bool)[variants.variant] if cases else np.zeros(0, dtype=bool)
    for name in ("start", "due", "margin", "working"):
        out[name][refused] = NONE
    return out


def _case_table(columns: CaseColumns, variants: Variants, specs: list[CaseSpecs],
                spec_code: Int64Array, anchor: Int64Array, term: dict[str, Int64Array],
                timed: dict[str, Int64Array], findings: list[str],
                kept: npt.NDArray[np.bool_], zone: str) -> pa.Table:
    return case_rows(columns, variants, specs, spec_code, anchor, term, timed, findings, kept,
                     CASE_SCHEMA, zone)


def _row_findings(context: AuditContext, columns: CaseColumns) -> tuple[tuple[LogFinding, ...], int]:
    """The events whose activity the mapping does not name (of a service it names)."""
    known = np.array([bool(s) for s in columns.service], dtype=bool)
    unknown = (columns.step == UNKNOWN_CODE) & (known[columns.case_of] if columns.size else False)
    rows = np.flatnonzero(unknown)
    count = int(rows.size)
    rows = rows[np.argsort(columns.lines[rows], kind="stable")][:context.row_findings]
    found = []
    names: Counter[str] = Counter()
    for row in rows.tolist():
        name = str(columns.activity[int(columns.activity_code[row])])
        service = columns.service[int(columns.case_of[row])]
        mapped = context.mapping.service(service)
        choices = list(mapped.activities) if mapped else []
        names[name] += 1
        found.append(LogFinding(context.log, int(columns.lines[row]), "activity",
                                f'unknown activity "{name}" of "{service}" (hint: '
                                f"{did_you_mean(name, choices)}; map it in the mapping's "
                                f"services.{service}.activities)", context.unit))
    return tuple(found), count
