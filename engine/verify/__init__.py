"""Every path of every channel held against the legal term on the working-day
calendar: the moments of receipt that can be worst (`receipts`, `day_patterns`), the
proof (`proof`), the worst case as a report tells it (`worst_case`); the whole check of
a corpus (`checker`) and its report formats (`reports`), verdicts kept between runs
(`cache`) and verified on several cores (`parallel`).

May import: `engine.spec`, `engine.calendar`, `engine.corpus`, `engine.process`,
`engine.support`.
"""

from __future__ import annotations

from engine.verify.cache import VerdictCache
from engine.verify.checker import CheckReport, check_corpus
from engine.verify.day_patterns import candidates, horizon_days, merged_runs
from engine.verify.parallel import verify_all
from engine.verify.proof import Verdict, verify_channel, verify_regulation
from engine.verify.receipts import ReceiptWindows, receipt_windows
from engine.verify.reports import FORMATS, write_report
from engine.verify.worst_case import TimelineEntry, Worst, plain_sum, show

__all__ = [
    "FORMATS", "CheckReport", "ReceiptWindows", "TimelineEntry", "Verdict", "VerdictCache",
    "Worst", "candidates", "check_corpus", "horizon_days", "merged_runs", "plain_sum",
    "receipt_windows", "show", "verify_all", "verify_channel", "verify_regulation",
    "write_report",
]
