"""The audit's report: the merged part with its figures, headlines and counting rules.

A headline per service and channel whose cases missed their term says how many, at which step
most of them waited longest and in which month most were received: "Срок 15 рабочих дней
нарушен — дел: 1 204; 80 % из них дольше всего ждали на процедуре «assign» (Руководитель
услугодателя); больше всего — март 2019", in kk and ru. The counting rules name the schedule
and week each term counts on, the day of acceptance where it is left out, and the calendar,
as the verifier's verdicts name what they rest on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow.compute as pc

from engine.audit.aggregates import Figure, case_figures, tally_figures
from engine.audit.context import AuditContext
from engine.audit.events import LogFinding
from engine.audit.part import AuditPart, WorstCase
from engine.audit.words import MONTHS, step_limits_words, term_words
from engine.spec import Text

__all__ = ["AuditReport", "Counting", "Headline", "audit_report"]

_WEEKS = {"five_day": ("бес күндік жұмыс аптасы бойынша", "по пятидневной рабочей неделе"),
          "six_day": ("алты күндік жұмыс аптасы бойынша", "по шестидневной рабочей неделе")}


@dataclass(frozen=True)
class Headline:
    """What stands out of the cases of one service and channel that missed their term."""

    service: str
    channel: str
    term: str
    missed: int
    step: str
    share: int
    month: str
    text: Text


@dataclass(frozen=True)
class Counting:
    """How the term of a service's channel was counted, in words."""

    service: str
    channel: str
    term: str
    schedule: str
    week: str
    acceptance_day_excluded: bool
    text: Text


@dataclass(frozen=True)
class AuditReport:
    """A whole audit: the merged part, its figures, headlines and counting rules."""

    log: str
    mapping: str
    calendar: tuple[str, Text, int, int]
    part: AuditPart
    services: list[Figure]
    channels: list[Figure]
    months: list[Figure]
    steps: list[Figure]
    actors: list[Figure]
    headlines: list[Headline]
    counting: list[Counting]
    #: how steps' limits in working days were read (`engine.audit.step_readings`)
    step_limits: Text

    @property
    def totals(self) -> dict[str, int]:
        """Cases by how they stand, and the events and rows read."""
        summary = self.part.counted
        count = summary.column("count")

        def where(mask: Any) -> int:
            return int(pc.sum(pc.if_else(pc.fill_null(mask, False), count, 0)).as_py() or 0)

        conforming = where(summary.column("conforming"))
        cases = int(pc.sum(count).as_py() or 0)
        return {"cases": cases, "events": self.part.events,
                "conforming": conforming, "with_findings": cases - conforming,
                "met_term": where(summary.column("met_term")),
                "missed_term": where(pc.invert(summary.column("met_term"))),
                "open": where(pc.equal(summary.column("status"), "open")),
                "row_findings": self.part.row_count}

    @property
    def exit_code(self) -> int:
        """0 when every case conforms and meets its term and every row was read, else 1."""
        totals = self.totals
        return 0 if totals["with_findings"] == 0 and totals["row_findings"] == 0 else 1

    @property
    def worst(self) -> tuple[WorstCase, ...]:
        return self.part.worst

    @property
    def rows(self) -> tuple[LogFinding, ...]:
        return self.part.rows


def _month(month: str) -> tuple[str, str]:
    year, number = month.split("-")
    kk, ru = MONTHS[int(number) - 1]
    return f"{year} жылғы {kk}", f"{ru} {year}"


def _number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _most(table: Any, keys: list[str], column: str) -> dict[tuple[str, ...], tuple[str, int]]:
    """Per group of `keys`, the most frequent value of `column` among the cases counted in
    `table` (ties: the least) and its count."""
    counted = table.group_by([*keys, column], use_threads=False).aggregate(
        [("count", "sum")]).to_pylist()
    best: dict[tuple[str, ...], tuple[str, int]] = {}
    for row in counted:
        if row[column] is None:
            continue
        key = tuple(row[k] for k in keys)
        value = (str(row[column]), int(row["count_sum"]))
        if key not in best or (-value[1], value[0]) < (-best[key][1], best[key][0]):
            best[key] = value
    return best


