"""The single-machine audit of a whole log: read in batches, partitioned by case, audited
partition by partition, merged.

A small log (up to `EVENTS_PER_PARTITION` events, counted from a Parquet file's metadata or
estimated from the size of other formats) is audited as one partition in memory. A larger one
(or any, with `partitions` > 1) is spilled as it is read: each batch's events go to one of N files (Arrow IPC streams)
in a temporary directory by a hash of their case id (CRC-32, the same in every process), so
every file holds whole cases; then each file is read back and audited alone. Memory is
bounded by the largest partition and one batch, not by the log. The result is the same for
any number of partitions (`merge_parts` is order-free).
"""

from __future__ import annotations

import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

from engine.audit.case_columns import codes
from engine.audit.context import AuditContext
from engine.audit.events import EVENT_SCHEMA, LogFinding
from engine.audit.logs import read_log
from engine.audit.part import AuditPart, merge_parts
from engine.audit.partition import audit_partition
from engine.audit.uniques import distinct
from engine.support.forking import fork_map, usable_cores

__all__ = ["BYTES_PER_EVENT", "EVENTS_PER_PARTITION", "IN_MEMORY_BYTES", "PARTITION_BYTES", "audit_log",
           "partition_of", "read_spilled", "spill"]

#: Events audited at once, at most, when the number of partitions is not given: the process
#: peaks under a gigabyte (0.87 GB measured for 2M events in 8 partitions, the specs and
#: calendar loaded; 1.35 GB at 500,000 a partition, 3.2 GB for the 2M in one).
EVENTS_PER_PARTITION = 250_000
#: Bytes of a log per event, roughly, by format (to size partitions without reading the log;
#: a Parquet file says how many rows it holds).
BYTES_PER_EVENT = {"csv": 110, "xes": 400, "ocel": 300}
#: The old names of the sizes, kept for callers: a log of up to this many bytes of CSV is one
#: partition; partitions of spilled CSV hold about this many bytes.
IN_MEMORY_BYTES = EVENTS_PER_PARTITION * BYTES_PER_EVENT["csv"]
PARTITION_BYTES = IN_MEMORY_BYTES
#: Bytes of events held by `spill` before they are written out, all partitions together
#: (about 140,000 events of the synthetic logs; 64 MiB spilled 10M events faster than 128 or
#: 512 MiB did, the caches being warmer).
SPILL_BUFFER_BYTES = 64 << 20
_IPC_OPTIONS = ipc.IpcWriteOptions(compression="lz4")


def partition_of(case_ids: pa.Array | pa.ChunkedArray, partitions: int) -> np.ndarray:
    """The partition of each event by its case id: CRC-32 of the id's UTF-8, modulo N."""
    code, names = codes(case_ids)
    table = np.array([zlib.crc32(str(n).encode("utf-8")) % partitions for n in names],
                     dtype=np.int64)
    return table[code] if len(names) else np.zeros(len(code), dtype=np.int64)


def spill(batches: Iterable[pa.RecordBatch], partitions: int, directory: Path,
          buffer_bytes: int = SPILL_BUFFER_BYTES) -> list[Path]:
    """Write the events to `partitions` files of whole cases in `directory`.

    Events are buffered per partition up to `buffer_bytes` in all, then each partition's buffer
    is appended to its file as one LZ4-compressed Arrow IPC stream (no file is held open, and
    nothing about what was written stays in memory): the spill's memory is bounded by the
    buffer and one batch, however long the log. (One Parquet writer per partition held each
    row group's metadata until it closed: a batch made a row group in every partition, and
    the spill of 30M events grew to 1.2 GB.) `read_spilled` reads a file back.
    """
    paths = [directory / f"part-{i:04d}.arrows" for i in range(partitions)]
    for path in paths:
        path.touch()
    held: list[list[pa.RecordBatch]] = [[] for _ in range(partitions)]
    size = 0
    for batch in batches:
        which = partition_of(batch.column("case_id"), partitions)
        # one stable sort by partition and one take, then a slice per partition: a filter per
        # partition passed over the whole batch once each (121 passes at 30M events)
        order = np.argsort(which, kind="stable")
        grouped = batch.take(pa.array(order))
        bounds = np.concatenate([[0], np.cumsum(np.bincount(which, minlength=partitions))])
        for part in distinct(which).tolist():
            start, stop = int(bounds[part]), int(bounds[part + 1])
            held[part].append(grouped.slice(start, stop - start))
            size += held[part][-1].nbytes
        if size >= buffer_bytes:
            _flush(held, paths)
            size = 0
    _flush(held, paths)
    return paths


