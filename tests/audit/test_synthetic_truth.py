"""The known truth: the audit (`engine.audit.audit_partition`) of a synthetic log finds
exactly the faults injected into it — each one, at its step, and nothing else — and finds
the cases received on the eve of a holiday on time.

A case refused to accept (the portal's refusals at authorisation or at the signature check)
has no term (a refusal to accept comes "before any term runs", DOMAIN.md, Refusals): the
engine gives it no verdict (`CaseState.met_term` is None), nor does the truth, nor the audit —
which once judged it and found some missed (the defect this module found first).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pytest

from engine.audit import AuditContext, audit_partition, load_audit_map, read_log
from engine.audit.events import LogFinding
from tests.audit.synthetic_support import SPECS, executor, truth, write


def _audit(fmt: str, tmp: Path, faults: dict[str, float] | None, seed: int = 7,
           cases: int = 1500, period: tuple[dt.date, dt.date] | None = None
           ) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, dict[str, object]],
                      pa.Table]:
    written = write(tmp, fmt, cases=cases, seed=seed, faults=faults,
                    **({"period": period} if period else {}))
    mapping = load_audit_map(written.mapping, executor().corpus)
    problems: list[LogFinding] = []
    frame = pa.Table.from_batches(list(read_log(written.log, mapping, "Asia/Almaty", problems,
                                                fmt)))
    assert problems == []
    part = audit_partition(frame, AuditContext((str(SPECS),), mapping))
    found = {row["case_id"]: sorted(f for f in (row["findings"] or "").split("; ") if f)
             for row in part.cases.to_pylist()}
    faults_found, cases_found = truth(written)
    expected: dict[str, list[str]] = defaultdict(list)
    for record in faults_found:
        expected[str(record["case_id"])].append(
            f"{record['kind']}:{record['step']}" if record["step"] else str(record["kind"]))
    return found, {c: sorted(v) for c, v in expected.items()}, cases_found, part.cases


def _held(found: dict[str, list[str]], expected: dict[str, list[str]],
          cases: dict[str, dict[str, object]], table: pa.Table | None = None) -> None:
    assert set(found) == set(cases)
    rows = {r["case_id"]: r for r in table.to_pylist()} if table is not None else {}
    for case_id, record in cases.items():
        detail = record["detail"]
        assert isinstance(detail, dict)
        assert found[case_id] == expected.get(case_id, []), (case_id, detail)
        if rows and detail["ending"] == "refusal_to_accept":
            assert rows[case_id]["met_term"] is None, case_id
            assert rows[case_id]["due"] is None, case_id
        elif rows and rows[case_id]["met_term"] is not None:
            # the row's verdict and the findings agree, also when no working time lies
            # between the term's end and the finish (a Saturday after a Friday's close)
            assert rows[case_id]["met_term"] is ("missed_term" not in found[case_id]), case_id


@pytest.mark.parametrize(("fmt", "count"), [("csv", 1500), ("parquet", 1500), ("xes", 600),
                                            ("ocel", 600)])
def test_the_audit_finds_exactly_the_injected_faults(tmp_path: Path, fmt: str,
                                                     count: int) -> None:
    found, expected, cases, table = _audit(fmt, tmp_path, None, cases=count)
    _held(found, expected, cases, table)
    refused = [c for c, r in cases.items() if r["detail"]["ending"] == "refusal_to_accept"]  # type: ignore[index]
    assert refused
    kinds = {f.split(":")[0] for found_here in expected.values() for f in found_here}
    assert kinds == {"late_step", "late_step_depends", "missed_term", "missing_step",
                     "repeated_step", "out_of_order", "no_outcome", "unknown_outcome",
                     "refusal_without_ground"}
    rows = {r["case_id"]: r for r in table.to_pylist()}
    over = [c for c, r in cases.items() if r["detail"]["holiday"]]  # type: ignore[index]
    assert len(over) > count // 50
    assert all(not found[c] and rows[c]["met_term"] for c in over)


def test_a_step_late_under_the_elapsed_reading_only_is_said_to_depend_on_it(
        tmp_path: Path) -> None:
    """A step of 1 wd done after a full working day of working time but by the close of the
    next working day: `late_step_depends`, not `late_step`; the case is not late for it."""
    found, expected, cases, table = _audit("csv", tmp_path, {"reading": 0.3}, seed=5, cases=600)
    _held(found, expected, cases, table)
    depends = [f for fs in found.values() for f in fs if f.startswith("late_step_depends:")]
    assert len(depends) > 30
    assert not any(f.startswith("late_step:") for fs in found.values() for f in fs)


def test_a_clean_log_has_no_finding(tmp_path: Path) -> None:
    found, expected, cases, _ = _audit("parquet", tmp_path, {}, seed=21, cases=800)
    assert expected == {}
    _held(found, expected, cases)


def test_the_truth_names_the_late_working_minutes(tmp_path: Path) -> None:
    """A late step's truth says by how many working minutes; the audit's worst step of the
    case agrees that it is late."""
    written = write(tmp_path, "csv", cases=500, faults={"late": 0.2})
    lines = [json.loads(x) for x in written.truth.read_text(encoding="utf-8").splitlines()]
    late = [x for x in lines if x["kind"] == "late_step"]
    assert late
    assert all(x["detail"]["late_minutes"] >= 1 for x in late)
    assert all(x["detail"]["completed"] > x["detail"]["due"] for x in late
               if x["detail"]["due"][:10] == x["detail"]["completed"][:10])


def test_this_year_on_the_processes_the_standards_imply(tmp_path: Path) -> None:
    """2026: no regulation is in force, so every service in force runs the process its
    standard implies (receive, render for the rest of the term, issue); the audit finds
    exactly the injected faults there too — the render due when the term ends, as the
    executor has it (it was once held to the term counted from its own start)."""
    found, expected, cases, table = _audit("csv", tmp_path, None, seed=2, cases=1500,
                                           period=(dt.date(2026, 1, 5), dt.date(2026, 12, 4)))
    _held(found, expected, cases, table)
    regulations = {r["regulation"] for r in table.to_pylist()}
    assert regulations
    assert all(r.endswith(".implied") for r in regulations)
    assert len({r["service"] for r in table.to_pylist()}) >= 5
