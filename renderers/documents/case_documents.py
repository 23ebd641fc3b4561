"""The documents of a case, built from the executor's case state and the specs it runs on.

A case state (`engine.cases.state.CaseState`, from `reglament run`'s simulation or a journal)
says what happened; the standard and regulation of the versions the case was opened on
say what it means. Each builder checks that the document fits the case — a receipt only
for an accepted application, a reasoned refusal only for a case refused with a ground —
and raises `DocumentError` with the reason otherwise.

A service with no regulation in force runs its cases on the minimal process its standard
implies (`engine.process.implied`); every document of such a case says, above its
signatures, that its steps are given by no text (`steps_note`). `standard_case` is the
case as the standard alone decides it (accepted with its due instant, or refused to
accept), without any steps, for a library caller that wants no process at all.

Examples:
    The application form needs no case: `application_form(standard, "provider_office")`
    is the blank form of that channel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pendulum

from engine.calendar import from_micros, to_micros
from engine.cases import CaseState, Executor
from engine.process import IMPLIED_LABEL, IMPLIED_NOTE
from engine.spec import Duration, Regulation, Standard, Text, parse_identifier
from renderers.documents.hours import reception_text
from renderers.documents.labels import ARTICLES, LABELS
from renderers.documents.passport import attached_on_paper, document_item, service_of
from renderers.documents.records import (
    Appeal,
    Applicant,
    ApplicationForm,
    DocumentError,
    Employee,
    Item,
    Notification,
    ReasonedRefusal,
    Receipt,
    RefusalToAccept,
)

__all__ = ["BUILDERS", "SIMULATED_CASE", "application_form", "notification",
           "reasoned_refusal", "receipt", "refusal_to_accept", "standard_case"]

#: Appeal terms of Art. 25 of Law 88-V, for a standard that does not state its own:
#: 5 working days at the provider or the State Corporation, 15 at the quality-control
#: agency, extendable by up to 10 working days (see DOMAIN.md, "Time rules").
PROVIDER_APPEAL = Duration(5, "wd")
AGENCY_APPEAL = Duration(15, "wd")
APPEAL_EXTENSION = Duration(10, "wd")

#: The id of a case simulated in memory (`engine.cases.simulate`, `reglament run`), not from
#: a journal: its documents are specimens («ҮЛГІ / ОБРАЗЕЦ / SPECIMEN»), with no request number.
SIMULATED_CASE = "simulation"

_STATUS = {"open": "is still open", "result": "ended with its result",
           "refusal": "ended in a reasoned refusal", "refused_to_accept": "was refused to accept"}


def application_form(standard: Standard, channel: str | None = None, *,
                     executor: Executor | None = None,
                     state: CaseState | None = None) -> ApplicationForm:
    """The application form of a service: blank for `channel`, or filled from a case.

    A blank form lists the documents to submit on `channel` (every channel's when None);
    a case's form lists the documents the applicant submitted, with the ИИН/БИН and the
    moment of receipt.
    """
    consent = any(g.id == "no_consent" for g in standard.refusal_grounds)
    if state is not None and executor is not None:
        standard, _ = specs_of(executor, state)
        items = tuple(document_item(d, with_provision=False) for d in standard.documents
                      if d.id in state.documents and attached_on_paper(d))
        return ApplicationForm(service_of(standard),
                               standard.channels[state.channel].title, _applicant(state),
                               items, consent, _at(executor, state.received), state.case_id,
                               _obtained(standard, state.channel), specimen=_specimen(state),
                               provider=executor.corpus.provider_of(standard.id))
    documents = tuple(document_item(d, with_provision=False) for d in standard.documents
                      if d.provision == "submit" and attached_on_paper(d)
                      and (channel is None or d.applies_to(channel)))
    title = standard.channels[channel].title if channel is not None else None
    obtained = tuple(document_item(d) for d in standard.documents if d.provision == "obtained"
                     and (channel is None or d.applies_to(channel)))
    return ApplicationForm(service_of(standard), title, Applicant(None), documents, consent,
                           obtained=obtained)


def receipt(executor: Executor, state: CaseState) -> Receipt:
    """The receipt of an accepted application: what was accepted, and the date the result
    will be issued (the engine's due instant)."""
    if state.status == "refused_to_accept" or state.due is None:
        raise _misfit(state, "a receipt is issued only for an accepted application",
                      "--doc refusal-to-accept")
    standard, regulation = specs_of(executor, state)
    channel = standard.channels[state.channel]
    return Receipt(service_of(standard), state.case_id,
                   _at(executor, state.received), channel.title, _applicant(state),
                   tuple(_submitted(standard, state)), channel.term,
                   channel.acceptance_day_excluded, _at(executor, state.due),
                   _place(executor, standard, state.channel), _employee(standard, regulation, state),
                   issue_hours=reception_text(executor.calendar, channel.schedule,
                                              channel.reception),
                   obtained=_obtained(standard, state.channel),
                   steps_note=_steps_note(regulation), specimen=_specimen(state))


def refusal_to_accept(executor: Executor, state: CaseState) -> RefusalToAccept:
    """The receipt of a refusal to accept: the documents missing and the article applied,
    or, for a refusal at a step of the process, the outcome that led to it."""
    if state.status != "refused_to_accept" or state.finished is None:
        raise _misfit(state, "a refusal to accept is issued only for an application refused "
                      "at acceptance", "--doc receipt" if state.due is not None else None)
    standard, regulation = specs_of(executor, state)
    article = None
    if state.article is not None:
        article = ARTICLES.get(state.article)
        if article is None:
            raise DocumentError(f'no Kazakh and Russian wording for the article "{state.article}" '
                                "(hint: add it to renderers.documents.labels.ARTICLES)")
    missing = tuple(document_item(d, with_provision=False) for d in standard.documents
                    if d.id in state.missing)
    reasons = () if state.missing else _outcome_labels(regulation, state)
    return RefusalToAccept(service_of(standard), state.case_id,
                           _at(executor, state.received), standard.channels[state.channel].title,
                           _applicant(state), tuple(_submitted(standard, state)), missing,
                           article, reasons, _at(executor, state.finished),
                           _employee(standard, regulation, state), _steps_note(regulation),
                           _specimen(state))


def reasoned_refusal(executor: Executor, state: CaseState) -> ReasonedRefusal:
    """The reasoned refusal: the ground cited, its legal citation, the right to reapply
    and the appeal terms of the standard (Art. 25 of Law 88-V where it states none)."""
    if state.status != "refusal" or state.finished is None:
        raise _misfit(state, "a reasoned refusal is issued only for a case refused with a ground",
                      {"result": "--doc notification", "refused_to_accept":
                       "--doc refusal-to-accept"}.get(state.status))
    standard, regulation = specs_of(executor, state)
    ground = standard.ground(state.ground or "")
    if ground is None:
        raise DocumentError(f"case {state.case_id} cites no refusal ground of "
                            f'"{standard.id}" (hint: the case was refused with --ground NAME)')
    appeal = standard.appeal
    return ReasonedRefusal(
        service_of(standard), state.case_id, _at(executor, state.received),
        standard.channels[state.channel].title, _applicant(state), ground.title, ground.citation,
        _at(executor, state.finished),
        Appeal(appeal.text if appeal else None,
               (appeal.provider_term if appeal else None) or PROVIDER_APPEAL,
               (appeal.agency_term if appeal else None) or AGENCY_APPEAL, APPEAL_EXTENSION),
        LABELS["head"], _steps_note(regulation), _specimen(state))


def notification(executor: Executor, state: CaseState) -> Notification:
    """The notification that the result is ready: the results the case's steps issued
    (every result of the standard when no step names one), when and where."""
    if state.status != "result" or state.finished is None or state.due is None:
        raise _misfit(state, "a notification of the result is issued only for a case that "
                      "ended with its result", "--doc refusal" if state.status == "refusal"
                      else None)
    standard, regulation = specs_of(executor, state)
    steps = {s.id: s for s in (regulation.processes.get(state.channel, ()) if regulation else ())}
    issued = [r for record in state.history if record.step in steps
              for r in steps[record.step].results]
    results = tuple(Item(r.title) for r in standard.results if not issued or r.id in issued)
    return Notification(service_of(standard), state.case_id,
                        _at(executor, state.received), standard.channels[state.channel].title,
                        _applicant(state), results, _at(executor, state.finished),
                        _at(executor, state.due), _place(executor, standard, state.channel),
                        _steps_note(regulation), _specimen(state))


#: The builder of each document that needs a case.
BUILDERS: dict[str, Callable[[Executor, CaseState], object]] = {
    "receipt": receipt,
    "refusal-to-accept": refusal_to_accept,
    "refusal": reasoned_refusal,
    "notification": notification,
}


def standard_case(executor: Executor, service: str, channel: str, received: dt.datetime,
                  applicant: str, documents: Sequence[str],
                  case_id: str = SIMULATED_CASE) -> CaseState:
    """An application to a service decided by its standard alone (`Executor.receipt`): open
    with the due instant the standard promises, or refused to accept. It has no regulation,
    hence no steps; the documents of its acceptance can be made from it.

    Raises:
        ExecutionError: as `Executor.receipt` does (unknown or repealed service, channel or
            document, an invalid ИИН/БИН, a naive instant).
    """
    decided = executor.receipt(service, channel, received, applicant, documents)
    moment = to_micros(received)
    refused = decided.due is None
    return CaseState(case_id, decided.service, decided.standard_version, "", "", channel,
                     parse_identifier(applicant).value, tuple(sorted(set(documents))), moment,
                     decided.due, status="refused_to_accept" if refused else "open",
                     missing=decided.missing, article=decided.article,
                     finished=moment if refused else None)


def specs_of(executor: Executor, state: CaseState) -> tuple[Standard, Regulation | None]:
    """The versions of the standard and regulation a case runs on (no regulation for a
    `standard_case`)."""
    standard = next(s for s in executor.corpus.standard_versions(state.standard)
                    if s.valid_from.isoformat() == state.standard_version)
    regulation = (executor.regulation_version(state.regulation, state.regulation_version)
                  if state.regulation else None)
    return standard, regulation


def _steps_note(regulation: Regulation | None) -> Text | None:
    """The note of a case on the minimal process its standard implies: steps given by no text."""
    if regulation is None or not regulation.implied:
        return None
    kk, ru, en = (f"{IMPLIED_LABEL.get(lang)}: {IMPLIED_NOTE.get(lang)}"
                  for lang in ("kk", "ru", "en"))
    return Text(kk, ru, en)


def _misfit(state: CaseState, why: str, hint: str | None) -> DocumentError:
    name = "the simulated case" if _specimen(state) else f"case {state.case_id}"
    detail = f"{name} {_STATUS[state.status]}: {why}"
    return DocumentError(f"{detail} (hint: {hint})" if hint else detail)


def _specimen(state: CaseState) -> bool:
    """True for a simulated case: its documents are specimens, not a real request's."""
    return state.case_id == SIMULATED_CASE


def _at(executor: Executor, micros: int) -> pendulum.DateTime:
    return from_micros(micros, executor.calendar.timezone)


def _applicant(state: CaseState) -> Applicant:
    return Applicant(state.applicant, parse_identifier(state.applicant).kind)


def _submitted(standard: Standard, state: CaseState) -> list[Item]:
    """The documents the applicant submitted, in the standard's order."""
    return [document_item(d, with_provision=False) for d in standard.documents
            if d.id in state.documents]


def _obtained(standard: Standard, channel: str) -> tuple[Item, ...]:
    """The documents the provider obtains from another organisation on `channel`, each with
    the organisation: listed apart, as nothing the applicant hands in."""
    return tuple(document_item(d) for d in standard.obtained_documents(channel))


def _place(executor: Executor, standard: Standard, channel: str) -> Text:
    """Where the result is issued: the applicant's personal account on a channel that takes
    applications at any hour (the portal), else the office of the channel (the provider's
    office, the State Corporation) — not the standard's provider, which names a kind of body
    in many lines ("местные исполнительные органы областей, …"), not an office."""
    info = standard.channels[channel]
    if executor.calendar.schedule(info.schedule).intake == "always":
        return LABELS["personal_account"]
    return info.title


def _employee(standard: Standard, regulation: Regulation | None, state: CaseState) -> Employee:
    """Who received the application: the first unit of the provider (or State Corporation)
    that acted on the case, or the one its process starts with; without a regulation, or on
    the process a standard implies (whose actor is the whole provider, in the standard's many
    lines), the office of the channel (the provider's office, the State Corporation, the
    portal)."""
    if regulation is None or regulation.implied:
        return Employee(standard.channels[state.channel].title)
    for record in state.history:
        actor = regulation.actor(record.actor)
        if actor is not None and actor.kind != "applicant":
            return Employee(actor.title, record.by if record.by != record.actor else None)
    for step in regulation.processes.get(state.channel, ()):
        actor = regulation.actor(step.actor)
        if actor is not None and actor.kind != "applicant":
            return Employee(actor.title)
    return Employee(standard.provider)


def _outcome_labels(regulation: Regulation | None, state: CaseState) -> tuple[Text, ...]:
    """The labels of the outcomes taken on the case's decisions, the last one last."""
    if regulation is None:
        return ()
    steps = {s.id: s for s in regulation.processes.get(state.channel, ())}
    labels: list[Text] = []
    for record in state.history:
        step = steps.get(record.step)
        if step is not None and record.outcome is not None:
            labels.extend(o.label for o in step.outcomes if o.id == record.outcome)
    return tuple(labels[-1:])
