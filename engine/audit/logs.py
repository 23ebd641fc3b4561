"""Which reader a log takes, by its extension or as told, and the log read as batches.

`.csv` is CSV, `.parquet` (`.pq`) Parquet, `.xes` and `.xes.gz` XES, `.jsonocel` and
`.json` OCEL 2.0 JSON; `--log-format` says it for any other name. Each format locates its
rows in its own unit (`UNITS`): a CSV or XES line, a Parquet row, an OCEL event.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from engine.audit.events import LogError, LogFinding
from engine.audit.mapping import AuditMap
from engine.audit.read_ocel import read_ocel
from engine.audit.read_tables import read_csv, read_parquet
from engine.audit.read_xes import read_xes

__all__ = ["FORMATS", "UNITS", "log_format", "read_log"]

FORMATS = ("csv", "parquet", "xes", "ocel")
#: What the location of a row of each format counts.
UNITS = {"csv": "line", "parquet": "row", "xes": "line", "ocel": "event"}
_SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".xes": "xes",
             ".xes.gz": "xes", ".jsonocel": "ocel", ".json": "ocel"}


def log_format(path: str | Path, given: str | None = None) -> str:
    """The format of a log: `given`, else by the file's extension.

    Raises:
        LogError: for an unknown format or extension.
    """
    if given is not None:
        if given not in FORMATS:
            raise LogError(f'unknown log format "{given}" (hint: one of {", ".join(FORMATS)})')
        return given
    name = str(path).lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIXES[suffix]
    raise LogError(f"{path}: cannot tell the log's format from its name (hint: name it .csv, "
                   ".parquet, .xes, .xes.gz or .jsonocel, or give --log-format "
                   f"{'|'.join(FORMATS)})")


def read_log(path: str | Path, mapping: AuditMap, zone: str, findings: list[LogFinding],
             fmt: str) -> Iterator[pa.RecordBatch]:
    """The events of a log as `EVENT_SCHEMA` batches; what cannot be taken goes to `findings`.

    Raises:
        LogError: a log that cannot be read at all.
    """
    if not Path(path).is_file():
        raise LogError(f"{path}: no such log file")
    if fmt == "csv":
        return read_csv(path, mapping.columns, zone, findings)
    if fmt == "parquet":
        return read_parquet(path, mapping.columns, zone, findings)
    if fmt == "xes":
        return read_xes(path, zone, findings)
    return read_ocel(path, zone, findings)
