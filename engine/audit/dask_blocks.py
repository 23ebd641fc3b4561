"""A CSV, Parquet or XES log cut into blocks that Dask's workers read on their own, each into the
same event rows (`EVENT_SCHEMA`, `line` included) and row findings as the single machine's
readers (`engine.audit.read_tables`) make of the whole file.

The client plans the blocks: a Parquet file's row groups (with the rows before each, so that a
row is numbered as in the whole file), a CSV file's runs of about `block_bytes` cut after a
line break (with the number of the line each starts on: `read_tables` counts lines by their
breaks too), or an XES file's runs of whole traces (`engine.audit.xes_blocks`). A worker
reads its block from the same path (on a cluster, a path every worker sees: a shared file
system) with the readers' own functions. Findings ride along as rows of
their own (an empty case id and `FINDING` set), so that they reach the client with the events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from engine.audit.events import EVENT_SCHEMA, LogError, LogFinding, event_batch
from engine.audit.read_tables import _TARGET, _csv_block, _header, _present
from engine.audit.xes_blocks import XesSpan, plan_xes, read_xes_block

__all__ = ["FINDING", "Block", "findings_of", "plan_blocks", "read_block"]

#: The column of a finding row (its `LogFinding` as JSON; null on an event's row).
FINDING = "__finding"


@dataclass(frozen=True)
class Block:
    """What one task reads: a file's bytes `start`..`stop` (CSV, XES), the first on line
    `first`; or its row group `start` (Parquet), with `first` rows before it. An XES block is
    read after the file's first `head` bytes and followed by `close` (`xes_blocks.XesSpan`)."""

    path: str
    kind: str
    start: int
    stop: int
    first: int
    head: int = 0
    close: str = ""


def plan_blocks(path: Path, kind: str, columns: dict[str, str], block_bytes: int,
                split: bool = True) -> list[Block]:
    """The blocks of a log file, in order; an XES file as one block if not `split`.

    Raises:
        LogError: the file cannot be read, or lacks a column the audit needs.
    """
    name = str(path)
    try:
        if kind == "parquet":
            meta = pq.ParquetFile(name).metadata
            _present(name, pq.read_schema(name).names, columns)
            blocks, done = [], 0
            for group in range(meta.num_row_groups):
                blocks.append(Block(name, kind, group, group + 1, done))
                done += meta.row_group(group).num_rows
            return blocks
        if kind == "xes":
            spans = plan_xes(name, block_bytes) if split else \
                [XesSpan(0, Path(name).stat().st_size, 1)]
            return [Block(name, kind, *span) for span in spans]
        return _csv_blocks(name, columns, block_bytes)
    except (OSError, pa.ArrowInvalid) as error:
        raise LogError(f"{name}: cannot read the log as {kind.upper()}: "
                       f"{str(error).strip().splitlines()[0][:200]}") from None


def _csv_blocks(name: str, columns: dict[str, str], block_bytes: int) -> list[Block]:
    blocks = []
    with open(name, "rb") as file:
        head = file.readline(1 << 16)
        _present(name, _header(head), columns)
        start, line, rest = len(head), 2, b""
        while True:
            chunk = file.read(block_bytes)
            data = rest + chunk
            cut = len(data) if not chunk else data.rfind(b"\n") + 1
            if chunk and cut == 0:  # no line break yet: read on
                rest = data
                continue
            body, rest = data[:cut], data[cut:]
            if body.strip():
                blocks.append(Block(name, "csv", start, start + len(body), line))
            start += len(body)
            line += body.count(b"\n")
            if not chunk:
                return blocks


def read_block(block: Block, columns: dict[str, str], zone: str) -> pa.Table:
    """The block's event rows, then a row per finding (`FINDING` set, an empty case id)."""
    findings: list[LogFinding] = []
    if block.kind == "parquet":
        source = pq.ParquetFile(block.path)
        found = _present(block.path, source.schema_arrow.names, columns)
        data = source.read_row_group(block.start, columns=list(found.values()))
        arrays = {_TARGET[role]: data.column(column).combine_chunks()
                  for role, column in found.items()}
        if not pa.types.is_timestamp(arrays["timestamp"].type):
            arrays["timestamp"] = arrays["timestamp"].cast(pa.string())
        lines = np.arange(block.first + 1, block.first + 1 + data.num_rows, dtype=np.int64)
        events, findings = event_batch(arrays, lines, zone, block.path, unit="row")
        batches = [events]
    elif block.kind == "xes":
        span = XesSpan(block.start, block.stop, block.first, block.head, block.close)
        batches = read_xes_block(block.path, span, zone, findings)
    else:
        with open(block.path, "rb") as file:
            head = file.readline(1 << 16)
            file.seek(block.start)
            body = file.read(block.stop - block.start)
        found = _present(block.path, _header(head), columns)
        batches = list(_csv_block(block.path, head, body, block.first, _header(head), found, zone,
                                  findings))
    table = pa.Table.from_batches(batches, EVENT_SCHEMA) if batches else EVENT_SCHEMA.empty_table()
    table = table.append_column(FINDING, pa.nulls(table.num_rows, pa.string()))
    if not findings:
        return table
    rows: dict[str, Any] = {name: [None] * len(findings) for name in EVENT_SCHEMA.names}
    rows["case_id"] = [""] * len(findings)
    rows["line"] = [f.line for f in findings]
    rows[FINDING] = [json.dumps([f.path, f.line, f.column, f.message, f.unit], ensure_ascii=False)
                     for f in findings]
    return pa.concat_tables([table, pa.table(rows, schema=table.schema)])


def findings_of(table: pa.Table) -> tuple[pa.Table, list[LogFinding]]:
    """A partition's event rows (`EVENT_SCHEMA`) and the findings of its finding rows."""
    marked = table.column(FINDING)
    if marked.null_count == table.num_rows:
        return table.drop_columns([FINDING]).cast(EVENT_SCHEMA), []
    is_event = marked.is_null()
    findings = [LogFinding(*json.loads(text)) for text in
                table.filter(marked.is_valid()).column(FINDING).to_pylist()]
    return table.filter(is_event).drop_columns([FINDING]).cast(EVENT_SCHEMA), findings
