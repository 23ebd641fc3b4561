"""What each rendered document says: typed records the templates read, one per kind.

The records hold the facts only: texts of the specs (`Text`, Kazakh and Russian),
durations, instants and identifiers. How they are worded (numbers and terms in legal
words, dates) and laid out is the templates' business (`renderers/templates/`), so the
same record renders in every layout and language. The builders are
`renderers.documents.case_documents` (a case: the application, receipt, refusals,
notification) and `renderers.documents.passport` (the service passport).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from engine.spec import Duration, Text

__all__ = [
    "CASE_DOCUMENTS",
    "DOCUMENT_KINDS",
    "Appeal",
    "Applicant",
    "ApplicationForm",
    "DayHours",
    "DocumentError",
    "DocumentGroup",
    "DocumentKind",
    "Employee",
    "Item",
    "Notification",
    "Passport",
    "ReasonedRefusal",
    "Receipt",
    "RefusalToAccept",
    "ScheduleLine",
    "Service",
    "TermLine",
]

DocumentKind = Literal["application", "receipt", "refusal-to-accept", "refusal", "notification",
                       "passport"]

#: Every kind of document, in the order a case produces them.
DOCUMENT_KINDS: tuple[DocumentKind, ...] = ("application", "receipt", "refusal-to-accept",
                                            "refusal", "notification", "passport")

#: The kinds that need a case (the application may have one, the passport never does).
CASE_DOCUMENTS: frozenset[str] = frozenset({"receipt", "refusal-to-accept", "refusal",
                                            "notification"})


class DocumentError(Exception):
    """A document that cannot be made for this case or spec (e.g. a receipt for a case
    refused to accept); the message says why, with a hint."""


@dataclass(frozen=True)
class Service:
    """The service a document is about: every document names it."""

    id: str
    register_code: str | None
    title: Text
    provider: Text


@dataclass(frozen=True)
class Applicant:
    """The applicant: an ИИН or БИН (None on a blank form, to be filled in by hand)."""

    identifier: str | None
    kind: Literal["iin", "bin"] = "iin"


@dataclass(frozen=True)
class Item:
    """A document, result or ground as listed in a document, with its notes
    (the condition it applies under, the exemplar required, the gateway...)."""

    title: Text
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Employee:
    """Who acted for the provider: the position (a unit of the regulation) and, when the
    journal names a person, that person's id."""

    position: Text
    name: str | None = None


@dataclass(frozen=True)
class ApplicationForm:
    """The applicant's application (өтініш / заявление), blank or filled from a case."""

    service: Service
    channel: Text | None
    applicant: Applicant
    documents: tuple[Item, ...]
    consent: bool
    received: dt.datetime | None = None
    case_id: str | None = None
    #: The documents the provider obtains from another organisation (the applicant does
    #: not hand them in), with the organisation.
    obtained: tuple[Item, ...] = ()
    #: A case simulated, not taken from a journal (`reglament run`'s options): it prints
    #: the mark «ҮЛГІ / ОБРАЗЕЦ / SPECIMEN» instead of a request number.
    specimen: bool = False
    #: The provider the application is addressed to, when a catalogue of the specs names the
    #: office of the service (a blank line to fill in otherwise, and on a blank form).
    provider: Text | None = None


@dataclass(frozen=True)
class Receipt:
    """The receipt (қолхат / расписка) that promises when and where the result is issued."""

    service: Service
    case_id: str
    received: dt.datetime
    channel: Text
    applicant: Applicant
    documents: tuple[Item, ...]
    term: Duration
    acceptance_day_excluded: bool
    due: dt.datetime
    place: Text
    employee: Employee
    #: The days and hours the office issues results, when it is an office (not the portal).
    issue_hours: Text | None = None
    #: The documents the provider obtains from another organisation, not accepted from the
    #: applicant.
    obtained: tuple[Item, ...] = ()
    #: For a case on the minimal process its standard implies: the note that its steps are
    #: given by no text (`engine.process.IMPLIED_LABEL`), printed above the signatures.
    steps_note: Text | None = None
    #: A case simulated, not taken from a journal (`reglament run`'s options): it prints
    #: the mark «ҮЛГІ / ОБРАЗЕЦ / SPECIMEN» instead of a request number.
    specimen: bool = False


