"""Broken logs: a bad value is a finding located at its row, a log that cannot be read is a
`LogError` naming where and why; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.audit import AuditMap, LogError, LogFinding, audit_log, log_format, read_log
from tests.audit.conftest import context_for

HEADER = "case_id,activity,timestamp,resource,service,channel,outcome,ground\n"
GOOD = "c-1,Заявление принято,2019-03-20T10:00:00+06:00,clerk-12,403003,Канцелярия,,\n"


def _read(path: Path, mapping: AuditMap, fmt: str = "csv") -> tuple[int, list[LogFinding]]:
    findings: list[LogFinding] = []
    rows = sum(b.num_rows for b in read_log(path, mapping, "Asia/Almaty", findings, fmt))
    return rows, findings


def test_a_bad_timestamp_and_a_short_row_are_findings_at_their_lines(tmp_path: Path,
                                                                     mapping: AuditMap) -> None:
    log = tmp_path / "log.csv"
    log.write_text(HEADER + GOOD + "c-1,Регистрация заявления,20.03.2019 10:04,clerk-12,403003,"
                   "Канцелярия,,\nc-1,x\n" + GOOD.replace("c-1", "") + GOOD, encoding="utf-8")
    rows, findings = _read(log, mapping)
    assert rows == 2
    assert [str(f) for f in sorted(findings)] == [
        f"{log}:3: timestamp: expected an ISO 8601 instant like 2019-03-20T17:00:00+06:00, got "
        '"20.03.2019 10:04" (hint: the moment the action was completed, with its UTC offset or '
        "in the mapping's timezone)",
        f"{log}:4: expected 8 fields, got 2 (hint: quote a value that holds a comma)",
        f"{log}:5: case_id: expected the case id, got nothing (hint: every event names its case "
        "and its activity)",
    ]


def test_lines_stay_exact_across_blocks(tmp_path: Path, mapping: AuditMap) -> None:
    """A log read in many small blocks still locates each bad row at its own line."""
    from engine.audit.read_tables import read_csv
    log = tmp_path / "log.csv"
    lines = [GOOD] * 50
    lines[36] = GOOD.replace("2019-03-20T10:00:00+06:00", "never")
    log.write_text(HEADER + "".join(lines), encoding="utf-8")
    findings: list[LogFinding] = []
    batches = list(read_csv(log, mapping.columns, "Asia/Almaty", findings, block_bytes=300))
    assert len(batches) > 5
    assert sum(b.num_rows for b in batches) == 49
    assert [f.line for f in findings] == [38]
    assert sorted(x for b in batches for x in b.column("line").to_pylist()) == \
        [n for n in range(2, 52) if n != 38]


def test_a_missing_column_is_named_with_the_columns_there(tmp_path: Path, mapping: AuditMap) -> None:
    log = tmp_path / "log.csv"
    log.write_text("case_id,activity,time\nc-1,x,2019-03-20T10:00:00+06:00\n", encoding="utf-8")
    with pytest.raises(LogError) as raised:
        _read(log, mapping)
    assert str(raised.value) == (
        f'{log}:1: missing column "timestamp" (the timestamp of each event) (hint: the log\'s '
        "columns are case_id, activity, time; name the one that holds it in the mapping's "
        "`columns: {timestamp: ...}`)")


@pytest.mark.parametrize(("name", "text", "fmt", "message"), [
    ("log.xes", "<log><trace><event></trace></log>", "xes",
     "{log}:1: cannot read the log as XES: "),
    ("log.jsonocel", '{"events": [', "ocel", "{log}:1:13: cannot read the log as OCEL 2.0 JSON: "),
    ("log.parquet", "not parquet", "parquet", "{log}: cannot read the log as Parquet: "),
])
def test_an_unreadable_log_is_a_log_error(tmp_path: Path, mapping: AuditMap, name: str, text: str,
                                          fmt: str, message: str) -> None:
    log = tmp_path / name
    log.write_text(text, encoding="utf-8")
    with pytest.raises(LogError) as raised:
        _read(log, mapping, fmt)
    assert str(raised.value).startswith(message.format(log=log))


def test_an_ocel_event_without_its_case_is_a_finding(tmp_path: Path, mapping: AuditMap) -> None:
    log = tmp_path / "log.jsonocel"
    log.write_text('{"objects": [{"id": "c-1", "type": "case"}], "events": ['
                   '{"id": "e1", "type": "x", "time": "2019-03-20T10:00:00+06:00", '
                   '"relationships": [{"objectId": "c-9"}]}]}', encoding="utf-8")
    rows, findings = _read(log, mapping, "ocel")
    assert rows == 0
    assert [str(f) for f in findings] == [
        f'{log}: event 1: relationships: expected a relationship to an object of type "case" '
        "(hint: each event relates to the case it belongs to)"]


def test_formats_by_extension() -> None:
    assert [log_format(n) for n in ("a.csv", "a.parquet", "a.XES", "a.xes.gz", "a.jsonocel",
                                    "a.json")] == ["csv", "parquet", "xes", "xes", "ocel", "ocel"]
    assert log_format("a.txt", "csv") == "csv"
    with pytest.raises(LogError, match="cannot tell the log's format"):
        log_format("a.txt")


def test_a_gzipped_xes_reads_like_the_plain_one(tmp_path: Path, mapping: AuditMap) -> None:
    import gzip

    from tests.audit.conftest import DATA
    packed = tmp_path / "log.xes.gz"
    packed.write_bytes(gzip.compress((DATA / "log.xes").read_bytes(), mtime=0))
    plain = audit_log(DATA / "log.xes", context_for(mapping, DATA / "log.xes"), "xes")
    assert audit_log(packed, context_for(mapping, packed), "xes").cases == plain.cases
