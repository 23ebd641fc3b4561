"""A provider's report (seed 000, the typical report form of a provider of public services):
the period (`period`), the figures as records (`model`) and how they are counted from a
journal and the corpus (`figures`: case by case in `tally`, the cases that walked alike by
columns in `walks`); what the journal cannot know comes from a report input file (`input`, its
items in `items`); the titles of the ids the figures keep (`labels`).

May import: `engine.spec`, `engine.calendar`, `engine.corpus`, `engine.cases`, `engine.support`.
"""

from __future__ import annotations

from engine.report.input import ReportInput, read_report_input
from engine.report.items import INPUT_ITEMS
from engine.report.labels import Labels, report_labels
from engine.report.figures import UnknownProvider, channel_group, complaint_rows, provider_report
from engine.report.model import (
    CHANNEL_GROUPS, COMPLAINT_COLUMNS, AppealLike, ChannelCount, ComplaintRow, MonthCount,
    ProviderReport, RefusalCount, ServiceLine, TermCount,
)
from engine.report.period import Period, PeriodError, parse_period

__all__ = [
    "CHANNEL_GROUPS", "COMPLAINT_COLUMNS", "INPUT_ITEMS", "AppealLike", "ChannelCount", "ComplaintRow",
    "Labels", "MonthCount", "Period", "PeriodError", "ProviderReport", "RefusalCount",
    "ReportInput", "ServiceLine", "TermCount", "UnknownProvider", "channel_group",
    "complaint_rows", "parse_period", "provider_report", "read_report_input", "report_labels",
]
