"""The report reads the cases' summary, not their rows: the same report with the rows dropped
(memory bounded by a partition, not by the log), summaries merged in any order, and weighted
percentiles equal to the percentiles of the cases spelled out one by one."""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.audit import AuditMap, audit_log, audit_report, report_json
from engine.audit.aggregates import case_figures
from engine.audit.summary import SUMMARY_KEYS, histogram, merge_summaries, summarize
from tests.audit.conftest import DATA, context_for

LOG = DATA / "log.csv"


def test_the_report_is_the_same_without_the_cases_rows(mapping: AuditMap) -> None:
    context = context_for(mapping, LOG)
    whole = audit_log(LOG, context, "csv", 1)
    expected = report_json(audit_report(whole, context))
    for partitions in (1, 3):
        lean = audit_log(LOG, context, "csv", partitions, keep_cases=False)
        assert lean.cases.num_rows == 0
        assert report_json(audit_report(lean, context)) == expected
    assert whole.cases.num_rows == sum(whole.counted.column("count").to_pylist())


def test_summaries_merge_in_any_order_to_one(mapping: AuditMap) -> None:
    part = audit_log(LOG, context_for(mapping, LOG), "csv", 1)
    rows = part.cases
    pieces = [summarize(rows.slice(start, 4)) for start in range(0, rows.num_rows, 4)]
    once = merge_summaries(pieces)
    random.Random(3).shuffle(pieces)
    assert merge_summaries(pieces).equals(once)
    assert once.equals(summarize(rows))
    assert once.column_names == [*SUMMARY_KEYS, "count"]


def _nearest(values: list[int], q: float) -> int | None:
    if not values:
        return None
    return sorted(values)[max(1, math.ceil(q * len(values))) - 1]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 50),
                          st.booleans(), st.one_of(st.none(), st.booleans())),
                min_size=1, max_size=60))
def test_figures_of_a_summary_are_those_of_its_cases(cases: list[tuple[str, int, bool,
                                                                       bool | None]]) -> None:
    """Median, 90th percentile (nearest rank), late and missed counts per service, from the
    summary's weighted rows, equal those counted case by case."""
    table = pa.table({
        "service": [c[0] for c in cases], "working_minutes": [c[1] for c in cases],
        "late_steps": [int(c[2]) for c in cases], "met_term": pa.array([c[3] for c in cases],
                                                                      pa.bool_()),
        "findings": [""] * len(cases)})
    table = table.append_column("channel", pa.array(["c"] * len(cases))).append_column(
        "month", pa.array(["2019-03"] * len(cases)))
    figures = {f.key: f for f in case_figures(summarize(table), ("service",), histogram(table))}
    for service in sorted({c[0] for c in cases}):
        mine = [c for c in cases if c[0] == service]
        figure = figures[(service,)]
        minutes = [c[1] for c in mine]
        assert figure.count == len(mine)
        assert figure.late == sum(c[2] for c in mine)
        assert figure.missed == sum(c[3] is False for c in mine)
        assert figure.median == _nearest(minutes, 0.5)
        assert figure.p90 == _nearest(minutes, 0.9)
    assert int(np.sum(summarize(table).column("count").to_numpy())) == len(cases)


def test_the_month_of_a_receipt_is_its_local_month_whatever_came_first(
        mapping: AuditMap, tmp_path: Path) -> None:
    """Two receipts of one UTC day in two local months (23:30 and 00:30 at UTC+6): each is in
    its own month, in either order of the log. (The month was looked up once per UTC day, so
    the first case of the day decided it for both, and partitions changed the report.)"""
    header = "case_id,activity,timestamp,resource,service,channel,outcome,ground\n"
    rows = ["m-march,Заявление принято,2019-03-31T23:30:00+06:00,clerk-12,403003,Канцелярия,,\n",
            "m-april,Заявление принято,2019-04-01T00:30:00+06:00,clerk-12,403003,Канцелярия,,\n"]
    for order in (rows, rows[::-1]):
        log = tmp_path / "months.csv"
        log.write_text(header + "".join(order), encoding="utf-8")
        cases = {r["case_id"]: r["month"] for r in
                 audit_log(log, context_for(mapping, log), "csv", 1).cases.to_pylist()}
        assert cases == {"m-march": "2019-03", "m-april": "2019-04"}


def test_partitions_on_forked_processes_give_the_same_report(mapping: AuditMap) -> None:
    context = context_for(mapping, LOG)
    one = audit_log(LOG, context, "csv", 4, jobs=1)
    two = audit_log(LOG, context, "csv", 4, jobs=2, keep_cases=False)
    assert report_json(audit_report(two, context)) == report_json(audit_report(one, context))
