"""The spill of a long log into partitions of whole cases, and the memory of reading it: two
defects found measuring 10M and 30M events, each with a test that fails without its fix."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.audit.events import EVENT_SCHEMA
from engine.audit.read_tables import read_parquet
from engine.audit.run import partition_of, read_spilled, spill


def _events(n: int, cases: int, seed: int = 0) -> pa.RecordBatch:
    rng = np.random.default_rng(seed)
    case = rng.integers(0, cases, n)
    return pa.record_batch({
        "case_id": pa.array([f"c{c}" for c in case.tolist()]),
        "activity": pa.array([f"step {k}" for k in rng.integers(0, 5, n).tolist()]),
        "timestamp": pa.array(np.sort(rng.integers(0, 10**12, n)), pa.timestamp("us", tz="UTC")),
        "resource": pa.array(["clerk"] * n), "service": pa.array(["s"] * n),
        "channel": pa.array(["provider"] * n), "outcome": pa.nulls(n, pa.string()),
        "ground": pa.nulls(n, pa.string()), "line": pa.array(np.arange(1, n + 1)),
    }, schema=EVENT_SCHEMA)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 3000), st.integers(1, 9), st.integers(1, 400), st.integers(64, 1 << 16))
def test_spilled_partitions_hold_every_event_once_and_whole_cases(
        tmp_path_factory: object, n: int, partitions: int, cases: int, buffer: int) -> None:
    directory = Path(tmp_path_factory.mktemp("spill"))  # type: ignore[attr-defined]
    batch = _events(n, cases)
    pieces = [batch.slice(start, 500) for start in range(0, n, 500)]
    files = spill(pieces, partitions, directory, buffer_bytes=buffer)
    tables = [read_spilled(file) for file in files]
    assert sum(t.num_rows for t in tables) == n
    together = pa.concat_tables(tables).sort_by("line")
    assert together.equals(pa.Table.from_batches([batch]))
    for index, table in enumerate(tables):  # every event of a case in the case's partition
        assert set(partition_of(table.column("case_id"), partitions).tolist()) <= {index}
        lines = table.column("line").to_pylist()  # in the log's order within a partition
        assert lines == sorted(lines)


def test_a_small_buffer_appends_several_streams_to_a_file(tmp_path: Path) -> None:
    batch = _events(20_000, 50)
    files = spill([batch.slice(s, 1000) for s in range(0, 20_000, 1000)], 2, tmp_path,
                  buffer_bytes=10_000)
    assert read_spilled(files[0]).num_rows + read_spilled(files[1]).num_rows == 20_000
    assert all(file.read_bytes().count(b"ARROW1") == 0 for file in files)  # streams, no footer


def test_reading_a_parquet_log_holds_one_row_group_not_the_file(tmp_path: Path) -> None:
    # defect: `ParquetFile.iter_batches` with pre-buffering (pyarrow's default) kept every
    # row group it had read until the end of the file: 0.33 GB at 30M events, growing with the
    # log; the reader now reads without it
    rng = np.random.default_rng(1)
    n, group = 400_000, 20_000
    table = pa.table({"case": pa.array(rng.integers(0, 10**9, n).astype(str)),
                      "activity": pa.array(rng.integers(0, 10**9, n).astype(str)),
                      "timestamp": pa.array(np.arange(n) * 10**6, pa.timestamp("us", tz="UTC"))})
    log = tmp_path / "log.parquet"
    pq.write_table(table, log, row_group_size=group, compression="none")
    columns = {"case": "case", "activity": "activity", "timestamp": "timestamp"}
    start, peak, seen = pa.total_allocated_bytes(), 0, 0
    for batch in read_parquet(log, columns, "Asia/Almaty", [], batch_rows=group):
        peak = max(peak, pa.total_allocated_bytes() - start)
        seen += batch.num_rows
    assert seen == n
    whole = table.nbytes
    assert peak < whole / 2, (peak, whole)  # 0.3 read without pre-buffering, 1.4 with
