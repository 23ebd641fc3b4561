"""The audit on a real Dask cluster: two local worker processes of one thread each, started
once for this module. The report is the same JSON bytes as the single machine's on the
hand-written log (every finding kind, broken rows included) and on a synthetic one whose
cases are spread over many blocks; a case whose events lie in several files or blocks is
audited whole; and the errors of `--dask` are sentences, not tracebacks."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from commands.audit import run_audit
from engine.audit import (
    AuditMap,
    SyntheticRequest,
    audit_log,
    audit_report,
    generate,
    load_audit_map,
    plan_of,
    report_json,
)
from engine.audit.dask_cluster import DaskError, DaskTarget, dask_client, parse_dask_target
from engine.audit.events import LogError
from engine.audit.log_writers import write_log
from engine.audit.on_dask import audit_on_dask, log_frame, map_whole_cases
from engine.calendar import default_calendar
from engine.cases import Executor
from engine.corpus import Corpus
from tests.audit.conftest import DATA, MAP, SPECS, context_for
from tests.audit.synthetic_support import write

ROOT = Path(__file__).resolve().parents[2]
ZONE = "Asia/Almaty"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with dask_client(DaskTarget(workers=2)) as started:
        yield started


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory, corpus: Corpus) -> tuple[Path, AuditMap]:
    """A synthetic log of 1,500 cases with faults, as CSV re-ordered by time (so that a case's
    events lie in several blocks), and its mapping."""
    where = tmp_path_factory.mktemp("synthetic")
    executor = Executor(corpus, default_calendar())
    request = SyntheticRequest(1_500, 7, dt.date(2018, 8, 1), dt.date(2019, 12, 20),
                               faults={"late": 0.05, "skip": 0.03, "order": 0.03, "repeat": 0.02,
                                       "holiday": 0.02})
    plan = plan_of(executor, request)
    written = write_log(generate(executor, request, plan), "csv", where / "cases.csv", plan,
                        timezone=ZONE, map_id="dask-test")
    by_case = pacsv.read_csv(written.log, convert_options=pacsv.ConvertOptions(
        column_types={"timestamp": pa.string()}))
    pacsv.write_csv(by_case.sort_by("timestamp"), where / "log.csv")
    return where / "log.csv", load_audit_map(written.mapping, corpus)


def _json(part: Any, mapping: AuditMap, log: Path, unit: str) -> str:
    return report_json(audit_report(part, context_for(mapping, log, unit)))


def test_the_hand_written_log_gives_the_same_report_bytes(client: Any, mapping: AuditMap,
                                                          tmp_path: Path) -> None:
    log = DATA / "log.csv"
    broken = tmp_path / "broken.csv"  # and rows the reader cannot take, found on Dask too
    broken.write_text(log.read_text(encoding="utf-8") + "s-99,Регистрация заявления,yesterday,"
                      "clerk-1,403003,Канцелярия,,\n,Заявление принято,2019-03-28T10:00:00+06:00"
                      ",c,403003,Канцелярия,,\n", encoding="utf-8")
    base = audit_log(log, context_for(mapping, log), "csv")
    for path in (log, broken):
        context = context_for(mapping, path)
        single = audit_log(path, context, "csv")
        spread = audit_on_dask(client, [path], context, partitions=3, block_bytes=2_000)
        assert _json(spread, mapping, path, "line") == _json(single, mapping, path, "line")
    assert spread.row_count == single.row_count == base.row_count + 2
    assert {(f.line, f.column) for f in spread.rows} - {(f.line, f.column) for f in base.rows} \
        == {(122, "timestamp"), (123, "case_id")}


def test_a_synthetic_log_gives_the_same_report_bytes_on_csv_and_parquet(
        client: Any, synthetic: tuple[Path, AuditMap], tmp_path: Path) -> None:
    log, mapping = synthetic
    parquet = tmp_path / "log.parquet"
    table = pacsv.read_csv(log)
    pq.write_table(table, parquet, row_group_size=2_000)
    for path, kind, unit in ((log, "csv", "line"), (parquet, "parquet", "row")):
        context = context_for(mapping, path, unit)
        single = audit_log(path, context, kind, partitions=2)
        spread = audit_on_dask(client, [path], context, block_bytes=64_000)
        assert spread.events == single.events == table.num_rows
        assert _json(spread, mapping, path, unit) == _json(single, mapping, path, unit)
    assert sum(single.findings.values()) > 0  # the faults were found, the same on both


def _events_of_cases(table: pa.Table, context: str) -> dict[str, list[tuple[str, int]]]:
    """Each case of a partition: its (activity, line) in the partition's order."""
    found: dict[str, list[tuple[str, int]]] = {}
    for case, activity, line in zip(table["case_id"].to_pylist(), table["activity"].to_pylist(),
                                    table["line"].to_pylist(), strict=True):
        found.setdefault(case, []).append((activity, line))
    return found


