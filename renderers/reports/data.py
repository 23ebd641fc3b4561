"""A provider's report as data: every figure as JSON, and as named tables (CSV, XLSX).

The tables, in order: `services`, `top`, `channels`, `months`, `terms`, `refusals`,
`complaints` (seed 000's seven columns, then the case, appeal and `late`). Each is a header
row of identifiers and rows of plain values; CSV writes one file per table, XLSX one sheet.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from engine.report import COMPLAINT_COLUMNS, ProviderReport

__all__ = ["TABLES", "report_json", "report_tables"]

TABLES = ("services", "top", "channels", "months", "terms", "refusals", "complaints")

Table = tuple[tuple[str, ...], list[tuple[Any, ...]]]


def report_tables(report: ProviderReport) -> dict[str, Table]:
    """The report's tables by name, in `TABLES` order."""
    services = [(s.number, s.standard or "", s.title.kk, s.title.ru, s.cost, s.report_form,
                 s.cases) for s in report.services]
    header = ("number", "standard", "title_kk", "title_ru", "cost", "report_form", "cases")
    return {
        "services": (header, services),
        "top": (header, [(s.number, s.standard or "", s.title.kk, s.title.ru, s.cost,
                          s.report_form, s.cases) for s in report.top]),
        "channels": (("standard", "channel", "group", "cases"),
                     [(service, c.channel, c.group, c.cases)
                      for service, lines in report.by_channel for c in lines]),
        "months": (("month", "provider", "portal", "state_corporation"),
                   [tuple(m) for m in report.months]),
        "terms": (("standard", "channel", "met", "missed", "open", "open_late", "late_actors"),
                  [(t.standard, t.channel, t.met, t.missed, t.open, t.open_late,
                    ";".join(f"{a}={n}" for a, n in t.late_actors)) for t in report.terms]),
        "refusals": (("kind", "standard", "ground", "title_kk", "title_ru", "cases"),
                     [(r.kind, r.standard, r.ground, r.title.kk if r.title else "",
                       r.title.ru if r.title else "", r.cases) for r in report.refusals]),
        "complaints": ((*(name for name, _ in COMPLAINT_COLUMNS), "case", "appeal", "late"),
                       [(c.complainant, c.substance, c.body, c.examined or "",
                         c.document or "", c.decision or "", c.revision or "", c.case_id,
                         c.appeal, c.late) for c in report.complaints]),
    }


def report_json(report: ProviderReport, sections: Mapping[str, Any] | None = None) -> str:
    """Every figure of the report as JSON (keys sorted, UTF-8), with the input's sections."""
    tables = report_tables(report)
    data: dict[str, Any] = {
        "provider": {"id": report.provider, "kk": report.provider_title.kk,
                     "ru": report.provider_title.ru},
        "period": {"first": report.period.first.isoformat(),
                   "last": report.period.last.isoformat(), "label": report.period.label},
        "counts": dict(report.counts),
        "cases": report.cases,
        "channel_groups": dict(report.channels),
        "sections": dict(sections or {}),
    }
    for name in TABLES:
        header, rows = tables[name]
        data[name] = [dict(zip(header, row, strict=True)) for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
