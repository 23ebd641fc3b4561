"""OCEL 2.0 JSON logs streamed with ijson, as `EVENT_SCHEMA` batches.

The objects of type `case` are the cases (their `id`; their attributes `service` and
`channel`); each event's `type` is the activity, its `time` the timestamp, its relationship
to a case object its case, and its attributes `resource`, `outcome`, `ground` the rest. A
finding about an event is located by its place in `events` (the first is event 1).

The document is never held whole: ijson (its C parser, yajl2_c) gives one object or event at
a time, and the document is read twice, because OCEL 2.0 lets `objects` come after `events`
(the synthetic logs write them so). The first pass keeps only each case object's id with its
`service` and `channel`, and checks the whole document's syntax and shape; the second yields
the events, `BATCH_ROWS` at a time. Memory is bounded by the case objects (their ids and two
values each), never by the events: one event and one batch of rows are held besides.

A document that cannot be read is a `LogError` before any batch, as when it was read whole:
JSON that does not parse (located at the line and column where ijson stopped), a top level
that is not an object, `events` that is not a list, values nested deeper than `MAX_DEPTH`.
As with `json.load`, the last of a key given twice counts, and a number reads as Python's
`json` reads it (an integer, else a float).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import ijson
import numpy as np
import pyarrow as pa

from engine.audit.events import LogError, LogFinding, event_batch
from engine.audit.ocel_stream import HINT, MAX_DEPTH, Chunks, Shape, guarded, top_level_items
from engine.audit.read_tables import BATCH_ROWS

__all__ = ["CASE_TYPE", "MAX_DEPTH", "read_ocel"]

#: The object type whose objects are the cases.
CASE_TYPE = "case"
_NAMES = ("case_id", "activity", "timestamp", "resource", "service", "channel", "outcome",
          "ground")


@dataclass
class _Layout:
    """What the first pass found: the cases and where the events stand."""

    #: A case object's id -> its service and channel.
    cases: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    #: What the first pass saw of the top level.
    shape: Shape = field(default_factory=Shape)


def read_ocel(path: str | Path, zone: str, findings: list[LogFinding],
              batch_rows: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
    """The events of an OCEL 2.0 JSON file that relate to a `case` object, batch by batch."""
    name = str(path)
    layout = _scan(name)
    given = [kind for key, kind in layout.shape.keys if key == "events"]
    if layout.shape.top != "start_map" or not given or given[-1] != "start_array":
        raise LogError(f'{name}: expected an OCEL 2.0 JSON object with "objects" and "events" '
                       f"{HINT}")
    cases = layout.cases
    rows: dict[str, list[str | None]] = {n: [] for n in _NAMES}
    lines: list[int] = []
    for number, event in enumerate(_events(name, layout, len(given)), start=1):
        if not isinstance(event, dict):
            findings.append(LogFinding(name, number, "", "expected an event object", "event"))
            continue
        case = next((_text(r.get("objectId")) for r in _listed(event.get("relationships"))
                     if isinstance(r, dict) and _text(r.get("objectId")) in cases), None)
        if case is None:
            findings.append(LogFinding(name, number, "relationships",
                                       f'expected a relationship to an object of type "{CASE_TYPE}" '
                                       "(hint: each event relates to the case it belongs to)",
                                       "event"))
            continue
        own = _attributes(event)
        service, channel = cases[case]
        activity, moment = event.get("type"), event.get("time")
        values = {"case_id": case, "activity": None if activity is None else _text(activity),
                  "timestamp": None if moment is None else _text(moment),
                  "resource": own.get("resource"), "service": service, "channel": channel,
                  "outcome": own.get("outcome"), "ground": own.get("ground")}
        for key in _NAMES:
            rows[key].append(values[key])
        lines.append(number)
        if len(lines) >= batch_rows:
            yield _batch(rows, lines, zone, name, findings)
            rows, lines = {n: [] for n in _NAMES}, []
    if lines:
        yield _batch(rows, lines, zone, name, findings)


def _scan(name: str) -> _Layout:
    """The first pass: the case objects of the last `objects` list, and the top level's keys."""
    layout = _Layout()
    shared: dict[str, str] = {}  # one copy of each service and channel name, not one per case
    seen = 0
    with _open(name) as file:
        tokens = ijson.basic_parse(Chunks(file))
        for occurrence, item in guarded(name, top_level_items(name, tokens, "objects",
                                                              layout.shape)):
            if occurrence != seen:  # a later `objects` replaces an earlier one, as in json.load
                layout.cases, seen = {}, occurrence
            if isinstance(item, dict) and item.get("type") == CASE_TYPE and "id" in item:
                found = _attributes(item)
                service, channel = found.get("service"), found.get("channel")
                layout.cases[_text(item["id"])] = (
                    None if service is None else shared.setdefault(service, service),
                    None if channel is None else shared.setdefault(channel, channel))
    if seen != sum(key == "objects" for key, _ in layout.shape.keys):
        layout.cases = {}  # the last `objects` gave no items (empty, or not a list)
    return layout


def _events(name: str, layout: _Layout, given: int) -> Iterator[Any]:
    """The second pass: the items of the last `events` list, one at a time."""
    plain = given == 1 and all(key and "." not in key for key, _ in layout.shape.keys)
    with _open(name) as file:
        if plain:
            # ijson's C item builder, by the prefix `events.item`: exact when no other
            # path of the document is written so (no key "" or with a dot at the top level)
            yield from guarded(name, ijson.items(Chunks(file), "events.item"))
            return
        for occurrence, item in guarded(name, top_level_items(name, ijson.basic_parse(Chunks(file)),
                                                              "events", Shape())):
            if occurrence == given:
                yield item


def _open(name: str) -> IO[bytes]:
    try:
        return open(name, "rb")
    except OSError as error:
        raise LogError(f"{name}: cannot read the log: {error.strerror or error}") from None


def _listed(value: object) -> list[Any] | tuple[()]:
    """A list as itself, anything else as empty (json.load's reader iterated it: a string or
    an object gave no dicts, a number failed)."""
    return value if isinstance(value, list) else ()


def _text(value: object) -> str:
    """A value as text, as `str` wrote it when `json.load` had read it (numbers as floats)."""
    return value if type(value) is str else str(_plain(value))


def _plain(value: object) -> object:
    """A value with ijson's `Decimal`s made the floats `json.load` makes."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return float(value) if isinstance(value, Decimal) else value


def _attributes(item: dict[str, Any]) -> dict[str, str]:
    """An object's or event's attributes by name (the last value of an object's attribute)."""
    found = {}
    for attribute in _listed(item.get("attributes")):
        if isinstance(attribute, dict) and isinstance(attribute.get("name"), str) \
                and attribute.get("value") is not None:
            found[attribute["name"]] = _text(attribute["value"])
    return found


def _batch(rows: dict[str, list[str | None]], lines: list[int], zone: str, name: str,
           findings: list[LogFinding]) -> pa.RecordBatch:
    arrays = {key: pa.array(values, pa.string()) for key, values in rows.items()}
    batch, found = event_batch(arrays, np.array(lines, dtype=np.int64), zone, name, unit="event")
    findings.extend(found)
    return batch
