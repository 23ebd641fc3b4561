"""The audit of real event logs against the regulation and the legal term (issue 22).

A log (CSV, Parquet, XES, OCEL 2.0: `read_tables`, `read_xes`, `read_ocel`, chosen by
`logs`) becomes one event table (`events`); a mapping file (`mapping`, held to the specs by
`mapping_checks`) says what its names mean. `audit_partition` (`partition`) audits whole
cases on an `AuditContext` (`context`): sorted and mapped by columns (`case_columns`),
grouped by variant and judged once per variant against the regulation's graph
(`variants`, `conformance`), timed on the calendar's array functions (`timing`); it gives an
`AuditPart` (`part`: the cases' rows from `case_rows`, the tallies of `tallies`, the worst
cases of `timelines`), and parts merge into one. `run` reads a log in partitions by case
(spilled to disk when large: `spill`) and merges; `report` makes the `AuditReport` with its
aggregates and headline, worded in kk and ru by `words`.

Synthetic logs with a known truth, to test the audit on: `synthetic` generates them from the
specs (its plan in `synthetic_plan`, the calendar's arithmetic on arrays in
`synthetic_timing`, the cases walked in `synthetic_walk`, their faults in `synthetic_faults`,
their events and truth in `synthetic_events`); `log_writers` writes them as CSV, Parquet,
XES (`xes_writer`) or OCEL 2.0 JSON (`ocel_writer`), with the mapping file
(`synthetic_map`) and the truth beside them.

May import: `engine.spec`, `engine.calendar`, `engine.corpus`, `engine.process`,
`engine.cases`, `engine.support`.
"""

from __future__ import annotations

from engine.audit.mapping import COLUMNS, RECEIVED, AuditMap, ServiceMap, read_audit_map
from engine.audit.mapping_checks import load_audit_map, mapping_errors
from engine.audit.events import EVENT_SCHEMA, LogError, LogFinding
from engine.audit.context import AuditContext
from engine.audit.conformance import FINDING_KINDS, Conformance, judge_variant
from engine.audit.part import CASE_SCHEMA, AuditPart, Tally, TimelineEvent, WorstCase, merge_parts
from engine.audit.partition import audit_partition
from engine.audit.logs import FORMATS, UNITS, log_format, read_log
from engine.audit.run import audit_log, partition_of, spill
from engine.audit.aggregates import Figure, nearest_rank
from engine.audit.report import AuditReport, Counting, Headline, audit_report
from engine.audit.outputs import report_data, report_json, report_text, rows_csv, rows_parquet
from engine.audit.words import KIND_WORDS, MONTHS
from engine.audit.synthetic import CHUNK, LOG_COLUMNS, Chunk, SyntheticRequest, generate, plan_of
from engine.audit.synthetic_faults import FAULTS, FaultError, parse_faults

__all__ = [
    "CASE_SCHEMA", "CHUNK", "COLUMNS", "EVENT_SCHEMA", "FAULTS", "FINDING_KINDS", "FORMATS",
    "KIND_WORDS", "LOG_COLUMNS", "MONTHS", "RECEIVED", "UNITS", "AuditContext", "AuditMap",
    "AuditPart", "AuditReport", "Chunk", "Conformance", "Counting", "FaultError", "Figure",
    "Headline", "LogError", "LogFinding", "ServiceMap", "SyntheticRequest", "Tally",
    "TimelineEvent", "WorstCase", "audit_log", "audit_partition", "audit_report", "generate",
    "judge_variant", "load_audit_map", "log_format", "mapping_errors", "merge_parts",
    "nearest_rank", "parse_faults", "partition_of", "plan_of", "read_audit_map", "read_log",
    "report_data", "report_json", "report_text", "rows_csv", "rows_parquet", "spill",
]
