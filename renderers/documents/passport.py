"""The service passport of a standard: the record `documents.Passport`, in seed 004's order.

Seed 004 publishes each service as a passport: name, provider, where to apply,
recipients, cost, terms, form, schedule, documents, result. Everything here comes from
the standard, except the working hours, which come from the calendar's schedule each
channel counts on (`specs/calendars/kz.yaml`).
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from engine.calendar import Calendar, Period
from engine.spec import RequiredDocument, Standard, Text
from renderers.documents.labels import COPIES, COST_KINDS, FORMS, LABELS, RECIPIENTS, RESULT_FORMS, WEEKDAYS
from renderers.documents.records import (
    DocumentGroup,
    Item,
    Passport,
    ScheduleLine,
    Service,
    TermLine,
)

__all__ = ["document_item", "passport", "service_of"]


def service_of(standard: Standard) -> Service:
    """The service a document names: the standard's title, code and provider."""
    return Service(standard.id, standard.register_code, standard.title, standard.provider)


def document_item(document: RequiredDocument, *, with_provision: bool = True) -> Item:
    """A required document as listed: its title and notes (condition, exemplar, gateway, or
    the organisation the provider obtains it from)."""
    notes: list[Text] = []
    if document.condition is not None:
        notes.append(document.condition)
    if document.copy is not None:
        notes.append(COPIES[document.copy])
    if with_provision and document.provision == "gateway":
        notes.append(LABELS["from_gateway"])
    if with_provision and document.provision == "obtained" and document.obtained_from:
        label, where = LABELS["obtained_from"], document.obtained_from
        notes.append(Text(f"{label.kk}: {where.kk}", f"{label.ru}: {where.ru}"))
    return Item(document.title, tuple(notes))


def passport(standard: Standard, calendar: Calendar) -> Passport:
    """The passport of `standard`, with the working hours of `calendar`'s schedules."""
    channels = list(standard.channels.values())
    return Passport(
        service=service_of(standard),
        channels=tuple(c.title for c in channels),
        recipients=tuple(RECIPIENTS[r] for r in standard.recipients),
        cost=COST_KINDS[standard.cost.kind],
        amount=None if standard.cost.amount is None else Decimal(str(standard.cost.amount)),
        cost_basis=standard.cost.basis,
        terms=tuple(TermLine(c.title, c.term, c.max_wait, c.max_service,
                             c.acceptance_day_excluded, c.max_wait_result) for c in channels),
        forms=tuple(FORMS[f] for f in standard.forms),
        schedules=tuple(_schedule_line(c.title, calendar, c.schedule, c.reception)
                        for c in channels),
        documents=_document_groups(standard),
        results=tuple(Item(r.title, tuple(RESULT_FORMS[f] for f in r.form))
                      for r in standard.results),
        amount_unknown=standard.cost.amount_unknown,
    )


def _document_groups(standard: Standard) -> tuple[DocumentGroup, ...]:
    """The documents per channel; channels requiring the same documents share a group."""
    groups: dict[tuple[str, ...], list[Text]] = {}
    for channel in standard.channels.values():
        ids = tuple(d.id for d in standard.documents if d.applies_to(channel.id))
        groups.setdefault(ids, []).append(channel.title)
    by_id = {d.id: d for d in standard.documents}
    return tuple(DocumentGroup(tuple(titles), tuple(document_item(by_id[i]) for i in ids))
                 for ids, titles in groups.items())


def _schedule_line(channel: Text, calendar: Calendar, name: str,
                   reception_name: str | None) -> ScheduleLine:
    """The working days and hours of the schedule `name`; the reception hours are those of
    the schedule `reception_name` when the channel names one, else the schedule's own."""
    schedule = calendar.schedule(name)
    if schedule.intake == "always":
        return ScheduleLine(channel, schedule.title, around_the_clock=True)
    week = calendar.data.weeks.get(schedule.week or "")
    days = sorted(week.working_weekdays) if week is not None else []
    hours, breaks = _span(schedule.periods)
    reception_periods = (calendar.schedule(reception_name).periods if reception_name
                         else schedule.reception)
    reception, reception_breaks = _span(reception_periods)
    return ScheduleLine(channel, schedule.title, around_the_clock=False,
                        first_day=WEEKDAYS[days[0]] if days else None,
                        last_day=WEEKDAYS[days[-1]] if days else None,
                        hours=hours, breaks=breaks, reception=reception,
                        reception_breaks=reception_breaks)


def _span(periods: tuple[Period, ...]) -> tuple[str | None, tuple[str, ...]]:
    """Working periods as the hours from the first start to the last end, and the breaks
    between them: (09:00-13:00, 14:00-18:30) → ("09:00-18:30", ("13:00-14:00",))."""
    if not periods:
        return None, ()
    ordered = sorted(periods, key=lambda p: p.start)
    whole = Period(ordered[0].start, ordered[-1].end)
    breaks = tuple(str(Period(a.end, b.start)) for a, b in itertools.pairwise(ordered)
                   if b.start > a.end)
    return str(whole), breaks
