"""The single-machine audit of a whole log: read in batches, partitioned by case, audited
partition by partition, merged.

A small log is audited as one partition in memory. A larger one (or any, with
`partitions` > 1) is spilled as it is read: each batch's events go to one of N Parquet files
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

__all__ = ["IN_MEMORY_BYTES", "PARTITION_BYTES", "audit_log", "partition_of", "spill"]

#: A log up to this size is audited as one partition in memory (when not told otherwise).
IN_MEMORY_BYTES = 256 << 20
#: Bytes of log per partition when a larger log is spilled.
PARTITION_BYTES = 128 << 20


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


def _partitions(path: Path, partitions: int) -> int:
    if partitions > 0:
        return partitions
    size = path.stat().st_size
    return 1 if size <= IN_MEMORY_BYTES else -(-size // PARTITION_BYTES)


def audit_log(path: str | Path, context: AuditContext, fmt: str, partitions: int = 0,
              workdir: str | None = None) -> AuditPart:
    """Audit a whole log on one machine; the part merged from all partitions, with the
    findings of the rows the readers could not take.

    Raises:
        LogError: a log that cannot be read at all.
    """
    findings: list[LogFinding] = []
    batches = read_log(path, context.mapping, context.timezone, findings, fmt)
    count = _partitions(Path(path), partitions)
    if count == 1:
        table = pa.Table.from_batches(list(batches), schema=EVENT_SCHEMA)
        parts = [audit_partition(table, context)]
    else:
        parts = []
        with tempfile.TemporaryDirectory(prefix="reglament-audit-", dir=workdir) as directory:
            for file in spill(batches, count, Path(directory)):
                parts.append(audit_partition(pq.read_table(file), context))
    merged = merge_parts(parts, context.worst, context.row_findings)
    rows = sorted({*merged.rows, *findings})[:context.row_findings]
    return AuditPart(merged.cases, merged.tallies, merged.findings, merged.worst, tuple(rows),
                     merged.row_count + len(findings), merged.events)
