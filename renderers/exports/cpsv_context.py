"""The vocabulary of the CPSV-AP export: namespaces, IRIs, code lists and the extension.

CPSV-AP 3.2.0 (the EU Core Public Service Vocabulary Application Profile) is written
with the namespaces of `CONTEXT`. The JSON-LD `@context` is inline (prefixes only, no
remote URL), so a reader needs no network to expand it. Values are written in the
explicit JSON-LD forms (`{"@id": ...}`, `{"@value": ..., "@language": ...}`,
`{"@value": ..., "@type": ...}`), so no term definition changes their meaning.

What CPSV-AP cannot say is written with the extension namespace `EXT`
(https://reglament.kz/ns/cpsv-ext#); docs/diagrams.md ("## CPSV-AP") lists every term.
The IRIs of our own resources start with `ID_BASE`; the EU's authority tables name the
country, the languages and the currency.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from engine.spec import Duration, Text

__all__ = [
    "CONTEXT",
    "COUNTRY",
    "CURRENCY",
    "EXT",
    "EXT_TERMS",
    "ID_BASE",
    "LANGUAGES",
    "RECIPIENTS",
    "REFUSAL_GROUND_TYPE",
    "UNIT_IRIS",
    "exact_duration",
    "iri",
    "lang_values",
    "typed",
]

#: The extension namespace: what CPSV-AP 3.2.0 has no property for.
EXT = "https://reglament.kz/ns/cpsv-ext#"

#: Where the IRIs of exported resources (services, channels, documents, acts) start.
ID_BASE = "https://reglament.kz/id/"

#: The inline JSON-LD context: prefixes of every namespace the export uses.
CONTEXT: Mapping[str, str] = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "rgl": EXT,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_AUTHORITY = "http://publications.europa.eu/resource/authority/"

#: Kazakhstan, in the EU country table (a `dct:Location`).
COUNTRY = (_AUTHORITY + "country/KAZ",
           Text("Қазақстан Республикасы", "Республика Казахстан", "Republic of Kazakhstan"))

#: The tenge, in the EU currency table (a `skos:Concept`).
CURRENCY = (_AUTHORITY + "currency/KZT", Text("теңге", "тенге", "tenge"))

#: The languages a service is rendered in (Law on Languages, art. 21), Kazakh first.
LANGUAGES: tuple[tuple[str, Text], ...] = (
    (_AUTHORITY + "language/KAZ", Text("қазақ тілі", "казахский язык", "Kazakh")),
    (_AUTHORITY + "language/RUS", Text("орыс тілі", "русский язык", "Russian")),
)

#: Who may apply (`recipients` of a standard), as concepts of our own scheme.
RECIPIENTS: Mapping[str, Text] = {
    "individuals": Text("жеке тұлғалар", "физические лица", "individuals"),
    "legal_entities": Text("заңды тұлғалар", "юридические лица", "legal entities"),
}

#: The type of every `cpsv:Rule` the export writes: a ground to refuse the service.
REFUSAL_GROUND_TYPE = (ID_BASE + "rule-type/refusal-ground",
                       Text("мемлекеттік қызмет көрсетуден бас тарту негізі",
                            "основание для отказа в оказании государственной услуги",
                            "ground for refusing the service"))

#: The units of a term, as individuals of the extension.
UNIT_IRIS: Mapping[str, str] = {
    "min": "rgl:workingMinute",
    "h": "rgl:workingHour",
    "wd": "rgl:workingDay",
    "cd": "rgl:calendarDay",
    "bd": "rgl:bankingDay",
    "mo": "rgl:calendarMonth",
}

#: Every extension term, with what it says (docs/diagrams.md repeats this table).
EXT_TERMS: Mapping[str, str] = {
    "rgl:Term": "class: a legal term as the law counts it (amount, unit, schedule)",
    "rgl:term": "Channel -> Term: the term of service on this channel",
    "rgl:amount": "Term -> xsd:integer: how many units",
    "rgl:unit": ("Term -> one of rgl:workingMinute, rgl:workingHour, rgl:workingDay, "
                 "rgl:calendarDay, rgl:bankingDay, rgl:calendarMonth"),
    "rgl:schedule": "Term -> string: the calendar schedule the term is counted on",
    "rgl:acceptanceDayExcluded": "Term -> xsd:boolean: the day of acceptance is not counted "
                                 "(Law 88-V, art. 20 p. 1)",
    "rgl:termText": "Term -> kk/ru text: the term as the standard words it",
    "rgl:maxWaitingTime": "Channel -> xsd:duration: the longest allowed wait in the queue",
    "rgl:maxWaitingTimeResult": "Channel -> xsd:duration: the longest allowed wait when "
                                "collecting the result",
    "rgl:maxServiceTime": "Channel -> xsd:duration: the longest allowed time at the counter",
    "rgl:receptionSchedule": "Channel -> string: the schedule of reception hours, when it differs",
    "rgl:form": "PublicService / Output -> string: paper, electronic, electronic_full, "
                "electronic_partial",
    "rgl:provision": "Evidence -> string: submit (by the applicant), gateway (from state "
                     "systems through the e-gov gateway) or obtained (by the provider from the "
                     "organisation of rgl:obtainedFrom)",
    "rgl:obtainedFrom": "Evidence -> kk/ru text: the organisation the provider obtains it from",
    "rgl:copy": "Evidence -> string: original, copy, original_and_copy, electronic",
    "rgl:condition": "Evidence -> kk/ru text: when the document is required only in some cases",
    "rgl:citation": "Rule -> kk/ru text: the legal provision that establishes the ground",
    "rgl:statutoryGround": "Rule -> xsd:integer: the ground's number in Law 88-V, art. 19-1 p. 2",
    "rgl:Appeal": "class: how to appeal, with the complaint terms (Law 88-V, art. 25)",
    "rgl:appeal": "PublicService -> Appeal",
    "rgl:providerTerm": "Appeal -> Term: the term to consider a complaint at the provider",
    "rgl:agencyTerm": "Appeal -> Term: the term at the quality-control agency",
    "rgl:validFrom": "PublicService / LegalResource -> xsd:date: first day in force",
    "rgl:validTo": "PublicService / LegalResource -> xsd:date: last day in force",
    "rgl:region": "LegalResource (a regulation) -> kk/ru text: the region it applies in",
    "rgl:paragraph": "LegalResource -> string: the paragraph of the act cited",
    "rgl:source": "any -> string: where the fact was taken from (seed, act and paragraph)",
}


def iri(*parts: str) -> str:
    """An IRI of our own under `ID_BASE`, each part percent-encoded.

    Examples:
        >>> iri("service", "school-admission", "channel", "portal")
        'https://reglament.kz/id/service/school-admission/channel/portal'
        >>> iri("act", "2015-04-08", "No 179/1")
        'https://reglament.kz/id/act/2015-04-08/No%20179%2F1'
    """
    return ID_BASE + "/".join(quote(part, safe="-_.~") for part in parts)


def lang_values(text: Text) -> list[dict[str, str]]:
    """A bilingual text as JSON-LD language-tagged values: Kazakh, Russian, then English."""
    values = [{"@language": "kk", "@value": text.kk}, {"@language": "ru", "@value": text.ru}]
    if text.en:
        values.append({"@language": "en", "@value": text.en})
    return values


def typed(value: str, datatype: str) -> dict[str, Any]:
    """A typed literal, e.g. `typed("2015-07-26", "xsd:date")`."""
    return {"@type": datatype, "@value": value}


def exact_duration(duration: Duration) -> str | None:
    """The ISO 8601 duration of a term in minutes, hours or months; None for days.

    Minutes and hours of a term are working time, so they say exactly how much
    processing time the term allows. Working and banking days have no ISO 8601 form, and
    calendar days end on the next working day when the last one is a holiday, so
    neither is written as an `xsd:duration` (the extension carries them exactly). A term
    in months is the calendar months ISO 8601 counts (`P1M`); that its end moves to the
    next working day is said by the extension's term beside it.

    Examples:
        >>> exact_duration(Duration(30, "min")), exact_duration(Duration(2, "h"))
        ('PT30M', 'PT2H')
        >>> exact_duration(Duration(15, "wd")) is None, exact_duration(Duration(5, "bd")) is None
        (True, True)
        >>> exact_duration(Duration(1, "mo"))
        'P1M'
    """
    if duration.unit == "min":
        return f"PT{duration.amount}M"
    if duration.unit == "h":
        return f"PT{duration.amount}H"
    if duration.unit == "mo":
        return f"P{duration.amount}M"
    return None
