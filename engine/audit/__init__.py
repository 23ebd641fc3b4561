"""The audit of real event logs against the regulations (issue 22), and synthetic logs with a
known truth to test it on: `synthetic` generates them from the specs (its plan in
`synthetic_plan`, the calendar's arithmetic on arrays in `synthetic_timing`, the cases walked
in `synthetic_walk`, their faults in `synthetic_faults`, their events and truth in
`synthetic_events`); `log_writers` writes them as CSV, Parquet, XES or OCEL 2.0 JSON, with the
mapping file (`synthetic_map`) and the truth beside them.

May import: `engine.spec`, `engine.calendar`, `engine.corpus`, `engine.process`, `engine.cases`,
`engine.support`.
"""

from __future__ import annotations

from engine.audit.synthetic import CHUNK, COLUMNS, Chunk, SyntheticRequest, generate, plan_of
from engine.audit.synthetic_faults import FAULTS, FaultError, parse_faults

__all__ = ["CHUNK", "COLUMNS", "FAULTS", "Chunk", "FaultError", "SyntheticRequest", "generate",
           "parse_faults", "plan_of"]
