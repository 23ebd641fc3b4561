"""The single-machine audit of a whole log: read in batches, partitioned by case, audited
partition by partition, merged.

A small log (up to `EVENTS_PER_PARTITION` events, counted from a Parquet file's metadata or
estimated from the size of other formats) is audited as one partition in memory. A larger one
(or any, with `partitions` > 1) is spilled as it is read: each batch's events go to one of N Parquet files
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
import pyarrow.parquet as pq

from engine.audit.case_columns import codes
from engine.audit.context import AuditContext
from engine.audit.events import EVENT_SCHEMA, LogFinding
from engine.audit.logs import read_log
from engine.audit.part import AuditPart, merge_parts
from engine.audit.partition import audit_partition
from engine.support.forking import fork_map, usable_cores

__all__ = ["BYTES_PER_EVENT", "EVENTS_PER_PARTITION", "IN_MEMORY_BYTES", "PARTITION_BYTES", "audit_log",
           "partition_of", "spill"]

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


def partition_of(case_ids: pa.Array | pa.ChunkedArray, partitions: int) -> np.ndarray:
    """The partition of each event by its case id: CRC-32 of the id's UTF-8, modulo N."""
    code, names = codes(case_ids)
    table = np.array([zlib.crc32(str(n).encode("utf-8")) % partitions for n in names],
                     dtype=np.int64)
    return table[code] if len(names) else np.zeros(len(code), dtype=np.int64)


def spill(batches: Iterable[pa.RecordBatch], partitions: int, directory: Path) -> list[Path]:
    """Write the events to `partitions` Parquet files of whole cases in `directory`."""
    paths = [directory / f"part-{i:04d}.parquet" for i in range(partitions)]
    writers = [pq.ParquetWriter(p, EVENT_SCHEMA) for p in paths]
    try:
        for batch in batches:
            which = partition_of(batch.column("case_id"), partitions)
            for part in np.unique(which).tolist():
                writers[part].write_batch(batch.filter(pa.array(which == part)))
    finally:
        for writer in writers:
            writer.close()
    return paths


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
    return _kept(audit_partition(pq.read_table(file), context), bool(keep))


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