def _flush(held: list[list[pa.RecordBatch]], paths: list[Path]) -> None:
    for part, batches in enumerate(held):
        if not batches:
            continue
        with pa.OSFile(str(paths[part]), "ab") as sink, \
                ipc.new_stream(sink, EVENT_SCHEMA, options=_IPC_OPTIONS) as writer:
            writer.write_batch(pa.concat_batches(batches))
        batches.clear()


def read_spilled(path: Path) -> pa.Table:
    """The events of a file `spill` wrote: its streams, one after another."""
    found: list[pa.RecordBatch] = []
    with pa.OSFile(str(path), "rb") as source:
        size = source.size()
        while source.tell() < size:
            found.extend(ipc.open_stream(source))
    return pa.Table.from_batches(found, schema=EVENT_SCHEMA)


def _partitions(path: Path, fmt: str, partitions: int) -> int:
    if partitions > 0:
        return partitions
    if fmt == "parquet":
        try:
            events = int(pq.ParquetFile(path).metadata.num_rows)
        except (OSError, pa.ArrowException):
            events = 0  # the reader says what is wrong with it
    else:
        events = path.stat().st_size // BYTES_PER_EVENT.get(fmt, 110)
    return int(max(1, -(-events // EVENTS_PER_PARTITION)))


#: What the forked workers of `audit_log` audit with (set before they are forked).
_SHARED: dict[str, object] = {}


def _audit_file(file: Path) -> AuditPart:
    context, keep = _SHARED["context"], _SHARED["keep_cases"]
    assert isinstance(context, AuditContext)
    return _kept(audit_partition(read_spilled(file), context), bool(keep))


def audit_log(path: str | Path, context: AuditContext, fmt: str, partitions: int = 0,
              workdir: str | None = None, *, keep_cases: bool = True, jobs: int = 1) -> AuditPart:
    """Audit a whole log on one machine; the part merged from all partitions, with the
    findings of the rows the readers could not take. Without `keep_cases` each partition's
    rows are dropped once audited (the report reads the summary): memory is then bounded by
    one partition per process and the summary, whatever the number of cases. With `jobs`
    (0: one per core) the spilled partitions are audited on that many forked processes
    (`engine.support.forking`), each holding one partition at a time; the result is the same.

    Raises:
        LogError: a log that cannot be read at all.
    """
    findings: list[LogFinding] = []
    batches = read_log(path, context.mapping, context.timezone, findings, fmt)
    count = _partitions(Path(path), fmt, partitions)
    if count == 1:
        table = pa.Table.from_batches(list(batches), schema=EVENT_SCHEMA)
        parts = [_kept(audit_partition(table, context), keep_cases)]
        del table
    else:
        parts = []
        with tempfile.TemporaryDirectory(prefix="reglament-audit-", dir=workdir) as directory:
            files = spill(batches, count, Path(directory))
            context.engine()  # loaded once here, inherited by the forked workers
            _SHARED.update(context=context, keep_cases=keep_cases)
            try:
                # a round of partitions per fork, folded into one part after each: the parts
                # held at once are bounded by a round, not by the log (each part's histograms
                # weigh a few megabytes)
                step = max(2, 4 * (usable_cores() if jobs == 0 else jobs))
                for start in range(0, len(files), step):
                    parts = [*parts, *fork_map(_audit_file, files[start:start + step], jobs,
                                               per_worker=2, chunksize=1)]
                    if not keep_cases:  # with the rows, one merge at the end sorts them once
                        parts = [merge_parts(parts, context.worst, context.row_findings,
                                             keep_cases=False)]
            finally:
                _SHARED.clear()
    merged = merge_parts(parts, context.worst, context.row_findings, keep_cases=keep_cases)
    rows = sorted({*merged.rows, *findings})[:context.row_findings]
    return AuditPart(merged.cases, merged.tallies, merged.findings, merged.worst, tuple(rows),
                     merged.row_count + len(findings), merged.events, merged.summary,
                     merged.minutes)


def _kept(part: AuditPart, keep_cases: bool) -> AuditPart:
    return part if keep_cases else part.without_cases()
