"""`reglament render SPEC --doc KIND`: a bilingual document as HTML or PDF, written to a directory.

SPEC is resolved as `reglament run` resolves it (a regulation or standard file, a
regulation id, a service id). The service passport and a blank application form need
only the spec; the documents of a case (receipt, refusal to accept, reasoned refusal,
notification, and a filled application) take the case either from a journal
(`--db PATH --case ID`) or from `reglament run`'s own options (`--channel --received
[--documents] [--outcome ...] [--ground] [--applicant]`), simulated the same way.

`run_render` returns the exit code: 0 written (the paths are printed, one per line);
2 when the command line is wrong (an unknown language or layout, a case given twice
or not at all, a name the specs do not define, anything `reglament run` rejects);
1 when the document does not fit the case (a receipt for an application refused to
accept), the specs, the journal or an author's template fail, or the file cannot be
written (`commands.output`). Errors are one line on stderr and nothing is written.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import pendulum
import typer

from commands.output import make_directory, write_file
from commands.run import (
    ApplicantOption,
    DocumentsOption,
    GroundOption,
    OutcomeOption,
    SpecsOption,
    parse_outcomes,
    resolve_spec,
    simulate_resolved,
)
from commands.workspace import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    journal_failure,
    open_journal,
    parse_applicant,
    parse_moment,
    split_list,
)
from engine.calendar import CalendarError
from engine.cases import SAMPLE_APPLICANT, CaseBook, CaseState, ExecutionError, Executor, JournalError
from engine.spec import Standard, is_valid_on
from renderers.documents.records import CASE_DOCUMENTS, DocumentError, DocumentKind

# The renderers (Jinja, WeasyPrint) are imported where a document is rendered, so the
# other commands do not load them at start-up.

__all__ = ["CaseOptions", "render_command", "run_render"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


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
    if opening and regulation is None:
        decided = _by_the_standard(executor, service, channel, moment, applicant, options)
        if decided is not None:
            return executor, decided
    state = simulate_resolved(executor, service, regulation, channel, moment, options.documents,
                              outcomes, options.ground, applicant, opening_only=opening)
    if doc == "refusal-to-accept" and state.status != "refused_to_accept":
        state = simulate_resolved(executor, service, regulation, channel, moment,
                                  options.documents, outcomes, options.ground, applicant)
    return executor, state


def _by_the_standard(executor: Executor, service: str, channel: str, moment: pendulum.DateTime,
                     applicant: str, options: CaseOptions) -> CaseState | None:
    """The application to a service in force with no regulation in force that day, as its
    standard alone decides it; None when a regulation is in force (or the service is not)."""
    from renderers.documents.case_documents import standard_case
    day = moment.in_timezone(executor.calendar.timezone).date()
    corpus = executor.corpus
    standard = corpus.standard_on(service, day)
    if standard is None or any(is_valid_on(r, day) for r in corpus.regulations_for(service)):
        return None
    submitted = (split_list(options.documents) if options.documents is not None
                 else [d.id for d in standard.required_documents(channel)
                       if channel in standard.channels])
    try:
        return standard_case(executor, service, channel, moment, applicant, submitted)
    except ExecutionError as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    except CalendarError as error:
        raise CommandError(str(error), EXIT_FAILED) from None


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


def run_render(spec: str, doc: DocumentKind, langs: str, layout: str | None, fmt: str,
               out_dir: str, options: CaseOptions, *, specs: str | None,
               templates: str | None, out: TextIO, err: TextIO) -> int:
    """Render one document of SPEC into `out_dir`; print the path written; return the exit code."""
    from renderers.documents.environment import TemplateDirectoryError, environment
    from renderers.documents.html import RenderError, articles, parse_langs, render_html
    try:
        try:
            languages = parse_langs(langs)
            chosen = layout or ("separate" if doc == "passport" else "interlinear")
            articles(chosen, languages)
            env = environment(templates) if templates else None
        except (RenderError, TemplateDirectoryError) as error:
            raise CommandError(str(error), EXIT_USAGE) from None
        options.check(doc)
        record, service_id, stem = _document(spec, doc, options, specs)
        try:
            html = render_html(doc, record, layout=chosen, langs=languages,
                               service_id=service_id, env=env)
        except RenderError as error:
            raise CommandError(str(error), EXIT_FAILED) from None
        target = Path(out_dir) / f"{_UNSAFE.sub('_', stem)}-{doc}.{fmt}"
        data = html.encode("utf-8") if fmt == "html" else _pdf(html, templates)
        make_directory(target.parent, parents=True)
        write_file(target, data)
        out.write(f"{target}\n")
    except CommandError as error:
        return error.report("render", err)
    return EXIT_OK


def _pdf(html: str, templates: str | None) -> bytes:
    """The PDF of the HTML; it may load files of the bundled templates and of `templates` only."""
    from renderers.documents.pdf import PdfError, html_to_pdf
    try:
        return html_to_pdf(html, templates=templates)
    except PdfError as error:
        raise CommandError(str(error), EXIT_FAILED) from None


class DocumentChoice(StrEnum):
    application = "application"
    receipt = "receipt"
    refusal_to_accept = "refusal-to-accept"
    refusal = "refusal"
    notification = "notification"
    passport = "passport"


class LayoutChoice(StrEnum):
    interlinear = "interlinear"
    columns = "columns"
    separate = "separate"


class FormatChoice(StrEnum):
    html = "html"
    pdf = "pdf"


def render_command(
    spec: Annotated[str, typer.Argument(help="A regulation or standard file, a regulation id or "
                                        "a service id.", show_default=False)],
    doc: Annotated[DocumentChoice, typer.Option("--doc", help="The document to render.",
                                                show_default=False)],
    out_dir: Annotated[str, typer.Option("--out", help="The directory to write the file in "
                                         "(created when missing).", show_default=False)],
    lang: Annotated[str, typer.Option("--lang", help="Languages, Kazakh first: kk,ru, kk or "
                                      "ru.")] = "kk,ru",
    layout: Annotated[LayoutChoice | None, typer.Option(
        "--layout", help="interlinear (default; the passport: separate), columns (kk | ru side "
        "by side) or separate (one document per language, Kazakh first).",
        show_default=False)] = None,
    fmt: Annotated[FormatChoice, typer.Option("--format", help="Standalone HTML with print CSS, "
                                              "or PDF made from it.")] = FormatChoice.html,
    db: Annotated[str | None, typer.Option("--db", help="The journal holding the case.",
                                           show_default=False)] = None,
    case_id: Annotated[str | None, typer.Option("--case", help="The case id in the journal.",
                                                show_default=False)] = None,
    channel: Annotated[str | None, typer.Option(
        "--channel", help="Simulate the case as reglament run does: the channel "
        "(for the application alone: the blank form of this channel).",
        show_default=False)] = None,
    received: Annotated[str | None, typer.Option(
        "--received", help="The moment of receipt of the simulated case, ISO 8601 with its UTC "
        "offset.", show_default=False)] = None,
    documents: DocumentsOption = None,
    outcome: OutcomeOption = None,
    ground: GroundOption = None,
    applicant: ApplicantOption = None,
    specs: SpecsOption = None,
    templates: Annotated[str | None, typer.Option(
        "--templates", help="A directory of the author's templates over the bundled ones "
        "(documents/<kind>.html), rendered in a sandbox.", show_default=False)] = None,
) -> None:
    """Render a bilingual document (Kazakh and Russian) as HTML or PDF into a directory."""
    options = CaseOptions(db=db, case_id=case_id, channel=channel, received=received,
                          documents=documents, outcomes=tuple(outcome or ()), ground=ground,
                          applicant=applicant)
    raise typer.Exit(run_render(spec, doc.value, lang, layout.value if layout else None,
                                fmt.value, out_dir, options, specs=specs, templates=templates,
                                out=sys.stdout, err=sys.stderr))
