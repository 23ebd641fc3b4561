"""XES logs (IEEE 1849-2016) streamed with lxml's `iterparse`, as `EVENT_SCHEMA` batches.

A trace is a case: its `concept:name` is the case id, its string attributes `service` and
`channel` name the service and channel. Each event gives its `concept:name` (the activity),
`time:timestamp`, `org:resource`, and the string attributes `outcome` and `ground` when
present. Elements are cleared as soon as they are read, so memory holds one trace at a time
and one batch of rows; a finding about an event is located at its line. Entities are not
resolved and nothing is fetched from the network.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa
from lxml import etree

from engine.audit.events import LogError, LogFinding, event_batch

__all__ = ["BIG_LINE", "parse_xes", "read_xes"]

_EVENT_KEYS = {"concept:name": "activity", "time:timestamp": "timestamp",
               "org:resource": "resource", "outcome": "outcome", "ground": "ground"}
_TRACE_KEYS = {"concept:name": "case_id", "service": "service", "channel": "channel"}
#: The largest line libxml2 keeps in an element (an unsigned short). An element from this
#: line on reports the line where its first text ends (its first child's, else a sibling's),
#: which libxml2 keeps apart: a finding there may name the line after the event's tag. The
#: single machine's lines are libxml2's, and a block of the file must give the same ones.
BIG_LINE = 65_535
_NAMES = ("case_id", "activity", "timestamp", "resource", "service", "channel", "outcome",
          "ground")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _open(name: str) -> IO[bytes]:
    if name.endswith(".gz"):
        return gzip.open(name, "rb")  # type: ignore[return-value]
    return open(name, "rb")


def read_xes(path: str | Path, zone: str, findings: list[LogFinding],
             batch_rows: int = 65_536) -> Iterator[pa.RecordBatch]:
    """The events of an XES file (or `.xes.gz`), batch by batch."""
    name = str(path)
    try:
        source = _open(name)
    except OSError as error:
        raise LogError(f"{name}: cannot read the log: {error.strerror or error}") from None
    with source:
        yield from parse_xes(source, name, zone, findings, batch_rows)


def parse_xes(source: IO[bytes], name: str, zone: str, findings: list[LogFinding],
              batch_rows: int = 65_536, line_shift: int = 0) -> Iterator[pa.RecordBatch]:
    """The events of an XES document read from `source`, batch by batch; `name` is the file
    its rows and errors are located in.

    `line_shift` is added to every line above `BIG_LINE` (a block of a file, parsed after
    padding that numbers it from `BIG_LINE` on: `engine.audit.xes_blocks`); lines up to
    `BIG_LINE` are taken as they are.
    """
    rows: dict[str, list[str | None]] = {n: [] for n in _NAMES}
    lines: list[int] = []
    trace: dict[str, str | None] = {}
    pending: list[tuple[dict[str, str], int]] = []
    parser = etree.iterparse(source, events=("start", "end"), resolve_entities=False,
                             no_network=True, huge_tree=False, remove_comments=True)
    depth = 0
    failure: LogError | None = None
    try:
        for action, element in parser:
            tag = _local(element.tag)
            if action == "start":
                depth += 1
                if tag == "trace":
                    trace, pending = {}, []  # a new case
                continue
            depth -= 1
            if tag == "event":
                line = element.sourceline or 0
                if line_shift and line > BIG_LINE:
                    line += line_shift
                pending.append((_attributes(element, _EVENT_KEYS), line))
                element.clear()
            elif tag == "trace":
                for values, line in pending:
                    for key in _NAMES:
                        rows[key].append(values.get(key, trace.get(key)))
                    lines.append(line)
                element.clear()
                _drop_read(element)
                if len(lines) >= batch_rows:
                    yield _batch(rows, lines, zone, name, findings)
                    rows, lines = {n: [] for n in _NAMES}, []
            elif depth == 2 and element.getparent() is not None \
                    and _local(element.getparent().tag) == "trace":
                role = _TRACE_KEYS.get(str(element.get("key")))
                if role is not None and element.get("value") is not None:
                    trace[role] = str(element.get("value"))
    except etree.XMLSyntaxError as error:
        failure = LogError(f"{name}:{error.lineno or 0}: cannot read the log as XES: {error.msg} "
                           "(hint: an XES file is XML: <log><trace><event>...)")
    except (OSError, EOFError) as error:
        failure = LogError(f"{name}: cannot read the log: {error}")
    if failure is not None:
        # raised here, not in the handler: lxml's error in its context does not pickle, and
        # a Dask worker's LogError would reach the client as a bare Exception
        raise failure
    if lines:
        yield _batch(rows, lines, zone, name, findings)


def _attributes(element: Any, keys: dict[str, str]) -> dict[str, str]:
    found = {}
    for child in element:
        key = keys.get(str(child.get("key")))
        value = child.get("value")
        if key is not None and value is not None:
            found[key] = str(value)
    return found


def _drop_read(element: Any) -> None:
    """Free the traces already read (lxml keeps cleared siblings until they are removed)."""
    parent = element.getparent()
    if parent is None:
        return
    while element.getprevious() is not None:
        del parent[0]


def _batch(rows: dict[str, list[str | None]], lines: list[int], zone: str, name: str,
           findings: list[LogFinding]) -> pa.RecordBatch:
    arrays = {key: pa.array(values, pa.string()) for key, values in rows.items()}
    batch, found = event_batch(arrays, np.array(lines, dtype=np.int64), zone, name)
    findings.extend(found)
    return batch