def test_a_case_in_several_files_and_blocks_is_one_partition_in_reading_order(
        client: Any, tmp_path: Path) -> None:
    rows = [(f"case-{k:03d}", f"step-{i}", f"2024-03-{1 + i:02d}T10:00:00+05:00")
            for i in range(4) for k in range(200)]  # case k's events 200 rows apart
    log = pa.table({"case_id": [r[0] for r in rows], "activity": [r[1] for r in rows],
                    "timestamp": [r[2] for r in rows]})
    pacsv.write_csv(log.slice(0, 400), tmp_path / "a.csv")
    pq.write_table(log.slice(400), tmp_path / "b.parquet", row_group_size=150)
    columns = {"case": "case_id", "activity": "activity", "timestamp": "timestamp"}
    frame = log_frame([tmp_path], columns, ZONE, block_bytes=3_000)
    assert frame.npartitions > 4  # several CSV blocks and Parquet row groups
    parts = map_whole_cases(client, frame, _events_of_cases, "", partitions=3)
    merged: dict[str, list[tuple[str, int]]] = {}
    for part in parts:
        assert not set(part) & set(merged), "a case was split between two partitions"
        merged.update(part)
    assert len(merged) == 200
    # case-007: lines 9 and 209 of a.csv, rows 8 and 208 of b.parquet, in that order
    assert merged["case-007"] == [("step-0", 9), ("step-1", 209), ("step-2", 8), ("step-3", 208)]


def test_the_command_line_runs_on_a_local_cluster(mapping: AuditMap, tmp_path: Path) -> None:
    outputs = []
    for dask in (None, "local:2"):
        out, err = io.StringIO(), io.StringIO()
        target = tmp_path / f"{dask or 'single'}.json"
        code = run_audit(str(DATA / "log.csv"), specs=str(SPECS), mapping=str(MAP), fmt="json",
                         out=str(target), langs="kk,ru", worst=10, partitions=0,
                         log_format_name=None, stdout=out, err=err, dask=dask)
        assert (code, err.getvalue()) == (1, "")  # findings: exit 1
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_an_xes_log_gives_the_same_report_bytes(client: Any, mapping: AuditMap, corpus: Corpus,
                                                tmp_path: Path) -> None:
    # the hand-written log, with a bad timestamp in a trace (found at the same file:line);
    # a synthetic one past libxml2's line 65,535; two traces of one case in two blocks (the
    # shuffle joins them); an ill-formed file (the same error as on one machine)
    text = (DATA / "log.xes").read_text(encoding="utf-8")
    broken = tmp_path / "broken.xes"
    broken.write_text(text.replace('value="2019-03-27T11:08:00+06:00"', 'value="yesterday"', 1),
                      encoding="utf-8")
    twice = tmp_path / "twice.xes"
    twice.write_text(text.replace("s-17-open", "s-11-no-receipt", 1), encoding="utf-8")
    synthetic = write(tmp_path, "xes", cases=1_500)
    logs = [(DATA / "log.xes", mapping, 1_000), (broken, mapping, 1_000),
            (twice, mapping, 1_000), (synthetic.log, load_audit_map(synthetic.mapping, corpus),
                                      200_000)]
    for path, used, block_bytes in logs:
        context = context_for(used, path)
        single = audit_log(path, context, "xes")
        spread = audit_on_dask(client, [path], context, block_bytes=block_bytes)
        assert _json(spread, used, path, "line") == _json(single, used, path, "line"), path
    assert [(f.line, f.column) for f in spread.rows] == [(f.line, f.column) for f in single.rows]
    bad = audit_on_dask(client, [broken], context_for(mapping, broken), block_bytes=1_000)
    assert [(f.path, f.line, f.column) for f in bad.rows if f.column == "timestamp"] == \
        [(str(broken), 36, "timestamp")]  # the <event> of the bad timestamp
    ill = tmp_path / "ill.xes"
    ill.write_text(text.replace('value="head-1"', 'value="<trace>"', 1), encoding="utf-8")
    with pytest.raises(LogError) as one:
        audit_log(ill, context_for(mapping, ill), "xes")
    with pytest.raises(LogError) as spread_error:
        audit_on_dask(client, [ill], context_for(mapping, ill), block_bytes=1_000)
    assert str(spread_error.value) == str(one.value)


