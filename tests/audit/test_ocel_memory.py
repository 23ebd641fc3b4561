"""The streaming OCEL 2.0 reader's memory is bounded by the cases and one batch, not by the
document: reading 200,000 events, Python's and pyarrow's allocations stay well below the
document's size, where the reader that read it whole (`tests.audit.ocel_whole`) held several
times that size. Batches are of 8,192 rows here: one of the default 65,536 rows is itself
about 60 MB of Python strings and Arrow arrays, more than this 50 MB document."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pytest

from engine.audit import LogFinding
from engine.audit.read_ocel import read_ocel
from tests.audit.ocel_whole import read_ocel_whole

EVENTS, CASES, BATCH = 200_000, 20_000, 8_192
Reader = Callable[[str | Path, str, list[LogFinding], int], Iterator[pa.RecordBatch]]


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200,000 events of 20,000 cases, the objects after the events as the synthetic logs
    write them (about 50 MB); beside it `small.jsonocel`, 100 events of 10 cases."""
    folder = tmp_path_factory.mktemp("ocel")
    _write(folder / "small.jsonocel", 100, 10)
    return _write(folder / "big.jsonocel", EVENTS, CASES)


def _write(path: Path, events: int, cases: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write('{"objectTypes": [{"name": "case", "attributes": []}], "events": [')
        for n in range(events):
            event = {"id": f"e{n}", "type": f"Этап {n % 12}",
                     "time": f"2019-{1 + n % 12:02d}-{1 + n % 28:02d}T10:{n % 60:02d}:00+06:00",
                     "attributes": [{"name": "resource", "value": f"clerk-{n % 97}"},
                                    {"name": "outcome", "value": "выдано"}],
                     "relationships": [{"objectId": f"C{n % cases:08d}", "qualifier": "case"}]}
            out.write(("" if n == 0 else ", ") + json.dumps(event, ensure_ascii=False))
        out.write('], "objects": [')
        for n in range(cases):
            case = {"id": f"C{n:08d}", "type": "case", "attributes": [
                {"name": "service", "value": f"Услуга {n % 40}", "time": "2019-01-01T00:00:00Z"},
                {"name": "channel", "value": "ЦОН", "time": "2019-01-01T00:00:00Z"}]}
            out.write(("" if n == 0 else ", ") + json.dumps(case, ensure_ascii=False))
        out.write("]}\n")
    return path


def _peak(reader: Reader, path: Path) -> tuple[int, int]:
    """The rows read, and the most bytes Python (tracemalloc's peak) and pyarrow (its
    allocations at each batch) held together while the batches were read; after a first
    read of the small log, which imports and compiles what any read needs once."""
    list(reader(path.with_name("small.jsonocel"), "Asia/Almaty", [], BATCH))
    arrow_before, arrow_most, rows = pa.total_allocated_bytes(), 0, 0
    tracemalloc.start()
    try:
        for batch in reader(path, "Asia/Almaty", [], BATCH):
            rows += batch.num_rows
            arrow_most = max(arrow_most, pa.total_allocated_bytes() - arrow_before)
        python = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return rows, python + arrow_most


def test_reading_200000_events_holds_far_less_than_the_document(log: Path) -> None:
    size = log.stat().st_size
    rows, held = _peak(read_ocel, log)
    assert rows == EVENTS
    print(f"document {size / 2**20:.0f} MiB, streamed: {held / 2**20:.0f} MiB")
    assert held < size / 4


def test_the_whole_document_reader_would_fail_the_same_bound(log: Path) -> None:
    """The bound above can fail: reading the document whole breaks it several times over."""
    size = log.stat().st_size
    rows, held = _peak(read_ocel_whole, log)
    assert rows == EVENTS
    print(f"document {size / 2**20:.0f} MiB, read whole: {held / 2**20:.0f} MiB")
    assert held > 2 * size
