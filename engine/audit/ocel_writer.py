"""An event log as OCEL 2.0 JSON, written as a stream: a case is an object of type "case".

The event types are the log's activities, each with the string attributes `resource`,
`outcome` and `ground`; the one object type is "case" with `service` and `channel`. An
event has an id (`e1`, `e2`, ...), its activity as `type`, its moment (ISO 8601 with the UTC
offset in force), its attributes (those present) and one relationship, qualified "case",
to its case. Events are written as they come; the cases, whose attributes are dated at
their first event, after them (one small record per case is kept meanwhile). The
attribute values are strings, as the OCEL 2.0 JSON schema requires (tests/data/ocel/).
"""

from __future__ import annotations

import json
from typing import BinaryIO

import numpy as np
import pyarrow as pa

from engine.audit.synthetic_plan import SyntheticPlan
from engine.audit.synthetic_timing import iso_local

__all__ = ["OcelWriter"]

_ATTRIBUTES = ("resource", "outcome", "ground")


class OcelWriter:
    """Writes chunks of events (the canonical columns) as one OCEL 2.0 JSON document."""

    def __init__(self, out: BinaryIO, plan: SyntheticPlan, timezone: str) -> None:
        self.out, self.timezone = out, timezone
        self.count = 0
        self.cases: dict[str, tuple[str, str, str]] = {}
        kinds = [{"name": name, "attributes": [{"name": a, "type": "string"}
                                               for a in _ATTRIBUTES]}
                 for name in sorted(set(plan.names.activities))]
        case_type = {"name": "case", "attributes": [{"name": "service", "type": "string"},
                                                    {"name": "channel", "type": "string"}]}
        self._write('{"objectTypes": ' + _dump([case_type]) + ', "eventTypes": '
                    + _dump(kinds) + ', "events": [')

    def write(self, table: pa.Table) -> None:
        """Add the events of a chunk."""
        seconds = table.column("timestamp").cast(pa.int64()).to_numpy() // 1_000_000
        moments = iso_local(seconds.astype(np.int64), self.timezone).tolist()
        columns = {name: table.column(name).to_pylist() for name in
                   ("case_id", "activity", "service", "channel", *_ATTRIBUTES)}
        parts = []
        for n, case in enumerate(columns["case_id"]):
            self.cases.setdefault(case, (columns["service"][n], columns["channel"][n],
                                         moments[n]))
            self.count += 1
            event = {"id": f"e{self.count}", "type": columns["activity"][n],
                     "time": moments[n],
                     "attributes": [{"name": a, "value": columns[a][n]} for a in _ATTRIBUTES
                                    if columns[a][n]],
                     "relationships": [{"objectId": case, "qualifier": "case"}]}
            parts.append(("" if self.count == 1 else ", ") + _dump(event))
        self._write("".join(parts))

    def close(self) -> None:
        """Write the cases and end the document."""
        self._write('], "objects": [')
        parts = []
        for n, (case, (service, channel, first)) in enumerate(self.cases.items()):
            record = {"id": case, "type": "case", "attributes": [
                {"name": "service", "value": service, "time": first},
                {"name": "channel", "value": channel, "time": first}], "relationships": []}
            parts.append(("" if n == 0 else ", ") + _dump(record))
        self._write("".join(parts) + "]}\n")

    def _write(self, text: str) -> None:
        self.out.write(text.encode("utf-8"))


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
