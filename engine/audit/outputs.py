"""The audit's report written out: text (kk and ru, Kazakh first), JSON, and the cases' rows
as CSV or Parquet. The same report gives the same bytes.

JSON keeps numbers (`margin_minutes`) beside the words; the rows' findings are located
(`log.csv:14: timestamp: ...`) in every format.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from engine.audit.aggregates import Figure
from engine.audit.report import AuditReport
from engine.audit.words import KIND_WORDS
from engine.support.json_text import dumps_indented

__all__ = ["LANGS", "report_data", "report_json", "report_text", "rows_csv", "rows_parquet"]

LANGS = ("kk", "ru")
_LABELS = {
    "kk": ("Аудит", "істер", "оқиғалар", "регламентке сәйкес", "ауытқулары бар",
           "мерзім сақталды", "мерзім бұзылды", "аяқталмаған", "Табылғандар", "Ең нашар істер",
           "Есептеу", "Күнтізбе", "Журнал жолдарындағы табылғандар"),
    "ru": ("Аудит", "дела", "события", "соответствуют регламенту", "с отклонениями",
           "срок соблюдён", "срок нарушен", "не завершены", "Находки", "Худшие дела",
           "Подсчёт", "Календарь", "Находки в строках журнала"),
}


def _figure(figure: Figure) -> dict[str, Any]:
    return {"key": list(figure.key), "count": figure.count, "late": figure.late,
            "missed": figure.missed, "median_minutes": figure.median, "p90_minutes": figure.p90}


def report_data(report: AuditReport) -> dict[str, Any]:
    """The whole report as plain data (the JSON format)."""
    calendar_id, title, first, last = report.calendar
    return {
        "log": report.log, "mapping": report.mapping,
        "calendar": {"id": calendar_id, "title": {"kk": title.kk, "ru": title.ru},
                     "years": [first, last]},
        "totals": report.totals,
        "findings": dict(report.part.findings),
        "headlines": [{"service": h.service, "channel": h.channel, "term": h.term,
                       "missed": h.missed, "step": h.step, "share": h.share, "month": h.month,
                       "kk": h.text.kk, "ru": h.text.ru} for h in report.headlines],
        "counting": [{"service": c.service, "channel": c.channel, "term": c.term,
                      "schedule": c.schedule, "week": c.week,
                      "acceptance_day_excluded": c.acceptance_day_excluded,
                      "kk": c.text.kk, "ru": c.text.ru} for c in report.counting],
        "step_limits": {"kk": report.step_limits.kk, "ru": report.step_limits.ru,
                        "late_step_depends": report.part.findings.get("late_step_depends", 0)},
        "by_service": [_figure(f) for f in report.services],
        "by_channel": [_figure(f) for f in report.channels],
        "by_month": [_figure(f) for f in report.months],
        "by_step": [_figure(f) for f in report.steps],
        "by_actor": [_figure(f) for f in report.actors],
        "worst": [{**dataclasses.asdict(w), "margin": dict(zip(("kk", "ru", "en"), w.margin,
                                                               strict=True))}
                  for w in report.worst],
        "row_findings": [str(r) for r in report.rows],
    }


def report_json(report: AuditReport) -> str:
    """The report as JSON (sorted keys, two-space indent, a final newline)."""
    return dumps_indented(report_data(report)) + "\n"


def report_text(report: AuditReport, langs: tuple[str, ...] = LANGS) -> str:
    """A short summary, one section per language (Kazakh first)."""
    totals = report.totals
    out = io.StringIO()
    for lang in langs:
        words = _LABELS[lang]
        which = 0 if lang == "kk" else 1
        out.write(f"{words[0]}: {report.log} [{report.mapping}]\n")
        out.write(f"  {words[1]}: {totals['cases']}; {words[2]}: {totals['events']}; "
                  f"{words[3]}: {totals['conforming']}; {words[4]}: {totals['with_findings']}; "
                  f"{words[5]}: {totals['met_term']}; {words[6]}: {totals['missed_term']}; "
                  f"{words[7]}: {totals['open']}\n")
        for headline in report.headlines:  # which service and channel: terms alike are many
            out.write(f"  — {headline.service}/{headline.channel}: "
                      f"{headline.text.kk if which == 0 else headline.text.ru}\n")
        if report.part.findings:
            out.write(f"  {words[8]}:\n")
            for kind, count in report.part.findings.items():
                out.write(f"    {KIND_WORDS.get(kind, (kind, kind))[which]} ({kind}): {count}\n")
        if report.worst:
            out.write(f"  {words[9]}:\n")
            for case in report.worst:
                out.write(f"    {case.case_id} {case.service}/{case.channel}: {case.margin[which]}\n")
        for rule in report.counting:
            out.write(f"  {words[10]} {rule.service}/{rule.channel}: "
                      f"{rule.text.kk if which == 0 else rule.text.ru}\n")
        out.write(f"  {words[10]}: "
                  f"{report.step_limits.kk if which == 0 else report.step_limits.ru}\n")
        calendar_id, title, first, last = report.calendar
        out.write(f"  {words[11]}: {title.kk if which == 0 else title.ru} ({calendar_id}, "
                  f"{first}–{last})\n")
    if report.rows:
        out.write(f"{_LABELS[langs[0]][12] if langs else ''}: {report.part.row_count}\n")
        for row in report.rows:
            out.write(f"{row}\n")
    return out.getvalue()


def _rows(report: AuditReport) -> pa.Table:
    return report.part.cases


def rows_csv(report: AuditReport) -> str:
    """The cases' rows as CSV (instants in ISO 8601 UTC, empty for none)."""
    table = _rows(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.column_names)
    columns = [table.column(name).to_pylist() for name in table.column_names]
    for row in zip(*columns, strict=True):
        writer.writerow(["" if v is None else v.isoformat().replace("+00:00", "Z")
                         if hasattr(v, "isoformat") else str(v).lower() if isinstance(v, bool)
                         else v for v in row])
    return buffer.getvalue()


def rows_parquet(report: AuditReport) -> bytes:
    """The cases' rows as a Parquet file (no creation time or writer version: same bytes)."""
    sink = pa.BufferOutputStream()
    pq.write_table(_rows(report).replace_schema_metadata(None), sink, compression="zstd",
                   store_schema=False)
    return bytes(sink.getvalue().to_pybytes())
