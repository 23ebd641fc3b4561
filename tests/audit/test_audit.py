"""The audit of the hand-written log (tests/data/audit/log.csv, and the same events as XES and
OCEL 2.0, and as Parquet made here): each finding kind on its case, terms met and missed
over Nauryz 2019 and the worked Saturday of 4 May 2019 (DOMAIN.md; specs/calendars/kz.yaml),
the State Corporation's acceptance day left out (Law 88-V, art. 20 p. 1), margins in words,
the same result from every format and any number of partitions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from engine.audit import AuditMap, AuditPart, audit_log, audit_report, report_json
from engine.calendar import default_calendar
from engine.spec import parse_duration
from tests.audit.conftest import DATA, context_for

LOG = DATA / "log.csv"


def _audit(mapping: AuditMap, log: Path, fmt: str, partitions: int = 1, unit: str = "line") -> AuditPart:
    return audit_log(log, context_for(mapping, log, unit), fmt, partitions)


@pytest.fixture(scope="module")
def part(mapping: AuditMap) -> AuditPart:
    return _audit(mapping, LOG, "csv")


@pytest.fixture(scope="module")
def cases(part: AuditPart) -> dict[str, dict[str, Any]]:
    return {row["case_id"]: row for row in part.cases.to_pylist()}


@pytest.mark.parametrize(("case", "findings"), [
    ("s-01-ok", ""),
    ("s-03-missing", "missing_step:assign; late_step:review"),
    ("s-04-repeated", "repeated_step:register"),
    ("s-05-order", "out_of_order:review; late_step:sign_receipt"),
    ("s-06-extra", "extra_step:sign_refusal"),
    ("s-07-no-outcome", "no_outcome:review"),
    ("s-08-bad-outcome", "unknown_outcome:review"),
    ("s-09-no-ground", "refusal_without_ground:issue_refusal"),
    ("s-10-bad-ground", "unknown_ground:issue_refusal"),
    ("s-11-no-receipt", "no_receipt"),
    ("s-13-before-receipt", "before_receipt:register; late_step:assign"),
    ("s-14-not-in-force", "not_in_force"),
    ("s-15-unknown-channel", "unknown_channel"),
    ("s-16-unknown-service", "unknown_service"),
    ("s-17-open", ""),
    ("s-18-naive-time", ""),
    ("s-02-nauryz", "late_step:assign; late_step:review; missed_term"),
    # assign (1 wd) Fri 26 April 10:10 -> Mon 29 April 12:00: by the civil due (Monday's close)
    # but past the elapsed one (Monday 10:10): late under the elapsed reading only
    ("d-02-missed-over-transfer", "late_step_depends:assign; late_step:issue_duplicate; "
                                  "missed_term"),
])
def test_each_finding_on_its_case(cases: dict[str, dict[str, Any]], case: str, findings: str) -> None:
    assert cases[case]["findings"] == findings


def test_statuses(cases: dict[str, dict[str, Any]]) -> None:
    assert cases["s-01-ok"]["status"] == "result"
    assert cases["s-02-nauryz"]["status"] == "refusal"
    assert cases["s-17-open"]["status"] == "open"
    assert cases["s-17-open"]["met_term"] is None
    assert cases["s-14-not-in-force"]["status"] == "unjudged"
    assert cases["s-01-ok"]["regulation"] == "aktobe-school-admission"
    assert cases["s-01-ok"]["regulation_version"] == "2018-07-31"


def test_an_unknown_activity_is_a_finding_at_its_line(part: AuditPart) -> None:
    (row,) = part.rows
    assert part.row_count == 1
    line = next(n for n, text in enumerate(LOG.read_text(encoding="utf-8").splitlines(), 1)
                if "Чаепитие" in text)
    assert str(row).startswith(f"{LOG}:{line}: activity: unknown activity \"Чаепитие\" of "
                               '"school-admission" (hint: ')
    assert "s-12-unknown-activity" not in [w.case_id for w in part.worst if w.margin_minutes < 0]


def _local(row: dict[str, Any], key: str) -> dt.datetime:
    return row[key].astimezone(dt.timezone(dt.timedelta(hours=6)))


def test_nauryz_holidays_are_not_working_time(cases: dict[str, dict[str, Any]]) -> None:
    """Received Wed 20 March 2019 17:20, term 30 min: due 17:50; ended Tue 26 March 09:20 —
    21-22 March Nauryz, 23 March (Nauryz on a Saturday) moved to Monday 25 March: 40 + 20 min."""
    row = cases["s-02-nauryz"]
    assert _local(row, "due").isoformat() == "2019-03-20T17:50:00+06:00"
    assert row["met_term"] is False
    assert row["margin_minutes"] == -60


def test_a_worked_saturday_counts_in_the_term(cases: dict[str, dict[str, Any]]) -> None:
    """Received Fri 26 April 2019; 15 wd end on Wed 22 May because Saturday 4 May 2019 was a
    working day (Friday 10 May off); ended Thursday 23 May 10:00: missed by 1 h."""
    row = cases["d-02-missed-over-transfer"]
    assert _local(row, "due").isoformat() == "2019-05-22T18:30:00+06:00"
    assert row["met_term"] is False
    assert row["margin_minutes"] == -60
    met = cases["d-01-met-over-nauryz"]
    assert _local(met, "due").isoformat() == "2019-04-10T18:30:00+06:00"
    assert met["met_term"] is True
    assert met["margin_minutes"] == 90


@pytest.mark.parametrize("case", ["d-01-met-over-nauryz", "d-02-missed-over-transfer", "d-03-gov-corp",
                                  "s-01-ok", "s-02-nauryz"])
def test_the_term_is_the_calendars(cases: dict[str, dict[str, Any]], case: str) -> None:
    """The due instant the arrays give is `Calendar.due`'s, with the acceptance day left out
    at the State Corporation (Law 88-V, art. 20 p. 1)."""
    row = cases[case]
    calendar = default_calendar()
    gov_corp = row["channel"] == "gov_corp"
    schedule = calendar.term_schedule("gov_corp" if gov_corp else "provider",
                                      parse_duration(row["term"]))
    received = calendar.receive(row["received"], "gov_corp" if gov_corp else "provider")
    due = calendar.due(received, row["term"], schedule, exclude_acceptance_day=gov_corp)
    assert due == row["due"]


def test_the_worst_cases_with_their_margins_in_words(part: AuditPart, mapping: AuditMap) -> None:
    first, second = part.worst[:2]
    assert [first.case_id, second.case_id] == ["d-02-missed-over-transfer", "s-02-nauryz"]
    assert first.margin == ("мерзім 1 сағ бұзылды", "срок нарушен на 1 ч", "missed the term by 1 h")
    assert [e.step for e in first.timeline] == ["received", "register", "assign", "issue_duplicate"]
    assert first.timeline[-1].late
    assert first.timeline[-1].limit == "14 wd"
    every = audit_log(LOG, context_for(mapping, LOG, worst=30), "csv").worst
    assert len(part.worst) == 10
    assert len(every) == 16
    met = next(w for w in every if w.case_id == "d-01-met-over-nauryz")
    assert met.margin[1] == "срок соблюдён с запасом 1 ч 30 мин"


def test_headlines_and_counting(part: AuditPart, mapping: AuditMap) -> None:
    report = audit_report(part, context_for(mapping, LOG))
    by_service = {h.service: h for h in report.headlines}
    duplicates = by_service["education-document-duplicates"]
    assert duplicates.text.ru == ("Срок 15 рабочих дней нарушен — дел: 1; 100 % из них дольше "
                                  "всего ждали на процедуре «issue_duplicate» (Ответственный "
                                  "исполнитель услугодателя); больше всего — апрель 2019")
    assert duplicates.text.kk.startswith("15 жұмыс күндік мерзім бұзылды — істер саны: 1;")
    gov_corp = next(c for c in report.counting if c.channel == "gov_corp")
    assert gov_corp.schedule == "gov_corp@five_day"
    assert gov_corp.acceptance_day_excluded
    assert "день приёма не считается (Закон 88-V, ст. 20 п. 1)" in gov_corp.text.ru
    assert report.exit_code == 1


def _without_log(part: AuditPart) -> tuple[object, ...]:
    return part.cases, part.tallies, part.findings, part.worst, part.events


def test_the_same_audit_from_every_format(mapping: AuditMap, part: AuditPart, tmp_path: Path) -> None:
    """CSV, Parquet (timestamps as timestamp[us, tz=UTC], made here), XES and OCEL 2.0 give
    the same cases, tallies and worst cases."""
    table = pacsv.read_csv(LOG, convert_options=pacsv.ConvertOptions(
        column_types={"timestamp": pa.string()}, strings_can_be_null=True))
    stamps = [pa.scalar(v).cast(pa.timestamp("us", tz="UTC")).as_py() if v[-6] in "+-" else
              dt.datetime.fromisoformat(v).replace(tzinfo=dt.timezone(dt.timedelta(hours=6)))
              for v in table.column("timestamp").to_pylist()]
    table = table.set_column(2, "timestamp", pa.array(stamps, pa.timestamp("us", tz="UTC")))
    parquet = tmp_path / "log.parquet"
    pq.write_table(table, parquet)
    expected = _without_log(part)
    assert _without_log(_audit(mapping, parquet, "parquet", unit="row")) == expected
    assert _without_log(_audit(mapping, DATA / "log.xes", "xes")) == expected
    assert _without_log(_audit(mapping, DATA / "log.jsonocel", "ocel", unit="event")) == expected


@pytest.mark.parametrize("partitions", [2, 5])
def test_the_same_bytes_on_any_number_of_partitions(mapping: AuditMap, part: AuditPart,
                                                    partitions: int) -> None:
    context = context_for(mapping, LOG)
    spilled = audit_log(LOG, context, "csv", partitions)
    assert report_json(audit_report(spilled, context)) == report_json(audit_report(part, context))


def test_parts_of_whole_cases_pickle_and_merge_to_the_whole(mapping: AuditMap, part: AuditPart) -> None:
    """The contract Dask relies on: a picklable context, `audit_partition` on any split of the
    log that keeps cases whole, parts that pickle and merge (in any order) into the same part."""
    import pickle

    from engine.audit import EVENT_SCHEMA, audit_partition, merge_parts, partition_of, read_log

    context = pickle.loads(pickle.dumps(context_for(mapping, LOG)))
    findings: list[Any] = []
    table = pa.Table.from_batches(list(read_log(LOG, mapping, "Asia/Almaty", findings, "csv")),
                                  schema=EVENT_SCHEMA)
    which = partition_of(table.column("case_id"), 3)
    parts = [pickle.loads(pickle.dumps(audit_partition(table.filter(pa.array(which == i)), context)))
             for i in (2, 0, 1)]
    merged = merge_parts(parts, context.worst, context.row_findings)
    assert _without_log(merged) == _without_log(part)
    assert merged.rows == part.rows