@pytest.mark.parametrize(("name", "message"), [
    ("log.xes.gz", "--dask cannot cut a compressed XES log into blocks: {log} (hint: "
                   "decompress it, gunzip -k LOG.xes.gz, and audit the .xes;"),
    ("log.jsonocel", "--dask cannot cut an OCEL log into blocks: {log} (hint: convert it to "
                     "Parquet or CSV, a row per event,"),
])
def test_dask_refuses_a_log_it_cannot_read_in_blocks(tmp_path: Path, name: str,
                                                     message: str) -> None:
    log = tmp_path / name
    source = (DATA / "log.xes").read_bytes()
    log.write_bytes(gzip.compress(source) if name.endswith(".gz") else
                    (DATA / "log.jsonocel").read_bytes())
    err = io.StringIO()
    code = run_audit(str(log), specs=str(SPECS), mapping=str(MAP), fmt="json",
                     out=None, langs="kk,ru", worst=10, partitions=0, log_format_name=None,
                     stdout=io.StringIO(), err=err, dask="local:1")
    assert code == 2
    assert err.getvalue().startswith("reglament audit: " + message.format(log=log))
    assert "Traceback" not in err.getvalue()


@pytest.mark.parametrize(("value", "expected"), [
    ("local", DaskTarget(workers=os.cpu_count() or 1)),
    ("local:3", DaskTarget(workers=3)),
    ("tcp://10.0.0.5:8786", DaskTarget(address="tcp://10.0.0.5:8786")),
    ("scheduler:8786", DaskTarget(address="scheduler:8786")),
])
def test_the_dask_option_names_a_local_cluster_or_an_address(value: str,
                                                              expected: DaskTarget) -> None:
    assert parse_dask_target(value) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("local:0", "--dask local:0: a local cluster needs at least 1 worker"),
    ("cluster", "--dask 'cluster': expected local, local:N (N workers on this machine) or a "
                "scheduler's address like tcp://scheduler:8786"),
    ("tcp://scheduler", "--dask 'tcp://scheduler': expected local"),
])
def test_a_malformed_dask_option_is_a_sentence(value: str, message: str) -> None:
    with pytest.raises(DaskError) as raised:
        parse_dask_target(value)
    assert str(raised.value).startswith(message)


def test_a_scheduler_that_does_not_answer_is_a_sentence() -> None:
    with socket.socket() as unused:  # a port nothing listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    with pytest.raises(DaskError) as raised, dask_client(DaskTarget(address=address),
                                                         timeout_s=1):
        pass
    assert str(raised.value).startswith(f"--dask {address}: no Dask scheduler answers there "
                                        "within 1 s (")
    assert "hint: start one with `dask scheduler`" in str(raised.value)


def test_without_dask_installed_the_option_is_a_sentence(tmp_path: Path) -> None:
    # distributed made unimportable in a fresh interpreter, as where it is not installed
    code = ("import sys; sys.modules['distributed'] = None\n"
            "from cli import run; run()\n")
    done = subprocess.run([sys.executable, "-c", code, "audit", str(DATA / "log.csv"), "--specs",
                           str(SPECS), "--map", str(MAP), "--dask", "local:2"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("reglament audit: --dask needs dask[dataframe] and "
                                  "distributed, which do not import here (")
    assert "hint: pip install 'reglament[dask]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_synthetic_parquet_log_has_the_same_bytes_after_a_cluster_ran(
        client: Any, tmp_path: Path) -> None:
    # defect: handed Arrow dictionary arrays, Parquet's writer fell back to plain pages whose
    # bytes varied between two runs in one process once a cluster had run; the writer now
    # hands it strings (the last test of the module, after the cluster's work)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one, two = (write(tmp_path / name, "parquet", cases=300) for name in "ab")
    assert one.log.read_bytes() == two.log.read_bytes()
