"""The documents the render tests use: one case per kind of document, on the real specs.

The Aktobe regulations of `specs/` were in force from 2015-07-26 to 2020-02-17, so the
cases are received on Monday 2 September 2019 (UTC+6 then). Loading the corpus takes
about half a second; it is done once per test process.
"""

from __future__ import annotations

import functools
from pathlib import Path

from engine.calendar import default_calendar, parse_instant
from engine.cases import CaseState, Executor, simulate
from engine.corpus import load_corpus
from engine.spec import Standard
from renderers.documents.case_documents import (
    application_form,
    notification,
    reasoned_refusal,
    receipt,
    refusal_to_accept,
)
from renderers.documents.passport import passport
from renderers.documents.records import DOCUMENT_KINDS, DocumentKind

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
GOLDEN = Path(__file__).resolve().parent / "golden"
#: The made-up service of the details real texts give (tests/data/gaps) and its golden files.
GAPS = ROOT / "tests" / "data" / "gaps"
GAPS_GOLDEN = GOLDEN / "gaps"
GAPS_RECEIVED = "2024-06-03T10:00:00+05:00"
RECEIVED = "2019-09-02T10:00:00+06:00"
LAYOUTS = ("interlinear", "columns", "separate")


@functools.cache
def executor(specs: Path = SPECS) -> Executor:
    """An executor on a specs directory (the project's by default), made once."""
    return Executor(load_corpus([specs]), default_calendar())


def latest(service: str, ex: Executor | None = None) -> Standard:
    """The latest version of a standard."""
    return (ex or executor()).corpus.standard_versions(service)[-1]


def case(service: str, channel: str, *, opening: bool = False, ex: Executor | None = None,
         case_id: str = "2019-0042", documents: list[str] | None = None,
         outcomes: dict[str, list[str]] | None = None, ground: str | None = None,
         applicant: str = "000101500001") -> CaseState:
    """A case simulated as `reglament run` does (or only opened, with `opening`)."""
    ex = ex or executor()
    moment = parse_instant(RECEIVED)
    if opening:
        if documents is None:
            standard, _ = ex.resolve(service, moment.date())
            documents = [d.id for d in standard.required_documents(channel)]
        return ex.replay(ex.open(case_id, service, channel, moment, applicant, documents))
    return simulate(ex, service, channel, moment, case_id=case_id, documents=documents,
                    outcomes=outcomes, ground=ground, applicant=applicant)


def document(kind: DocumentKind) -> tuple[object, str]:
    """The record of each kind the golden files show, and its service id.

    - application: the blank form of the preschool queue at the provider's office (seed 004);
    - receipt and notification: a duplicate of a school certificate asked for at the State
      Corporation (15 working days, the day of acceptance not counted);
    - refusal to accept and reasoned refusal: school admission at the provider's office,
      without the application, and refused for requirements not met;
    - passport: the preschool queue, as in seed 004.
    """
    ex = executor()
    if kind == "application":
        return application_form(latest("preschool-queue"), "provider_office"), "preschool-queue"
    if kind == "passport":
        return passport(latest("preschool-queue"), ex.calendar), "preschool-queue"
    if kind == "receipt":
        return receipt(ex, case("education-document-duplicates", "gov_corp", opening=True)), \
            "education-document-duplicates"
    if kind == "notification":
        return notification(ex, case("education-document-duplicates", "gov_corp")), \
            "education-document-duplicates"
    if kind == "refusal-to-accept":
        return refusal_to_accept(ex, case("school-admission", "provider_office", opening=True,
                                          documents=[])), "school-admission"
    return reasoned_refusal(ex, case("school-admission", "provider_office",
                                     outcomes={"review": ["refuse"]},
                                     ground="requirements_not_met")), "school-admission"


KINDS: tuple[DocumentKind, ...] = DOCUMENT_KINDS
#: The documents of the made-up service that print its details.
GAPS_KINDS: tuple[DocumentKind, ...] = ("passport", "application", "receipt")


def gaps_document(kind: DocumentKind) -> object:
    """The passport, blank application and receipt of the made-up service of tests/data/gaps:
    a second waiting time (at the result), a fee the text does not state, and a document the
    provider obtains from another organisation."""
    ex = executor(GAPS)
    standard = latest("school-transport", ex)
    if kind == "passport":
        return passport(standard, ex.calendar)
    if kind == "application":
        return application_form(standard, "provider_office")
    state = ex.replay(ex.open("2024-0007", "school-transport", "provider_office",
                              parse_instant(GAPS_RECEIVED), "000101500001", ["application"]))
    return receipt(ex, state)
