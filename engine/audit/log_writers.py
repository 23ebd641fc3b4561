"""Writing a synthetic log, chunk by chunk: CSV, Parquet, XES or OCEL 2.0 JSON, the truth as
JSON Lines and the mapping file beside it.

No writer holds more than a chunk (`engine.audit.synthetic.CHUNK` cases): CSV is written a
chunk at a time by pyarrow's CSV writer (timestamps as ISO 8601 with the UTC offset in
force, `2019-03-20T17:30:00+06:00`), Parquet one row group per chunk (timestamps
`timestamp[us, tz=UTC]`), XES and OCEL by `engine.audit.xes_writer` and
`engine.audit.ocel_writer`. Each file is written beside its target and renamed into place
when whole, so a failure leaves no half file under the target's name.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from engine.audit.ocel_writer import OcelWriter
from engine.audit.synthetic import Chunk
from engine.audit.synthetic_map import map_text
from engine.audit.synthetic_plan import SyntheticPlan
from engine.audit.synthetic_timing import iso_local
from engine.audit.xes_writer import XesWriter

__all__ = ["FORMATS", "Written", "companion", "csv_table", "write_log"]

#: The formats a log is written in.
FORMATS = ("csv", "parquet", "xes", "ocel")


@dataclass
class Written:
    """What was written: the files, the cases and events, and the truth's lines by kind."""

    log: Path
    truth: Path
    mapping: Path
    cases: int = 0
    events: int = 0
    #: Cases received on the eve of a holiday that run over it, on time.
    holidays: int = 0
    kinds: Counter[str] = field(default_factory=Counter)


def companion(log: Path, suffix: str) -> Path:
    """The file beside a log: `out/log.csv` -> `out/log.truth.jsonl` for ".truth.jsonl"."""
    return log.with_name(log.name.split(".")[0] + suffix) if "." in log.name[1:] \
        else log.with_name(log.name + suffix)


def csv_table(table: pa.Table, timezone: str) -> pa.Table:
    """A chunk with its timestamps as ISO 8601 text with the UTC offset, as CSV holds them."""
    seconds = table.column("timestamp").cast(pa.int64()).to_numpy() // 1_000_000
    text = pa.array(iso_local(seconds.astype(np.int64), timezone), pa.string())
    return table.set_column(table.schema.get_field_index("timestamp"), "timestamp", text)


def write_log(chunks: Iterable[Chunk], fmt: str, log: Path, plan: SyntheticPlan, *,
              timezone: str, map_id: str) -> Written:
    """Write the chunks as a log in `fmt`, the truth and the mapping file beside it.

    Raises:
        ValueError: an unknown format.
        OSError: a file could not be written (nothing is left under the targets' names).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    written = Written(log, companion(log, ".truth.jsonl"), companion(log, ".map.yaml"))
    with _part(written.log) as out, _part(written.truth) as truth:
        sink = _sink(fmt, out, plan, timezone)
        for chunk in chunks:
            sink.write(chunk.table)
            written.events += chunk.table.num_rows
            for line in chunk.truth:
                truth.write(line.encode() + b"\n")
                kind = line[line.index('"kind": "') + 9:].split('"', 1)[0]
                written.kinds[kind] += 1
                if kind == "case" and not line.endswith('"holiday": null}}'):
                    written.holidays += 1
        sink.close()
    written.cases = written.kinds["case"]
    with _part(written.mapping) as mapping:
        mapping.write(map_text(plan, map_id, timezone).encode())
    return written


class _Sink(Protocol):
    """A writer of chunks of events in one format."""

    def write(self, table: pa.Table) -> None:
        """Add a chunk."""

    def close(self) -> None:
        """Finish the file."""


class _Csv:
    def __init__(self, out: BinaryIO, timezone: str) -> None:
        self.out, self.timezone = out, timezone
        self.writer: pacsv.CSVWriter | None = None

    def write(self, table: pa.Table) -> None:
        table = csv_table(table, self.timezone)
        if self.writer is None:
            self.writer = pacsv.CSVWriter(self.out, table.schema, write_options=pacsv.WriteOptions(
                quoting_style="needed"))
        self.writer.write_table(table)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class _Parquet:
    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.writer: pq.ParquetWriter | None = None

    def write(self, table: pa.Table) -> None:
        # the chunk's dictionary columns written as strings (Parquet makes its own dictionary):
        # Arrow's writer, handed the dictionary arrays, fell back to plain pages whose bytes
        # varied from run to run in one process (a test after a Dask cluster caught it)
        table = pa.table({name: column.cast(column.type.value_type)
                          if pa.types.is_dictionary(column.type) else column
                          for name, column in zip(table.column_names, table.columns, strict=True)})
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.out, table.schema)
        self.writer.write_table(table, row_group_size=max(1, table.num_rows))

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def _sink(fmt: str, out: BinaryIO, plan: SyntheticPlan, timezone: str) -> _Sink:
    if fmt == "csv":
        return _Csv(out, timezone)
    if fmt == "parquet":
        return _Parquet(out)
    if fmt == "xes":
        return XesWriter(out, timezone)
    return OcelWriter(out, plan, timezone)


@contextlib.contextmanager
def _part(target: Path) -> Iterator[BinaryIO]:
    """A file written beside `target` and renamed to it when the block ends without error."""
    part = target.with_name(f".{target.name}.part")
    try:
        with open(part, "wb") as out:
            yield out
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
