"""The event table every reader makes: one row per event, the same columns from any format.

`EVENT_SCHEMA`: `case_id`, `activity`, `timestamp` (UTC, microseconds), `resource`,
`service`, `channel`, `outcome`, `ground` (strings; empty is null) and `line`, where the
row stands in its file (the CSV line, the XES line, the Parquet row, the OCEL event) so that
a finding about it is located. A value a reader cannot take (a timestamp that is not one, an
empty case id) is a `LogFinding` located at its row, and the row is left out; a log that cannot
be read at all (no such file, a column missing) raises `LogError`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["EVENT_SCHEMA", "STRING_COLUMNS", "LogError", "LogFinding", "event_batch",
           "parse_timestamps"]

#: The columns besides `timestamp` and `line`, all strings.
STRING_COLUMNS = ("case_id", "activity", "resource", "service", "channel", "outcome", "ground")
EVENT_SCHEMA = pa.schema([
    ("case_id", pa.string()), ("activity", pa.string()),
    ("timestamp", pa.timestamp("us", tz="UTC")), ("resource", pa.string()),
    ("service", pa.string()), ("channel", pa.string()), ("outcome", pa.string()),
    ("ground", pa.string()), ("line", pa.int64()),
])
_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")
_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$")


class LogError(Exception):
    """A log that cannot be read at all: its path, where, what was expected and a hint."""


@dataclass(frozen=True, order=True)
class LogFinding:
    """A row of a log the audit could not take, or a case it found wrong, located in the file:
    `log.csv:14: timestamp: expected ... (hint: ...)`. `line` is 0 for a finding about the
    whole log; `unit` words what `line` counts (`line`, `row`, `event`)."""

    path: str
    line: int
    column: str
    message: str
    unit: str = "line"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.unit == "line" else \
            f"{self.path}: {self.unit} {self.line}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


def _blank_to_null(array: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(array.type):  # trimmed once per distinct value, not per row
        return pc.take(_blank_to_null(array.dictionary), array.indices)
    array = pc.utf8_trim_whitespace(array.cast(pa.string()))
    return pc.if_else(pc.equal(array, ""), pa.scalar(None, pa.string()), array)


def parse_timestamps(values: pa.Array, zone: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """ISO 8601 strings as UTC microseconds, and which of them were timestamps at all.

    A string with its UTC offset (`2019-03-20T17:00:00+06:00`, `...Z`) is that instant; one
    without is a local time in `zone`. Arrow parses the whole batch at once; only a batch with
    a bad value is parsed value by value, to find which.
    """
    text = pc.utf8_trim_whitespace(values.cast(pa.string()))
    n = len(text)
    micros = np.zeros(n, dtype=np.int64)
    ok = np.zeros(n, dtype=bool)
    shaped = pc.fill_null(pc.match_substring_regex(text, _SHAPE.pattern), False)
    aware = pc.and_(shaped, pc.fill_null(pc.match_substring_regex(text, _OFFSET.pattern), False))
    naive = pc.and_(shaped, pc.invert(aware))
    for mask, local in ((aware, False), (naive, True)):
        rows = np.flatnonzero(np.asarray(mask))
        if rows.size == 0:
            continue
        chosen = text.filter(mask)
        try:
            parsed = _cast(chosen, zone if local else None)
        except (pa.ArrowInvalid, ValueError):
            parsed = pa.array([_one(v, zone if local else None) for v in chosen.to_pylist()],
                              pa.timestamp("us", tz="UTC"))
        valid = np.asarray(parsed.is_valid())
        micros[rows] = np.asarray(parsed.cast(pa.int64()).fill_null(0))
        ok[rows] = valid
    return micros, ok


def _cast(values: pa.Array, zone: str | None) -> pa.Array:
    if zone is None:
        return values.cast(pa.timestamp("us", tz="UTC"))
    naive = values.cast(pa.timestamp("us"))
    return pc.assume_timezone(naive, zone, ambiguous="earliest", nonexistent="earliest")


def _one(value: str, zone: str | None) -> dt.datetime | None:
    try:
        return _cast(pa.array([value]), zone)[0].as_py()  # type: ignore[no-any-return]
    except (pa.ArrowInvalid, ValueError):
        return None


def event_batch(columns: dict[str, pa.Array], lines: npt.NDArray[np.int64], zone: str,
                path: str, unit: str = "line") -> tuple[pa.RecordBatch, list[LogFinding]]:
    """An `EVENT_SCHEMA` batch from a reader's columns (strings, or timestamps already), and
    the findings of the rows left out: no case id, no activity, no timestamp or a bad one.

    `columns` holds each role of `STRING_COLUMNS` and `timestamp` a reader found (a missing
    optional column is all null); `lines` says where each row stands.
    """
    n = len(lines)
    strings = {name: _blank_to_null(columns[name]) if name in columns else pa.nulls(n, pa.string())
               for name in STRING_COLUMNS}
    stamp = columns["timestamp"]
    if pa.types.is_timestamp(stamp.type):
        if stamp.type.tz is None:
            stamp = pc.assume_timezone(stamp, zone, ambiguous="earliest", nonexistent="earliest")
        stamp = stamp.cast(pa.timestamp("us", tz="UTC"))
        ok = np.asarray(stamp.is_valid())
        micros = np.asarray(stamp.cast(pa.int64()).fill_null(0))
    else:
        micros, ok = parse_timestamps(stamp, zone)
    findings = []
    raw = stamp.cast(pa.string()).to_pylist() if not ok.all() else []
    for row in np.flatnonzero(~ok).tolist():
        shown = raw[row]
        findings.append(LogFinding(path, int(lines[row]), "timestamp",
                                   "expected an ISO 8601 instant like 2019-03-20T17:00:00+06:00, "
                                   f"got {_show(shown)} (hint: the moment the action was "
                                   "completed, with its UTC offset or in the mapping's timezone)",
                                   unit))
    for name in ("case_id", "activity"):
        empty = np.asarray(strings[name].is_null())
        for row in np.flatnonzero(empty & ok).tolist():
            findings.append(LogFinding(path, int(lines[row]), name, f"expected the {_ROLE[name]}, "
                                       "got nothing (hint: every event names its case and its "
                                       "activity)", unit))
        ok &= ~empty
    keep = pa.array(ok)
    arrays = [strings[name].filter(keep) for name in STRING_COLUMNS[:2]]
    arrays.append(pa.array(micros[ok], pa.int64()).cast(pa.timestamp("us", tz="UTC")))
    arrays += [strings[name].filter(keep) for name in STRING_COLUMNS[2:]]
    arrays.append(pa.array(lines[ok], pa.int64()))
    return pa.RecordBatch.from_arrays(arrays, schema=EVENT_SCHEMA), findings


_ROLE = {"case_id": "case id", "activity": "activity's name"}


def _show(value: object) -> str:
    if value is None:
        return "nothing"
    text = str(value)
    return f'"{text}"' if len(text) <= 60 else f'"{text[:57]}..."'

