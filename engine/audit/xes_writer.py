"""An event log as XES (IEEE 1849-2016), written as a stream: one trace per case.

The log declares the standard extensions it uses (Concept, Time, Organizational,
Lifecycle) and a classifier by activity; a trace carries the case id (`concept:name`) and
the case's `service` and `channel`; an event its activity (`concept:name`), its moment
(`time:timestamp`, ISO 8601 with the UTC offset in force), who did it (`org:resource`),
`lifecycle:transition` "complete" (an event is the completion of an action) and, when
present, `outcome` and `ground`. The file validates against the standard's XML schema
(tests/data/xes/xes-ieee-1849-2016.xsd, whose source its README gives). Rows of a case must
come together, as `engine.audit.synthetic` writes them.
"""

from __future__ import annotations

from typing import BinaryIO
from xml.sax.saxutils import quoteattr

import numpy as np
import pyarrow as pa

from engine.audit.synthetic_timing import iso_local

__all__ = ["XesWriter"]

_EXTENSIONS = (("Concept", "concept"), ("Time", "time"), ("Organizational", "org"),
               ("Lifecycle", "lifecycle"))


class XesWriter:
    """Writes chunks of events (the canonical columns) as the traces of one XES log."""

    def __init__(self, out: BinaryIO, timezone: str, title: str = "reglament synthetic log"
                 ) -> None:
        self.out, self.timezone = out, timezone
        self.case: str | None = None
        head = ['<?xml version="1.0" encoding="UTF-8"?>', '<log xes.version="2.0">']
        head += [f'  <extension name="{name}" prefix="{prefix}" '
                 f'uri="http://www.xes-standard.org/{prefix}.xesext"/>'
                 for name, prefix in _EXTENSIONS]
        head += ['  <classifier name="Activity" keys="concept:name"/>',
                 f'  <string key="concept:name" value={quoteattr(title)}/>']
        self._write("\n".join(head) + "\n")

    def write(self, table: pa.Table) -> None:
        """Add the events of a chunk (a case's rows together)."""
        seconds = table.column("timestamp").cast(pa.int64()).to_numpy() // 1_000_000
        moments = iso_local(seconds.astype(np.int64), self.timezone).tolist()
        columns = {name: table.column(name).to_pylist() for name in
                   ("case_id", "activity", "resource", "service", "channel", "outcome",
                    "ground")}
        parts: list[str] = []
        for n, case in enumerate(columns["case_id"]):
            if case != self.case:
                if self.case is not None:
                    parts.append("  </trace>\n")
                self.case = case
                parts.append(f'  <trace>\n    <string key="concept:name" value={quoteattr(case)}/>\n'
                             f'    <string key="service" value={quoteattr(columns["service"][n])}/>\n'
                             f'    <string key="channel" value={quoteattr(columns["channel"][n])}/>\n')
            parts.append(
                f'    <event>\n      <string key="concept:name" '
                f'value={quoteattr(columns["activity"][n])}/>\n'
                f'      <date key="time:timestamp" value="{moments[n]}"/>\n'
                f'      <string key="org:resource" value={quoteattr(columns["resource"][n])}/>\n'
                '      <string key="lifecycle:transition" value="complete"/>\n')
            for key in ("outcome", "ground"):
                value = columns[key][n]
                if value:
                    parts.append(f'      <string key="{key}" value={quoteattr(value)}/>\n')
            parts.append("    </event>\n")
        self._write("".join(parts))

    def close(self) -> None:
        """End the last trace and the log."""
        self._write(("  </trace>\n" if self.case is not None else "") + "</log>\n")

    def _write(self, text: str) -> None:
        self.out.write(text.encode("utf-8"))
