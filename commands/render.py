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

The record of the document, and the case it is made from, come from
`commands.render_records`; this module renders it and writes the file.
"""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from commands.output import make_directory, write_file
from commands.render_records import CaseOptions, _document
from commands.run import ApplicantOption, DocumentsOption, GroundOption, OutcomeOption, SpecsOption
from commands.style import progress
from commands.workspace import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CommandError
from renderers.documents.records import DocumentKind

# The renderers (Jinja, WeasyPrint) are imported where a document is rendered, so the
# other commands do not load them at start-up.

__all__ = ["CaseOptions", "render_command", "run_render"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


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
    with progress(f"reglament render {spec} --doc {doc.value}", sys.stderr):
        code = run_render(spec, doc.value, lang, layout.value if layout else None, fmt.value,
                          out_dir, options, specs=specs, templates=templates, out=sys.stdout,
                          err=sys.stderr)
    raise typer.Exit(code)