@dataclass(frozen=True)
class RefusalToAccept:
    """The receipt of a refusal to accept the documents (Art. 19, Art. 20(2) of Law 88-V).

    `missing` are the required documents not submitted and `article` the article applied;
    a refusal reached by a step of the process (e.g. a signature the portal rejects) has
    no article and gives the `reasons` instead.
    """

    service: Service
    case_id: str
    received: dt.datetime
    channel: Text
    applicant: Applicant
    submitted: tuple[Item, ...]
    missing: tuple[Item, ...]
    article: Text | None
    reasons: tuple[Text, ...]
    refused_at: dt.datetime
    employee: Employee
    #: For a case on the minimal process its standard implies: the note that its steps are
    #: given by no text (`engine.process.IMPLIED_LABEL`), printed above the signatures.
    steps_note: Text | None = None
    #: A case simulated, not taken from a journal (`reglament run`'s options): it prints
    #: the mark «ҮЛГІ / ОБРАЗЕЦ / SPECIMEN» instead of a request number.
    specimen: bool = False


@dataclass(frozen=True)
class Appeal:
    """How the applicant may appeal (Art. 25 of Law 88-V): the standard's text and terms."""

    text: Text | None
    provider_term: Duration
    agency_term: Duration
    extension: Duration


@dataclass(frozen=True)
class ReasonedRefusal:
    """A reasoned refusal to render the service: the ground, its legal citation, the right
    to reapply and to appeal."""

    service: Service
    case_id: str
    received: dt.datetime
    channel: Text
    applicant: Applicant
    ground: Text
    citation: Text
    refused_at: dt.datetime
    appeal: Appeal
    signatory: Text
    #: For a case on the minimal process its standard implies: the note that its steps are
    #: given by no text (`engine.process.IMPLIED_LABEL`), printed above the signatures.
    steps_note: Text | None = None
    #: A case simulated, not taken from a journal (`reglament run`'s options): it prints
    #: the mark «ҮЛГІ / ОБРАЗЕЦ / SPECIMEN» instead of a request number.
    specimen: bool = False


@dataclass(frozen=True)
class Notification:
    """The notification that the result is ready: what, since when, where to collect it."""

    service: Service
    case_id: str
    received: dt.datetime
    channel: Text
    applicant: Applicant
    results: tuple[Item, ...]
    ready_at: dt.datetime
    due: dt.datetime
    place: Text
    #: For a case on the minimal process its standard implies: the note that its steps are
    #: given by no text (`engine.process.IMPLIED_LABEL`), printed above the signatures.
    steps_note: Text | None = None
    #: A case simulated, not taken from a journal (`reglament run`'s options): it prints
    #: the mark «ҮЛГІ / ОБРАЗЕЦ / SPECIMEN» instead of a request number.
    specimen: bool = False


@dataclass(frozen=True)
class TermLine:
    """The terms of one channel, as the passport lists them."""

    channel: Text
    term: Duration
    max_wait: Duration | None
    max_service: Duration | None
    acceptance_day_excluded: bool
    #: The waiting time when collecting the result, when the standard gives it.
    max_wait_result: Duration | None = None


@dataclass(frozen=True)
class DayHours:
    """Some weekdays ("по средам", "понедельник – пятница") with their hours and breaks
    ("HH:MM-HH:MM")."""

    days: Text
    hours: str | None
    breaks: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScheduleLine:
    """When one channel works: around the clock, or working days with hours and breaks
    (times as "HH:MM-HH:MM"), the weekdays whose hours differ, and the reception hours when
    they differ (by weekday when reception is not the same every day)."""

    channel: Text
    title: Text
    around_the_clock: bool
    first_day: Text | None = None
    last_day: Text | None = None
    hours: str | None = None
    breaks: tuple[str, ...] = ()
    reception: str | None = None
    reception_breaks: tuple[str, ...] = ()
    #: Weekdays whose working hours differ (a short Saturday).
    days: tuple[DayHours, ...] = ()
    #: Reception by weekday, when it is not the same every working day.
    reception_days: tuple[DayHours, ...] = ()


@dataclass(frozen=True)
class DocumentGroup:
    """The documents required on some channels (channels that require the same ones share
    a group)."""

    channels: tuple[Text, ...]
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Passport:
    """The service passport, in the layout of seed 004."""

    service: Service
    channels: tuple[Text, ...]
    recipients: tuple[Text, ...]
    cost: Text
    amount: Decimal | None
    cost_basis: Text | None
    terms: tuple[TermLine, ...]
    forms: tuple[Text, ...]
    schedules: tuple[ScheduleLine, ...]
    documents: tuple[DocumentGroup, ...]
    results: tuple[Item, ...]
    #: A paid service whose text does not state the amount (`cost.amount: unknown`).
    amount_unknown: bool = False
