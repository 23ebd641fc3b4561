"""What `reglament render` renders (`commands.render`): a document's record, and its case.

`CaseOptions` say where the case of a document comes from — a journal (`--db PATH
--case ID`), `reglament run`'s options (simulated the same way), or none — and check
that they fit the document. `_document` makes the record: the passport or a blank
application form from the latest standard SPEC names, the documents of a case (and a
filled application) from the case, replayed or simulated; a service with no regulation
in force that day runs on the minimal process its standard implies, and its documents
say that its steps are given by no text. Errors are `CommandError`s with
the exit code of `run_render`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from commands.journals import journal_failure, open_journal
from commands.run import parse_outcomes, resolve_spec, simulate_resolved
from commands.workspace import (
    EXIT_FAILED,
    EXIT_USAGE,
    CommandError,
    parse_applicant,
    parse_moment,
)
from engine.cases import SAMPLE_APPLICANT, CaseBook, CaseState, ExecutionError, Executor, JournalError
from engine.spec import Standard
from renderers.documents.records import CASE_DOCUMENTS, DocumentError, DocumentKind

# The renderers' builders are imported where a record is made, so the other commands do
# not load them at start-up.

__all__ = ["CaseOptions"]


@dataclass(frozen=True)
class CaseOptions:
    """Where the case of a document comes from: a journal, `reglament run`'s options, or none."""

    db: str | None = None
    case_id: str | None = None
    channel: str | None = None
    received: str | None = None
    documents: str | None = None
    outcomes: tuple[str, ...] = ()
    ground: str | None = None
    applicant: str | None = None

    @property
    def journal(self) -> bool:
        """True when --db or --case is given."""
        return self.db is not None or self.case_id is not None

    @property
    def simulation(self) -> bool:
        """True when any of `reglament run`'s options is given."""
        return any(v is not None for v in (self.channel, self.received, self.documents,
                                           self.ground, self.applicant)) or bool(self.outcomes)

    def check(self, doc: DocumentKind) -> None:
        """The options fit the document; raises a usage error (2) naming what to change."""
        if self.journal and self.simulation:
            raise CommandError("give the case either from a journal (--db, --case) or as "
                               "reglament run's options (--channel, --received...), not both",
                               EXIT_USAGE)
        if self.journal and (self.db is None or self.case_id is None):
            raise CommandError("a case from a journal needs both --db PATH and --case ID",
                               EXIT_USAGE)
        if doc == "passport" and (self.journal or self.simulation):
            raise CommandError("the passport is made from the spec alone (hint: drop the case "
                               "options)", EXIT_USAGE)
        blank_form = doc == "application" and self.received is None and not any(
            (self.documents is not None, self.outcomes, self.ground, self.applicant))
        if self.simulation and not blank_form and (self.channel is None or self.received is None):
            raise CommandError("a simulated case needs --channel and --received (hint: the same "
                               "options as reglament run)", EXIT_USAGE)
        if doc in CASE_DOCUMENTS and not (self.journal or self.simulation):
            raise CommandError(f"--doc {doc} is a document of a case (hint: give --db PATH "
                               "--case ID, or --channel C --received ISO as for reglament run)",
                               EXIT_USAGE)


def _case(spec: str, options: CaseOptions, doc: DocumentKind,
          specs: str | None) -> tuple[Executor, CaseState]:
    """The case: replayed from the journal, or simulated as `reglament run` does."""
    if options.journal:
        executor, service, _ = resolve_spec(spec, specs)
        with open_journal(options.db or "", create=False) as journal:
            try:
                state = CaseBook(executor, journal).state(options.case_id or "")
            except ExecutionError as error:
                raise CommandError(str(error), EXIT_FAILED) from None
            except (JournalError, sqlite3.Error) as error:
                raise journal_failure(error, journal) from None
        if service not in (state.standard, state.regulation):
            raise CommandError(f'case {state.case_id} is a case of "{state.standard}" '
                               f'(regulation "{state.regulation}"), not of "{service}" '
                               "(hint: give the case's service as SPEC)", EXIT_USAGE)
        return executor, state
    moment = parse_moment(options.received or "", "--received")
    applicant = parse_applicant(options.applicant) if options.applicant else SAMPLE_APPLICANT
    outcomes = parse_outcomes(options.outcomes)
    channel = options.channel or ""
    executor, service, regulation = resolve_spec(spec, specs)
    opening = doc in ("application", "receipt", "refusal-to-accept")
    state = simulate_resolved(executor, service, regulation, channel, moment, options.documents,
                              outcomes, options.ground, applicant, opening_only=opening)
    if doc == "refusal-to-accept" and state.status != "refused_to_accept":
        state = simulate_resolved(executor, service, regulation, channel, moment,
                                  options.documents, outcomes, options.ground, applicant)
    return executor, state


def _standard(executor: Executor, service: str) -> Standard:
    """The latest version of the standard SPEC names (a regulation names its standard)."""
    corpus = executor.corpus
    regulations = corpus.regulation_versions(service)
    name = regulations[-1].standard if regulations else service
    versions = corpus.standard_versions(name)
    if not versions:
        raise CommandError(f'no standard "{name}" in the specs (hint: reglament check shows '
                           "what the specs define)", EXIT_FAILED)
    return versions[-1]


def _document(spec: str, doc: DocumentKind, options: CaseOptions,
              specs: str | None) -> tuple[object, str, str]:
    """The document's record, the id of its service, and the stem of its file name."""
    from renderers.documents.case_documents import BUILDERS, application_form
    from renderers.documents.passport import passport
    if doc in CASE_DOCUMENTS or (doc == "application" and options.received is not None) or (
            doc == "application" and options.journal):
        executor, state = _case(spec, options, doc, specs)
        stem = state.case_id if options.journal else state.standard
        try:
            if doc == "application":
                record: object = application_form(_standard(executor, state.standard),
                                                  executor=executor, state=state)
            else:
                record = BUILDERS[doc](executor, state)
        except DocumentError as error:
            raise CommandError(str(error), EXIT_FAILED) from None
        return record, state.standard, stem
    executor, service, _ = resolve_spec(spec, specs)
    standard = _standard(executor, service)
    if doc == "passport":
        return passport(standard, executor.calendar), standard.id, standard.id
    channel = options.channel
    if channel is not None and channel not in standard.channels:
        raise CommandError(f'--channel: "{channel}" is not a channel of "{standard.id}" '
                           f"(hint: one of {', '.join(standard.channels)})", EXIT_USAGE)
    return application_form(standard, channel), standard.id, standard.id
