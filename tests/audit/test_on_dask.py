"""The audit's partitions on a real Dask cluster: two local worker processes, started once for
this module; every partition holds whole cases, in the order they were read, whatever file or
block their events came from; and the errors of `--dask` are sentences, not tracebacks."""

from __future__ import annotations

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

from engine.audit.dask_cluster import DaskError, DaskTarget, dask_client, parse_dask_target
from engine.audit.on_dask import map_whole_cases

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with dask_client(DaskTarget(workers=2)) as started:
        yield started


def walks(table: pa.Table, context: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Each case of a partition: its (activity, timestamp) in the partition's order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for case, activity, stamp in zip(table[context["case"]].to_pylist(),
                                     table["activity"].to_pylist(),
                                     table["timestamp"].to_pylist(), strict=True):
        found.setdefault(case, []).append((activity, str(stamp)))
    return found


def schema_of(table: pa.Table, context: dict[str, str]) -> pa.Schema:
    return table.schema


def _log(cases: int = 300) -> pa.Table:
    """Events of `cases` cases interleaved in time (case k's i-th event is row i*cases + k)."""
    rows = [(f"case-{k:04d}", f"step-{i}", f"2024-03-{1 + i:02d}T{9 + k % 8:02d}:00:00+05:00")
            for i in range(4) for k in range(cases) if i <= k % 4]
    return pa.table({"case_id": [r[0] for r in rows], "activity": [r[1] for r in rows],
                     "timestamp": [r[2] for r in rows], "note": ["x"] * len(rows)})


def _read_whole(table: pa.Table) -> dict[str, list[tuple[str, str]]]:
    return walks(table, {"case": "case_id"})


def _merged(parts: list[dict[str, list[tuple[str, str]]]]) -> dict[str, list[tuple[str, str]]]:
    merged: dict[str, list[tuple[str, str]]] = {}
    for part in parts:
        assert not set(part) & set(merged), "a case was split between two partitions"
        merged.update(part)
    return merged


def test_csv_files_and_blocks_are_audited_by_whole_cases(client: Any, tmp_path: Path) -> None:
    log = _log()
    thirds = [log.slice(0, 200), log.slice(200, 200), log.slice(400)]
    for number, part in enumerate(thirds):
        pacsv.write_csv(part, tmp_path / f"log-{number}.csv")
    parts = map_whole_cases(client, [tmp_path], "case_id", walks, {"case": "case_id"},
                            csv_blocksize=4_000)
    assert len(parts) > len(thirds)  # the files were read in several blocks each
    assert _merged(parts) == _read_whole(log)  # every case whole, its events in file order
    assert any(len(events) == 4 for events in _merged(parts).values())


def test_parquet_row_groups_keep_their_schema(client: Any, tmp_path: Path) -> None:
    log = _log().set_column(2, "timestamp", pa.array(
        [s.replace("+05:00", "") for s in _log()["timestamp"].to_pylist()]).cast(
        pa.timestamp("us")).cast(pa.timestamp("us", tz="Asia/Almaty")))
    pq.write_table(log.slice(0, 350), tmp_path / "a.parquet", row_group_size=100)
    pq.write_table(log.slice(350), tmp_path / "b.parquet", row_group_size=100)
    parts = map_whole_cases(client, sorted(tmp_path.glob("*.parquet")), "case_id", walks,
                            {"case": "case_id"}, partitions=3)
    assert len(parts) == 3
    assert _merged(parts) == _read_whole(log)
    schemas = map_whole_cases(client, [tmp_path], "case_id", schema_of, {})
    assert {str(s) for s in schemas} == {str(log.schema)}


def test_a_log_dask_cannot_read_is_a_sentence(client: Any, tmp_path: Path) -> None:
    (tmp_path / "log.xes").write_text("<log/>", encoding="utf-8")
    with pytest.raises(DaskError, match=r"--dask reads CSV or Parquet logs, got .*log\.xes "
                                        r"\(hint: audit XES and OCEL logs on one machine"):
        map_whole_cases(client, [tmp_path / "log.xes"], "case_id", walks, {})
    pacsv.write_csv(_log(10), tmp_path / "log.csv")
    with pytest.raises(DaskError, match=r"log\.csv: the log has no column 'case' \(its columns: "
                                        r"case_id, activity, timestamp, note\)"):
        map_whole_cases(client, [tmp_path / "log.csv"], "case", walks, {})
    with pytest.raises(DaskError, match=r"missing\.csv: no such file or directory"):
        map_whole_cases(client, [tmp_path / "missing.csv"], "case_id", walks, {})


@pytest.mark.parametrize(("value", "expected"), [
    ("local", DaskTarget(workers=__import__("os").cpu_count() or 1)),
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


def test_without_dask_installed_the_option_is_a_sentence() -> None:
    # distributed made unimportable in a fresh interpreter, as where it is not installed
    code = ("import sys; sys.modules['distributed'] = None\n"
            "from engine.audit.dask_cluster import DaskTarget, DaskError, dask_client\n"
            "try:\n    dask_client(DaskTarget(workers=1)).__enter__()\n"
            "except DaskError as error:\n    print(error)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={"PYTHONPATH": str(ROOT),
                                                      "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("--dask needs dask[dataframe] and distributed, which do not "
                                  "import here (")
    assert done.stdout.rstrip().endswith("hint: pip install 'reglament[dask]' (dask and "
                                         "distributed of one version)")
