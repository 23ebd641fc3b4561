"""The report input file (`kind: report_input`): what the journal cannot know — the texts
of seed 000's sections 2, 3, 4 3)-4) and 5 — for one provider and one period.

It is read by the project's one loader (`engine.spec.read_document`: the schema of
`engine/spec/schemas/report_input.json`, located errors), then held to the report it is
given to: an input for another provider or another period is a located error too.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from engine.report.items import INPUT_ITEMS
from engine.report.period import Period, PeriodError, parse_period
from engine.spec import Document, SpecError, SpecErrors, Text, read_document, text

__all__ = ["ReportInput", "read_report_input"]


class ReportInput(NamedTuple):
    """The texts of a report input file, by item id (`INPUT_ITEMS`), in the seed's order."""

    path: str
    provider: str
    period: Period
    texts: dict[str, Text]


def read_report_input(path: str | Path, provider: str, period: Period) -> ReportInput:
    """Read a report input file for the report of `provider` over `period`.

    Raises:
        SpecErrors: every located error: of the YAML or the schema, another kind of spec,
            another provider, another period.
    """
    document = read_document(path)
    errors = list(document.blocking)
    if not errors and document.kind != "report_input":
        errors.append(SpecError(document.location(("kind",), value=True), "kind",
                                f'expected kind report_input, got "{document.kind}" (hint: '
                                "--input takes the texts of the report's sections 2-5, "
                                "docs/report.md)", "kind"))
    if not errors:
        errors.extend(_mismatches(document, provider, period))
    if errors:
        raise SpecErrors(errors)
    items = document.data["items"]
    texts = {item: text(items[item]) for item in INPUT_ITEMS if item in items}
    return ReportInput(document.path, provider, period, texts)


def _mismatches(document: Document, provider: str, period: Period) -> list[SpecError]:
    data = document.data
    errors = []
    if data["provider"] != provider:
        errors.append(SpecError(
            document.location(("provider",), value=True), "provider",
            f'this input is for provider "{data["provider"]}", the report for "{provider}" '
            f"(hint: give the input file of {provider}, or --provider {data['provider']})",
            "report-input"))
    try:
        given = parse_period(str(data["period"]))
    except PeriodError as error:
        errors.append(SpecError(document.location(("period",), value=True), "period",
                                str(error), "report-input"))
        return errors
    if given != period:
        errors.append(SpecError(
            document.location(("period",), value=True), "period",
            f"this input is for the period {given.label}, the report for {period.label} "
            f"(hint: give the input file of {period.label}, or --period {given.label})",
            "report-input"))
    return errors
