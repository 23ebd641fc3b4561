"""The cases benchmark's workload at a tiny size: both engines end the same cases the same way.

benchmarks/bench_cases.py measures; here its modes run 20 planned cases each and
must agree on how many end in the result and how many in a refusal (no timing is
asserted). SpiffWorkflow comes with the `test` extra (and the `bench` one).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from benchmarks.bench_cases import SPECS as BENCH_SPECS
from benchmarks.bench_cases import (
    journal_endings,
    make_plans,
    ours_cohort,
    ours_cohort_durable,
    ours_durable,
    ours_in_memory,
    spiff_durable,
    spiff_in_memory,
    spiff_spec,
)
from engine.calendar import default_calendar
from engine.cases import Executor
from engine.corpus import load_corpus

CASES = 20


def test_the_modes_end_the_same_cases_in_result_and_refusal(tmp_path: Path) -> None:
    calendar = default_calendar()
    executor = Executor(load_corpus([BENCH_SPECS]), calendar)
    plans = make_plans(CASES, calendar, seed=11)
    spec = spiff_spec()
    planned = Counter("result" if p.actions[-1].outcome == "issue" else "refusal" for p in plans)
    assert planned["result"] > 0, "the tiny workload must take both ways"
    assert planned["refusal"] > 0, "the tiny workload must take both ways"
    ours = ours_in_memory(executor, plans)
    durable = ours_durable(executor, tmp_path / "journal.db", plans)
    spiff = spiff_in_memory(spec, plans)
    spiff_json = spiff_durable(spec, plans)
    cohort = ours_cohort(executor, plans, size=7)
    cohort_events = ours_cohort(executor, plans, size=CASES, events=True)
    ours_cohort_durable(executor, tmp_path / "cohorts.db", plans, size=8)
    imported = journal_endings(executor, tmp_path / "cohorts.db")
    assert ours == durable == spiff == spiff_json == cohort == cohort_events == imported == planned
    assert sum(ours.values()) == CASES
