"""What every partition of an audit is judged on: the specs, the mapping, the calendar.

`AuditContext` is plain, picklable data — the specs' paths, the read mapping, the calendar's
path and the report's options — cheap to ship to the workers of a cluster. Each process
loads the specs and the calendar from it once (`AuditContext.engine()`, cached per process
by the paths), with the cases' own machinery: `CaseGraphs` finds the standard and regulation
in force on a day of receipt and compiles each channel's graph, exactly as `Executor.open` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from engine.audit.mapping import AuditMap
from engine.calendar import Calendar, CalendarError, default_calendar, load_calendar
from engine.cases.case_graphs import CaseGraphs
from engine.corpus import Corpus, load_corpus
from engine.spec import ExecutionError, Regulation, Standard

__all__ = ["AuditContext", "AuditEngine", "CaseSpecs"]

#: The engines this process has loaded, by (specs, calendar): a worker loads them once.
_ENGINES: dict[tuple[tuple[str, ...], str | None], AuditEngine] = {}


@dataclass(frozen=True)
class AuditContext:
    """The audit's inputs as paths and data: picklable, loaded lazily in each process.

    `specs`: the spec directories or files; `mapping`: the read mapping file; `calendar`: a
    calendar directory or file (None: the project's); `worst`: how many worst cases the
    report keeps with their timelines; `log`: the log's path and `unit` what its rows'
    locations count (`line`, `row`, `event`), for the findings of rows.
    """

    specs: tuple[str, ...]
    mapping: AuditMap
    calendar: str | None = None
    worst: int = 10
    log: str = ""
    unit: str = "line"
    #: Findings of single rows kept in the report (all are counted).
    row_findings: int = 100

    def engine(self) -> AuditEngine:
        """The specs and calendar of this context, loaded once per process."""
        key = (self.specs, self.calendar)
        found = _ENGINES.get(key)
        if found is None:
            calendar = default_calendar() if self.calendar is None else load_calendar(self.calendar)
            found = _ENGINES[key] = AuditEngine(load_corpus(self.specs), calendar)
        return found

    def attach(self, corpus: Corpus, calendar: Calendar) -> None:
        """Use specs and a calendar already loaded from this context's paths in this process
        (a command that has checked them need not load them again)."""
        _ENGINES.setdefault((self.specs, self.calendar), AuditEngine(corpus, calendar))

    @property
    def timezone(self) -> str:
        """The zone of timestamps written without an offset: the mapping's, else the calendar's."""
        return self.mapping.timezone or self.engine().calendar.timezone


@dataclass(frozen=True)
class CaseSpecs:
    """The specs one group of cases ran on: the versions in force on their day of receipt and
    the channel's graph; or why there are none (`problem`)."""

    standard: Standard | None = None
    regulation: Regulation | None = None
    graph: nx.DiGraph | None = None
    term_schedule: str = ""
    problem: tuple[str, str] | None = None  # (finding kind, detail)

    @property
    def key(self) -> str:
        if self.standard is None or self.regulation is None:
            return ""
        return (f"{self.standard.id}@{self.standard.valid_from}/{self.regulation.id}"
                f"@{self.regulation.valid_from}/{self.graph.graph['channel'].id if self.graph else ''}")


@dataclass
class AuditEngine:
    """The loaded specs and calendar of a process, and what it has found on them (kept)."""

    corpus: Corpus
    base_calendar: Calendar
    graphs: CaseGraphs = field(init=False)
    specs_of: dict[tuple[str, str, dt.date, str | None], CaseSpecs] = field(default_factory=dict)
    verdicts: dict[tuple[str, tuple[Any, ...]], Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.graphs = CaseGraphs(self.corpus, self.base_calendar)

    @property
    def calendar(self) -> Calendar:
        """The calendar with the corpus's own schedules."""
        return self.graphs.calendar

    def specs(self, service: str, channel: str, day: dt.date, regulation: str | None) -> CaseSpecs:
        """The specs of a case of `service` through `channel` received on `day` (kept)."""
        key = (service, channel, day, regulation)
        found = self.specs_of.get(key)
        if found is None:
            found = self.specs_of[key] = self._specs(service, channel, day, regulation)
        return found

    def _specs(self, service: str, channel: str, day: dt.date, regulation: str | None) -> CaseSpecs:
        try:
            standard, chosen = self.graphs.resolve(service, day, regulation)
        except (ExecutionError, CalendarError) as error:
            return CaseSpecs(problem=("not_in_force", str(error)))
        try:
            graph = self.graphs.graph(standard, chosen, channel)
        except ExecutionError as error:
            return CaseSpecs(problem=("unknown_channel", str(error)))
        return CaseSpecs(standard, chosen, graph, self.graphs.term_schedule(standard, channel))
