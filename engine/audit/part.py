"""What one partition's audit gives (`AuditPart`), and how parts merge into one.

A part is picklable and its merge is order-free: the cases' rows are sorted by case id, the
tallies summed, the worst cases and the rows' findings sorted and cut to the same length,
so a log audited in one partition, in many, or on a cluster gives the same report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyarrow as pa

from engine.audit.events import LogFinding
from engine.audit.summary import histogram, merge_histograms, merge_summaries, summarize

__all__ = ["CASE_SCHEMA", "AuditPart", "Tally", "TimelineEvent", "WorstCase", "merge_parts"]

#: The per-case rows: one row per case, sorted by case id.
CASE_SCHEMA = pa.schema([
    ("case_id", pa.string()), ("service", pa.string()), ("channel", pa.string()),
    ("standard_version", pa.string()), ("regulation", pa.string()),
    ("regulation_version", pa.string()), ("month", pa.string()),
    ("received", pa.timestamp("s", tz="UTC")), ("due", pa.timestamp("s", tz="UTC")),
    ("finished", pa.timestamp("s", tz="UTC")), ("status", pa.string()), ("term", pa.string()),
    ("met_term", pa.bool_()), ("margin_minutes", pa.int64()), ("working_minutes", pa.int64()),
    ("events", pa.int64()), ("late_steps", pa.int64()), ("longest_step", pa.string()),
    ("variant", pa.string()), ("findings", pa.string()),
])


@dataclass(frozen=True)
class Tally:
    """Completions of one step (or by one actor): how many, how many late, and how many took
    each number of working minutes (for exact medians and percentiles after a merge)."""

    events: int = 0
    late: int = 0
    minutes: Mapping[int, int] = field(default_factory=dict)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.events + other.events, self.late + other.late,
                     dict(sorted((Counter(self.minutes) + Counter(other.minutes)).items())))


@dataclass(frozen=True)
class TimelineEvent:
    """One event of a worst case's timeline, as the audit counted it."""

    at: str
    activity: str
    step: str
    resource: str
    working_minutes: int | None
    limit: str
    due: str
    late: bool
    outcome: str
    ground: str


@dataclass(frozen=True)
class WorstCase:
    """A case among those that missed their term by most, with its timeline; `margin` in words
    (kk, ru, en) in the term's unit."""

    case_id: str
    service: str
    channel: str
    term: str
    received: str
    due: str
    finished: str
    margin_minutes: int
    margin: tuple[str, str, str]
    timeline: tuple[TimelineEvent, ...]


@dataclass(frozen=True)
class AuditPart:
    """The audit of some whole cases: their rows (`CASE_SCHEMA`), the tallies of steps and
    actors by (dimension, service, channel, id), the findings counted by kind, the worst
    cases, the findings of single rows (the first ones by place; all counted), the events, and
    the cases counted by what the report says of them (`engine.audit.summary`; made from
    `cases` when not given). The report reads the summary, never the rows: a merge may leave
    the rows out (`keep_cases=False`) so that its memory does not grow with the log."""

    cases: pa.Table
    tallies: Mapping[tuple[str, str, str, str], Tally]
    findings: Mapping[str, int]
    worst: tuple[WorstCase, ...]
    rows: tuple[LogFinding, ...]
    row_count: int
    events: int
    summary: pa.Table | None = None
    minutes: pa.Table | None = None

    def __post_init__(self) -> None:
        if self.summary is None:
            object.__setattr__(self, "summary", summarize(self.cases))
        if self.minutes is None:
            object.__setattr__(self, "minutes", histogram(self.cases))

    @property
    def histogram(self) -> pa.Table:
        """The cases' working minutes per service, channel and month (never None)."""
        assert self.minutes is not None
        return self.minutes

    @property
    def counted(self) -> pa.Table:
        """The summary (never None after construction)."""
        assert self.summary is not None
        return self.summary

    def without_cases(self) -> AuditPart:
        """The same part without its cases' rows (the summary keeps what the report needs)."""
        return AuditPart(self.cases.schema.empty_table(), self.tallies, self.findings,
                         self.worst, self.rows, self.row_count, self.events, self.counted,
                         self.histogram)

    @staticmethod
    def merge(parts: Iterable[AuditPart], worst: int = 10, rows: int = 100, *,
              keep_cases: bool = True) -> AuditPart:
        """One part of many (see `merge_parts`)."""
        return merge_parts(parts, worst, rows, keep_cases=keep_cases)


def _worst_key(case: WorstCase) -> tuple[int, str]:
    return case.margin_minutes, case.case_id


def merge_parts(parts: Iterable[AuditPart], worst: int = 10, rows: int = 100, *,
                keep_cases: bool = True) -> AuditPart:
    """Merge parts of disjoint cases, in any order, into the same one part (without the
    cases' rows when not `keep_cases`: the summary is merged either way)."""
    parts = list(parts)
    tables = [p.cases for p in parts if p.cases.num_rows] if keep_cases else []
    cases = pa.concat_tables(tables) if tables else CASE_SCHEMA.empty_table()
    if cases.num_rows:
        cases = cases.sort_by([("case_id", "ascending")])
    tallies: dict[tuple[str, str, str, str], Tally] = {}
    for part in parts:
        for key, tally in part.tallies.items():
            tallies[key] = tallies[key] + tally if key in tallies else tally
    findings: Counter[str] = Counter()
    for part in parts:
        findings.update(part.findings)
    chosen = sorted((c for p in parts for c in p.worst), key=_worst_key)[:worst]
    found = sorted({r for p in parts for r in p.rows})[:rows]
    return AuditPart(cases, dict(sorted(tallies.items())), dict(sorted(findings.items())),
                     tuple(chosen), tuple(found), sum(p.row_count for p in parts),
                     sum(p.events for p in parts), merge_summaries(p.counted for p in parts),
                     merge_histograms(p.histogram for p in parts))
