"""A provider's report as data: every figure as JSON, and as named tables (CSV, XLSX).

The tables, in order: `services`, `top`, `channels`, `months`, `terms`, `refusals`,
`complaints` (seed 000's seven columns, then the case, appeal and `late`), `sections` (the
report input's texts of sections 2-5, every item of the seed, empty when not given). Each is
a header row of identifiers and rows of plain values; CSV writes one file per table, XLSX one
sheet. Ids stay in their columns; the kk and ru titles of services, channels and late actors
(`engine.report.Labels`) follow them, empty where no spec names one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from engine.report import COMPLAINT_COLUMNS, INPUT_ITEMS, Labels, ProviderReport
from engine.spec import Text

__all__ = ["TABLES", "report_json", "report_tables", "section_rows"]

TABLES = ("services", "top", "channels", "months", "terms", "refusals", "complaints",
          "sections")

Table = tuple[tuple[str, ...], list[tuple[Any, ...]]]

_NO_LABELS = Labels({}, {}, {})


def _both(title: Text | None) -> tuple[str, str]:
    return (title.kk, title.ru) if title else ("", "")


def _actors(labels: Labels, standard: str, actors: tuple[tuple[str, int], ...],
            lang: str) -> str:
    """`title (n)` per late actor, joined by `; ` (the id where no regulation names it)."""
    named = []
    for actor, count in actors:
        title = labels.actor(standard, actor)
        named.append(f"{title.get(lang) if title else actor} ({count})")
    return "; ".join(named)


def section_rows(sections: Mapping[str, Text]) -> list[tuple[str, str, str, str, str, str]]:
    """Every item of seed 000's sections 2-5 in order: (item, section, heading kk, heading ru,
    text kk, text ru), the texts empty when the input does not give them."""
    return [(item, section, heading.kk, heading.ru, *_both(sections.get(item)))
            for item, (section, heading) in INPUT_ITEMS.items()]


def report_tables(report: ProviderReport, sections: Mapping[str, Text] | None = None,
                  labels: Labels | None = None) -> dict[str, Table]:
    """The report's tables by name, in `TABLES` order, with the input's `sections` (by
    item id) and the titles of `labels`."""
    names = labels or _NO_LABELS
    services = [(s.number, s.standard or "", s.title.kk, s.title.ru, s.cost, s.report_form,
                 s.cases) for s in report.services]
    header = ("number", "standard", "title_kk", "title_ru", "cost", "report_form", "cases")
    return {
        "services": (header, services),
        "top": (header, [(s.number, s.standard or "", s.title.kk, s.title.ru, s.cost,
                          s.report_form, s.cases) for s in report.top]),
        "channels": (("standard", "title_kk", "title_ru", "channel", "channel_kk", "channel_ru",
                      "group", "cases"),
                     [(service, *_both(names.service(service)), c.channel,
                       *_both(names.channel(service, c.channel)), c.group, c.cases)
                      for service, lines in report.by_channel for c in lines]),
        "months": (("month", "provider", "portal", "state_corporation"),
                   [tuple(m) for m in report.months]),
        "terms": (("standard", "channel", "met", "missed", "open", "open_late", "late_actors",
                   "title_kk", "title_ru", "channel_kk", "channel_ru", "late_actors_kk",
                   "late_actors_ru"),
                  [(t.standard, t.channel, t.met, t.missed, t.open, t.open_late,
                    ";".join(f"{a}={n}" for a, n in t.late_actors),
                    *_both(names.service(t.standard)), *_both(names.channel(t.standard, t.channel)),
                    _actors(names, t.standard, t.late_actors, "kk"),
                    _actors(names, t.standard, t.late_actors, "ru")) for t in report.terms]),
        "refusals": (("kind", "standard", "ground", "title_kk", "title_ru", "cases", "service_kk",
                      "service_ru"),
                     [(r.kind, r.standard, r.ground, *_both(r.title), r.cases,
                       *_both(names.service(r.standard))) for r in report.refusals]),
        "complaints": ((*(name for name, _ in COMPLAINT_COLUMNS), "case", "appeal", "late"),
                       [(c.complainant, c.substance, c.body, c.examined or "",
                         c.document or "", c.decision or "", c.revision or "", c.case_id,
                         c.appeal, c.late) for c in report.complaints]),
        "sections": (("item", "section", "heading_kk", "heading_ru", "text_kk", "text_ru"),
                     list(section_rows(sections or {}))),
    }


def report_json(report: ProviderReport, sections: Mapping[str, Text] | None = None,
                labels: Labels | None = None) -> str:
    """Every figure of the report as JSON (keys sorted, UTF-8), ids with their titles, and the
    input's texts (`sections`: every item of sections 2-5, its heading and text)."""
    tables = report_tables(report, sections, labels)
    data: dict[str, Any] = {
        "provider": {"id": report.provider, "kk": report.provider_title.kk,
                     "ru": report.provider_title.ru},
        "period": {"first": report.period.first.isoformat(),
                   "last": report.period.last.isoformat(), "label": report.period.label},
        "counts": dict(report.counts),
        "cases": report.cases,
        "channel_groups": dict(report.channels),
    }
    for name in TABLES:
        header, rows = tables[name]
        data[name] = [dict(zip(header, row, strict=True)) for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
