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
    cases, the findings of single rows (the first ones by place; all counted) and the events."""

    cases: pa.Table
    tallies: Mapping[tuple[str, str, str, str], Tally]
    findings: Mapping[str, int]
    worst: tuple[WorstCase, ...]
    rows: tuple[LogFinding, ...]
    row_count: int
    events: int

    @staticmethod
    def merge(parts: Iterable[AuditPart], worst: int = 10, rows: int = 100) -> AuditPart:
        """One part of many (see `merge_parts`)."""
        return merge_parts(parts, worst, rows)


def _worst_key(case: WorstCase) -> tuple[int, str]:
    return case.margin_minutes, case.case_id


def merge_parts(parts: Iterable[AuditPart], worst: int = 10, rows: int = 100) -> AuditPart:
    """Merge parts of disjoint cases, in any order, into the same one part."""
    parts = list(parts)
    tables = [p.cases for p in parts if p.cases.num_rows]
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
                     sum(p.events for p in parts))