def _headlines(context: AuditContext, summary: Any) -> list[Headline]:
    keys = ["service", "channel", "term"]
    missed = summary.filter(pc.equal(summary.column("met_term"), False))
    if missed.num_rows == 0:
        return []
    totals = {tuple(r[k] for k in keys): int(r["count_sum"]) for r in
              missed.group_by(keys, use_threads=False).aggregate([("count", "sum")]).to_pylist()}
    steps, months = _most(missed, keys, "longest_step"), _most(missed, keys, "month")
    versions = {tuple(r[k] for k in keys): (r["regulation_min"], r["regulation_version_min"])
                for r in missed.group_by(keys, use_threads=False).aggregate(
                    [("regulation", "min"), ("regulation_version", "min")]).to_pylist()}
    out = []
    engine = context.engine()
    for key in sorted(totals):
        service, channel, term = key
        count = totals[key]
        step, waited = steps.get(key, ("", 0))
        month = months[key][0]
        share = round(100 * waited / count)
        regulation = engine.graphs.regulation_version(*versions[key])
        actor = _actor_title(regulation, channel, step)
        term_kk, term_ru = term_words(term)
        month_kk, month_ru = _month(month)
        who_kk = f" ({actor.kk})" if actor else ""
        who_ru = f" ({actor.ru})" if actor else ""
        kk = (f"{term_kk} мерзім бұзылды — істер саны: {_number(count)}; олардың {share} "
              f"%-ы ең ұзақ «{step}» рәсімінде{who_kk} күтті; ең көбі — {month_kk}")
        ru = (f"Срок {term_ru} нарушен — дел: {_number(count)}; {share} % из них дольше "
              f"всего ждали на процедуре «{step}»{who_ru}; больше всего — {month_ru}")
        out.append(Headline(service, channel, term, count, step, share, month, Text(kk, ru)))
    return out


def _actor_title(regulation: Any, channel: str, step: str) -> Text | None:
    if regulation is None or not step:
        return None
    found = next((s for s in regulation.processes.get(channel, ()) if s.id == step), None)
    actor = next((a for a in regulation.actors if found and a.id == found.actor), None)
    return actor.title if actor is not None else None


def _counting(context: AuditContext, cases: Any) -> list[Counting]:
    engine = context.engine()
    seen: dict[tuple[str, str, str], Counting] = {}
    distinct = cases.group_by(["service", "channel", "standard_version", "term"],
                              use_threads=False).aggregate([])
    for row in distinct.to_pylist():
        if row["term"] is None:
            continue
        key = (row["service"], row["channel"], row["standard_version"])
        if key in seen:
            continue
        standard = next(s for s in engine.corpus.standard_versions(row["service"])
                        if s.valid_from.isoformat() == row["standard_version"])
        info = standard.channels[row["channel"]]
        schedule = engine.graphs.term_schedule(standard, row["channel"])
        week = engine.calendar.schedule(schedule).week or ""
        week_kk, week_ru = _WEEKS.get(week, (week, week))
        term_kk, term_ru = term_words(str(info.term))
        kk = f"{term_kk} мерзім «{schedule}» кестесі бойынша ({week_kk}) есептелді"
        ru = f"срок {term_ru} считался по графику «{schedule}» ({week_ru})"
        if info.acceptance_day_excluded:
            kk += "; қабылдау күні есептелмейді (88-V Заң, 20-бап 1-тармақ)"
            ru += "; день приёма не считается (Закон 88-V, ст. 20 п. 1)"
        seen[key] = Counting(row["service"], row["channel"], str(info.term), schedule, week,
                             info.acceptance_day_excluded, Text(kk, ru))
    return [seen[k] for k in sorted(seen)]


def audit_report(part: AuditPart, context: AuditContext) -> AuditReport:
    """The report of a merged part audited on `context`."""
    calendar = context.engine().calendar
    data = calendar.data
    return AuditReport(
        context.log, context.mapping.path, (data.id, data.title, data.first_year, data.last_year),
        part, case_figures(part.counted, ("service",), part.histogram),
        case_figures(part.counted, ("service", "channel"), part.histogram),
        case_figures(part.counted, ("month",), part.histogram),
        tally_figures(part.tallies, "step"), tally_figures(part.tallies, "actor"),
        _headlines(context, part.counted), _counting(context, part.counted),
        step_limits_words(part.findings.get("late_step_depends", 0)))
