"""The service passport of a standard: the record `documents.Passport`, in seed 004's order.

Seed 004 publishes each service as a passport: name, provider, where to apply,
recipients, cost, terms, form, schedule, documents, result. Everything here comes from
the standard, except the working hours, which come from the calendar's schedule each
channel counts on (`specs/calendars/kz.yaml`).
"""

from __future__ import annotations

from decimal import Decimal

from engine.calendar import Calendar
from engine.spec import RequiredDocument, Standard, Text
from renderers.documents.hours import schedule_line
from renderers.documents.labels import COPIES, COST_KINDS, FORMS, LABELS, RECIPIENTS, RESULT_FORMS
from renderers.documents.records import (
    DocumentGroup,
    Item,
    Passport,
    Service,
    TermLine,
)

__all__ = ["APPLICATION_TEMPLATE", "attached_on_paper", "document_item", "passport", "service_of"]

#: The template of the application form itself (`template: application_form` in a standard):
#: the application does not list itself among its attachments.
APPLICATION_TEMPLATE = "application_form"


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


def attached_on_paper(document: RequiredDocument) -> bool:
    """Whether a paper application lists the document among its attachments: not the
    application itself (`template: application_form`, or the document `application` of a
    standard that names no template), nor a document in electronic form only (`copy:
    electronic`, the portal's request signed with an EDS), which no paper form carries."""
    if document.template == APPLICATION_TEMPLATE or (document.template is None
                                                     and document.id == "application"):
        return False
    return document.copy != "electronic"


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
        schedules=tuple(schedule_line(c.title, calendar, c.schedule, c.reception)
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
