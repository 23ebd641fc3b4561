"""CSV and Parquet logs read in batches (pyarrow), as `EVENT_SCHEMA` batches.

Neither is ever read whole: pyarrow's streaming CSV reader and `ParquetFile.iter_batches`
give a block at a time, each made an event batch (`engine.audit.events.event_batch`) with its
findings. The mapping's `columns` name the log's columns; the case id, the activity and the
timestamp are required (a log without one of them is a `LogError`), the others may be absent.
A CSV row with too many or too few fields is a finding at its line, and is left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from engine.audit.events import LogError, LogFinding, event_batch

__all__ = ["BATCH_ROWS", "BLOCK_BYTES", "REQUIRED", "read_csv", "read_parquet"]

#: Rows per batch of a Parquet file; bytes per block of a CSV file.
BATCH_ROWS = 65_536
BLOCK_BYTES = 8 << 20
#: The roles a log must have columns for.
REQUIRED = ("case", "activity", "timestamp")
#: The role of a column -> the event table's column.
_TARGET = {"case": "case_id", "activity": "activity", "timestamp": "timestamp",
           "resource": "resource", "service": "service", "channel": "channel",
           "outcome": "outcome", "ground": "ground"}


def _present(path: str, names: list[str], columns: Mapping[str, str]) -> dict[str, str]:
    """The log's column of each role it has; a `LogError` when a required one is missing."""
    found = {role: column for role, column in columns.items() if column in names}
    missing = [role for role in REQUIRED if role not in found]
    if missing:
        role = missing[0]
        shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
        raise LogError(f'{path}:1: missing column "{columns[role]}" (the {role} of each event) '
                       f"(hint: the log's columns are {shown or 'none'}; name the one that holds "
                       f"it in the mapping's `columns: {{{role}: ...}}`)")
    return found


def read_csv(path: str | Path, columns: Mapping[str, str], zone: str,
             findings: list[LogFinding], block_bytes: int = BLOCK_BYTES) -> Iterator[pa.RecordBatch]:
    """The events of a CSV log (a header line, then one event per line), block by block;
    what cannot be taken is appended to `findings`.

    The file is cut into blocks of whole lines (a value holding a line break is not read as
    one: pyarrow's own rule), each parsed with the header line before it, so that a bad row's
    line is known exactly (the streaming reader does not tell it).
    """
    name = str(path)
    try:
        file = open(name, "rb")  # noqa: SIM115 - closed below, read block by block
    except OSError as error:
        raise LogError(f"{name}: cannot read the log: {_reason(error)}") from None
    with file:
        head = file.readline(1 << 16)
        header = _header(head)
        found = _present(name, header, columns)
        first_line = 2
        rest = b""
        while True:
            block = file.read(block_bytes)
            data = rest + block
            if not block:
                cut = len(data)
            else:
                cut = data.rfind(b"\n") + 1
                if cut == 0:
                    rest = data
                    continue
            body, rest = data[:cut], data[cut:]
            if body.strip():
                yield from _csv_block(name, head, body, first_line, header, found, zone, findings)
            first_line += body.count(b"\n")
            if not block:
                return


def _csv_block(name: str, head: bytes, body: bytes, first_line: int, header: list[str],
               found: dict[str, str], zone: str,
               findings: list[LogFinding]) -> Iterator[pa.RecordBatch]:
    skipped: list[int] = []

    def invalid(row: pacsv.InvalidRow) -> str:
        number = row.number or 0
        skipped.append(number)
        findings.append(LogFinding(name, first_line + number - 2, "",
                                   f"expected {row.expected_columns} fields, got "
                                   f"{row.actual_columns} (hint: quote a value that holds a comma)"))
        return "skip"

    try:
        table = pacsv.read_csv(
            io.BytesIO((head if head.endswith(b"\n") else head + b"\n") + body),
            read_options=pacsv.ReadOptions(use_threads=False, block_size=len(body) + len(head) + 1),
            parse_options=pacsv.ParseOptions(invalid_row_handler=invalid),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in header}, include_columns=list(found.values()),
                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise LogError(f"{name}:{first_line}: cannot read the log as CSV: {_reason(error)} "
                       "(hint: a CSV file in UTF-8 with a header line)") from None
    # rows of the block are numbered from 2 (its header is row 1): line = first_line + row - 2
    rows = np.arange(table.num_rows, dtype=np.int64) + 2
    for row in sorted(skipped):
        rows[rows >= row] += 1
    lines = rows + first_line - 2
    for batch in table.to_batches():
        part = lines[:batch.num_rows]
        lines = lines[batch.num_rows:]
        arrays = {_TARGET[role]: batch.column(column) for role, column in found.items()}
        events, found_rows = event_batch(arrays, part, zone, name)
        findings.extend(found_rows)
        yield events


def _names_and_codes(name: str, columns: Mapping[str, str]) -> list[str]:
    """The string columns of a Parquet log but the case id and the timestamp: read as dictionaries
    (a log's activities, services, channels and people are few; trimming and checking them
    once per distinct value, not per row, was a tenth of the audit's time)."""
    try:
        schema = pq.read_schema(name)
    except (OSError, pa.ArrowException):
        return []  # the reader says what is wrong with it
    skip = {columns.get("case"), columns.get("timestamp")}
    return [field.name for field in schema if field.name not in skip and (
            pa.types.is_string(field.type) or pa.types.is_large_string(field.type)
            or (pa.types.is_dictionary(field.type) and pa.types.is_string(field.type.value_type)))]


def read_parquet(path: str | Path, columns: Mapping[str, str], zone: str,
                 findings: list[LogFinding], batch_rows: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
    """The events of a Parquet log, batch by batch (located by row: the first row is 1)."""
    name = str(path)
    try:
        # without pre-buffering: with it, the reader kept every row group it had read
        # until the file was done (31 MB a row group: 0.33 GB for 30M events, growing)
        source = pq.ParquetFile(name, pre_buffer=False, read_dictionary=_names_and_codes(name, columns))
    except (OSError, pa.ArrowInvalid) as error:
        raise LogError(f"{name}: cannot read the log as Parquet: {_reason(error)} (hint: give "
                       "--log-format for a file whose extension says another format)") from None
    found = _present(name, source.schema_arrow.names, columns)
    done = 0
    for batch in source.iter_batches(batch_size=batch_rows, columns=list(found.values())):
        lines = np.arange(done + 1, done + 1 + batch.num_rows, dtype=np.int64)
        done += batch.num_rows
        arrays = {_TARGET[role]: batch.column(column) for role, column in found.items()}
        if not pa.types.is_timestamp(arrays["timestamp"].type):
            arrays["timestamp"] = arrays["timestamp"].cast(pa.string())
        table, found_rows = event_batch(arrays, lines, zone, name, unit="row")
        findings.extend(found_rows)
        yield table


def _header(head: bytes) -> list[str]:
    """The column names of a CSV file: its first line."""
    first = head.decode("utf-8-sig", errors="replace").rstrip("\r\n")
    return next(csv.reader([first]), [])


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:200]
