"""Cases run through the compiled graph: the executor (`executor`, on the specs,
graphs and working time of `case_graphs`, with the application's checks in `intake` and
the graph as a case reads it in `graph_places`, a receipt from a standard alone in
`receipts`) decides each command (`commands`; about complaints `appeal_commands`, the
checks of their texts `command_text`) on a
case's state (`state`); a journal keeps the events durably (`journal`: its file in
`journal_open` and `journal_files`, its rows in `journal_rows`, a row per case for a
report in `journal_walks`) and a `CaseBook` (`book`)
ties them together. Many commands at once: `batch` (its due instants: `batch_due`); a
cohort of cases as columns: `cohort`, run by `cohort_run` (its array functions in
`cohort_columns`, its cases made on demand in `cohort_cases`, its complaints as columns
in `cohort_appeals`; loaded on first use). A
case simulated in memory (`simulation`) and its timeline as text or JSON (`timeline`),
every text from a journal or a command made safe for a terminal (`terminal`).

May import: `engine.spec`, `engine.calendar`, `engine.corpus`, `engine.process`,
`engine.support`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.cases.batch import (
    Applied, BatchResult, collector_paused, command_key, decide, due_many, run_batch,
    run_one_by_one,
)
from engine.cases.appeals import DECISIONS, AppealRecord
from engine.cases.book import CaseBook
from engine.cases.case_graphs import CaseGraphs
from engine.cases.case_timing import DueOf, Overdue
from engine.cases.commands import (
    OPS, Appeal, Command, CommandFormatError, Complete, DecideAppeal, ExtendAppeal, Open, Refuse,
    ReviseAppeal, case_id_problem, command_problem, parse_command, text_problem,
)
from engine.cases.complaint_rules import (
    BODIES, ComplaintRule, ComplaintRules, complaint_rules, read_complaint_rules,
)
from engine.cases.executor import ExecutionError, Executor, Receipt
from engine.cases.graph_places import Moves, Place, moves_of, outcomes_of, place_of
from engine.cases.intake import Intake, application, not_in_force
from engine.cases.journal import (
    APPLICATION_ID, SCHEMA_VERSION, ConflictError, Journal, JournalError, ReplayError,
)
from engine.cases.simulation import SAMPLE_APPLICANT, simulate
from engine.cases.state import ActiveStep, CaseState, Event, EventKind, Status, StepRecord, instant
from engine.cases.terminal import for_terminal
from engine.cases.timeline import (
    case_data, case_margin, dump_json, overdue_data, render_case, render_overdue, specs_of,
)

if TYPE_CHECKING:  # loaded on first use: a cohort needs more than a command does
    from engine.cases.cohort import (
        NONE, STATUSES, Cohort, CohortError, CohortResult,
    )
    from engine.cases.cohort_appeals import Appeals
    from engine.cases.cohort_run import (
        run_cohort,
    )

__all__ = [
    "APPLICATION_ID",
    "BODIES",
    "DECISIONS",
    "NONE",
    "OPS",
    "SAMPLE_APPLICANT",
    "SCHEMA_VERSION",
    "STATUSES",
    "ActiveStep",
    "Appeal",
    "AppealRecord",
    "Appeals",
    "Applied",
    "BatchResult",
    "CaseBook",
    "CaseGraphs",
    "CaseState",
    "Cohort",
    "CohortError",
    "CohortResult",
    "Command",
    "CommandFormatError",
    "ComplaintRule",
    "ComplaintRules",
    "Complete",
    "ConflictError",
    "DecideAppeal",
    "DueOf",
    "Event",
    "EventKind",
    "ExecutionError",
    "Executor",
    "ExtendAppeal",
    "Intake",
    "Journal",
    "JournalError",
    "Moves",
    "Open",
    "Overdue",
    "Place",
    "Receipt",
    "Refuse",
    "ReplayError",
    "ReviseAppeal",
    "Status",
    "StepRecord",
    "application",
    "case_data",
    "case_id_problem",
    "case_margin",
    "collector_paused",
    "command_key",
    "command_problem",
    "complaint_rules",
    "decide",
    "due_many",
    "dump_json",
    "for_terminal",
    "instant",
    "moves_of",
    "not_in_force",
    "outcomes_of",
    "overdue_data",
    "parse_command",
    "place_of",
    "read_complaint_rules",
    "render_case",
    "render_overdue",
    "run_batch",
    "run_cohort",
    "run_one_by_one",
    "simulate",
    "specs_of",
    "text_problem",
]

_LAZY = {
    "Appeals": "engine.cases.cohort_appeals",
    "Cohort": "engine.cases.cohort",
    "CohortError": "engine.cases.cohort",
    "CohortResult": "engine.cases.cohort",
    "NONE": "engine.cases.cohort",
    "STATUSES": "engine.cases.cohort",
    "run_cohort": "engine.cases.cohort_run",
}


def __getattr__(name: str) -> object:
    """The names of the cohort modules, imported when first asked for."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
