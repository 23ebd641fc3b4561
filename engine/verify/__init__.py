"""Every path of every channel held against the legal term on the working-day
calendar: the moments of receipt that can be worst (`receipts`, `day_patterns`), what the
steps take under each reading of a day limit and the assumptions for information systems
(`readings`), the proof (`proof`), each path judged on the moments that decide (`judging`:
the pieces of a step's end, `pieces`; the minutes where a slack can turn, `breakpoints`; days
that behave alike, `day_classes`) or on every moment (with the work its paths share in
`composition`), the verdict and what it rests on (`verdict`), the worst case as a report
tells it (`worst_case`, `timelines`), the calendar's end and its provisional year (`horizon`);
the whole check of a corpus (`checker`) and its report formats (`reports`), the critical path
of a regulation or service (`explain`), verdicts kept between runs (`cache`) and verified on
several cores (`parallel`).

May import: `engine.spec`, `engine.calendar`, `engine.corpus`, `engine.process`,
`engine.support`.
"""

from __future__ import annotations

from engine.verify.cache import VerdictCache
from engine.verify.checker import CheckReport, check_corpus
from engine.verify.composition import SLICE, SharedWork, compose, in_slices, starts_with
from engine.verify.focus import focus_report
from engine.verify.explain import EXPLAIN_FORMATS, Explanation, explain, write_explanation
from engine.verify.day_patterns import candidates, horizon_days, merged_runs
from engine.verify.horizon import TODAY_VAR, WARN_DAYS, calendar_end_warnings, today
from engine.verify.parallel import verify_all
from engine.verify.proof import verify_channel, verify_regulation
from engine.verify.readings import (
    ZERO, assumed_durations, daily_minutes, elapsed_durations, has_day_limits,
)
from engine.verify.receipts import ReceiptWindows, receipt_windows
from engine.verify.reports import FORMATS, write_report
from engine.verify.verdict import READINGS, Reading, Status, Verdict
from engine.verify.worst_case import TimelineEntry, Worst, plain_sum, show

__all__ = [
    "EXPLAIN_FORMATS", "FORMATS", "READINGS", "SLICE", "TODAY_VAR", "WARN_DAYS", "ZERO",
    "CheckReport", "Explanation", "Reading",
    "ReceiptWindows", "SharedWork", "Status", "TimelineEntry", "Verdict", "VerdictCache",
    "Worst", "assumed_durations", "calendar_end_warnings", "candidates", "check_corpus",
    "compose", "daily_minutes", "elapsed_durations", "explain", "focus_report", "has_day_limits", "horizon_days",
    "in_slices", "merged_runs", "plain_sum", "receipt_windows", "show", "starts_with", "today",
    "verify_all", "verify_channel", "verify_regulation", "write_explanation", "write_report",
]
