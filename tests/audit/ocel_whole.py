"""The OCEL 2.0 reader as it was before it streamed (commit 68dabec): `json.load` of the whole
document. The reference the streaming reader (`engine.audit.read_ocel`) must match, row for row
and finding for finding, and the contrast of its memory test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from engine.audit.events import LogError, LogFinding, event_batch

__all__ = ["read_ocel_whole"]

CASE_TYPE = "case"
_NAMES = ("case_id", "activity", "timestamp", "resource", "service", "channel", "outcome",
          "ground")


def _attributes(item: dict[str, Any]) -> dict[str, str]:
    """An object's or event's attributes by name (the last value of an object's attribute)."""
    found = {}
    for attribute in item.get("attributes") or ():
        if isinstance(attribute, dict) and isinstance(attribute.get("name"), str) \
                and attribute.get("value") is not None:
            found[attribute["name"]] = str(attribute["value"])
    return found


def read_ocel_whole(path: str | Path, zone: str, findings: list[LogFinding],
              batch_rows: int = 65_536) -> Iterator[pa.RecordBatch]:
    """The events of an OCEL 2.0 JSON file that relate to a `case` object, batch by batch,
    from the document read whole."""
    name = str(path)
    try:
        with open(name, encoding="utf-8") as file:
            document = json.load(file)
    except OSError as error:
        raise LogError(f"{name}: cannot read the log: {error.strerror or error}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        where = f"{error.lineno}:{error.colno}" if isinstance(error, json.JSONDecodeError) else "1"
        raise LogError(f"{name}:{where}: cannot read the log as OCEL 2.0 JSON: {error} (hint: "
                       "the OCEL 2.0 JSON format, ocel-standard.org)") from None
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise LogError(f'{name}: expected an OCEL 2.0 JSON object with "objects" and "events" '
                       "(hint: the OCEL 2.0 JSON format, ocel-standard.org)")
    cases = {str(o["id"]): _attributes(o) for o in document.get("objects") or ()
             if isinstance(o, dict) and o.get("type") == CASE_TYPE and "id" in o}
    rows: dict[str, list[str | None]] = {n: [] for n in _NAMES}
    lines: list[int] = []
    for number, event in enumerate(document["events"], start=1):
        if not isinstance(event, dict):
            findings.append(LogFinding(name, number, "", "expected an event object", "event"))
            continue
        case = next((str(r.get("objectId")) for r in event.get("relationships") or ()
                     if isinstance(r, dict) and str(r.get("objectId")) in cases), None)
        if case is None:
            findings.append(LogFinding(name, number, "relationships",
                                       f'expected a relationship to an object of type "{CASE_TYPE}" '
                                       "(hint: each event relates to the case it belongs to)",
                                       "event"))
            continue
        own = _attributes(event)
        values = {"case_id": case, "activity": event.get("type"), "timestamp": event.get("time"),
                  "resource": own.get("resource"), "service": cases[case].get("service"),
                  "channel": cases[case].get("channel"), "outcome": own.get("outcome"),
                  "ground": own.get("ground")}
        for key in _NAMES:
            value = values[key]
            rows[key].append(None if value is None else str(value))
        lines.append(number)
        if len(lines) >= batch_rows:
            yield _batch(rows, lines, zone, name, findings)
            rows, lines = {n: [] for n in _NAMES}, []
    if lines:
        yield _batch(rows, lines, zone, name, findings)


def _batch(rows: dict[str, list[str | None]], lines: list[int], zone: str, name: str,
           findings: list[LogFinding]) -> pa.RecordBatch:
    arrays = {key: pa.array(values, pa.string()) for key, values in rows.items()}
    batch, found = event_batch(arrays, np.array(lines, dtype=np.int64), zone, name, unit="event")
    findings.extend(found)
    return batch
