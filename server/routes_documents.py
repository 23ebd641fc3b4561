"""Documents, diagrams and the CPSV-AP export, made by the renderers as the CLI makes them.

- `GET /standards/{id}/passport?lang=&format=html|pdf&on=`: the passport of a service
  (`reglament render --doc passport`);
- `GET /cases/{id}/documents/{kind}?lang=&format=`: a document of a case of the journal
  (receipt, refusal-to-accept, refusal, notification, application);
- `GET /regulations/{id}/diagram?channel=&format=svg|bpmn|mermaid&lang=kk|ru&on=`: a
  channel's process (`reglament diagram`);
- `GET /standards/{id}/cpsv?on=`: the CPSV-AP 3.2.0 JSON-LD of a standard (`reglament export`).

A version is the one in force on `on`, else the latest. The texts of the specs are escaped
by the renderers (Jinja's autoescape, `renderers.diagrams.escaping`); HTML and SVG are served
with a Content-Security-Policy that runs no script. Rendering is done one at a time
(WeasyPrint and the templates' caches are shared).
"""

from __future__ import annotations

import re
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from engine.process import compile_regulation
from engine.spec import is_valid_on
from renderers.diagrams import render_bpmn, render_mermaid, render_swimlane
from renderers.documents import (
    BUILDERS,
    DocumentError,
    PdfError,
    RenderError,
    application_form,
    html_to_pdf,
    parse_langs,
    render_html,
)
from renderers.documents.passport import passport
from renderers.exports import cpsv_text, export_cpsv
from server.lookup import day_of, state_of, unknown
from server.problems import Problem
from server.routes_cases import desk_of

__all__ = ["DIAGRAMS", "router"]

router = APIRouter()
_LOCK = threading.Lock()
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
#: No script, nothing fetched: styles and images inline only.
_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
           "base-uri 'none'; form-action 'none'")
#: Each diagram format: its renderer and media type.
DIAGRAMS: dict[str, tuple[Any, str, str]] = {
    "svg": (render_swimlane, "image/svg+xml", "svg"),
    "bpmn": (render_bpmn, "application/xml", "bpmn"),
    "mermaid": (render_mermaid, "text/plain; charset=utf-8", "mmd"),
}
Lang = Annotated[str, Query(pattern="^(kk|ru|kk,ru)$", description="kk, ru or kk,ru")]
DocumentFormat = Annotated[str, Query(pattern="^(html|pdf)$", description="html or pdf")]
OnDay = Annotated[str | None, Query(max_length=10, description="ISO date; default the latest "
                                    "version")]


def _file(content: bytes | str, media: str, name: str) -> Response:
    headers = {"Content-Disposition": f'inline; filename="{_UNSAFE.sub("_", name)}"',
               "X-Content-Type-Options": "nosniff", "Content-Security-Policy": _POLICY}
    return Response(content, media_type=media, headers=headers)


def _document(kind: str, record: object, service: str, lang: str, fmt: str,
              layout: str, name: str) -> Response:
    with _LOCK:
        try:
            html = render_html(kind, record, layout=layout, langs=parse_langs(lang),  # type: ignore[arg-type]
                               service_id=service)
            if fmt == "pdf":
                return _file(html_to_pdf(html), "application/pdf", f"{name}.pdf")
        except (RenderError, PdfError) as error:
            raise Problem(422, str(error)) from None
    return _file(html, "text/html; charset=utf-8", f"{name}.html")


def _version(versions: list[Any], on: str | None, what: str) -> Any:
    if on is None:
        return versions[-1]
    day = day_of(on)
    chosen = next((v for v in versions if is_valid_on(v, day)), None)
    if chosen is None:
        spans = ", ".join(f"{v.valid_from}..{v.valid_to or ''}" for v in versions)
        raise Problem(422, f"no version of {what} is in force on {day} (hint: its versions "
                      f"are valid {spans})")
    return chosen


@router.get("/standards/{standard}/passport", summary="The passport of a service: HTML or PDF")
def standard_passport(request: Request, standard: str, lang: Lang = "kk,ru",
                      format: DocumentFormat = "html", on: OnDay = None) -> Response:
    state = state_of(request)
    versions = state.corpus.standard_versions(standard)
    if not versions:
        raise unknown("standard", standard, (s.id for s in state.corpus.standards), "/standards")
    chosen = _version(versions, on, repr(standard))
    layout = "separate" if "," in lang else "interlinear"
    return _document("passport", passport(chosen, state.calendar), chosen.id, lang, format,
                     layout, f"{chosen.id}-passport")


@router.get("/cases/{case_id}/documents/{kind}", summary="A document of a case of the journal")
def case_document(request: Request, case_id: str, kind: str, lang: Lang = "kk,ru",
                  format: DocumentFormat = "html") -> Response:
    if kind not in ("application", "receipt", "refusal-to-accept", "refusal", "notification"):
        raise unknown("document", kind, ("application", "receipt", "refusal-to-accept",
                                         "refusal", "notification"), "/openapi.json")
    desk = desk_of(request)

    def record(book: Any) -> tuple[object, str]:
        from engine.cases import ExecutionError

        try:
            case = book.state(case_id)
        except ExecutionError:
            raise Problem(404, f"no case {case_id!r} in the journal (hint: POST /cases opens "
                          "one)", kind="unknown-case") from None
        try:
            if kind == "application":
                standard = book.executor.corpus.standard_versions(case.standard)[-1]
                return application_form(standard, executor=book.executor, state=case), \
                    case.standard
            return BUILDERS[kind](book.executor, case), case.standard
        except DocumentError as error:
            raise Problem(422, str(error), kind="no-such-document") from None
    made, service = desk.call(record)
    return _document(kind, made, service, lang, format, "interlinear", f"{case_id}-{kind}")


@router.get("/regulations/{regulation}/diagram", summary="A channel's process: SVG, BPMN, Mermaid")
def regulation_diagram(request: Request, regulation: str,
                       channel: Annotated[str, Query(max_length=200)],
                       format: Annotated[str, Query(pattern="^(svg|bpmn|mermaid)$")] = "svg",
                       lang: Annotated[str, Query(pattern="^(kk|ru)$")] = "kk",
                       on: OnDay = None) -> Response:
    state = state_of(request)
    versions = state.corpus.regulation_versions(regulation)
    if not versions:
        raise unknown("regulation", regulation, (r.id for r in state.corpus.regulations),
                      "/regulations")
    chosen = _version(versions, on, repr(regulation))
    standard = state.corpus.standard_of(chosen)
    if standard is None:  # pragma: no cover - the corpus refuses a regulation without one
        raise Problem(422, f"no standard {chosen.standard!r} for {chosen.id!r}")
    compiled = compile_regulation(chosen, standard)
    if channel not in compiled.graphs:
        raise unknown("channel", channel, compiled.graphs, f"/regulations/{regulation}")
    render, media, suffix = DIAGRAMS[format]
    with _LOCK:
        text = render(compiled.graphs[channel], lang)
    return _file(text, media, f"{chosen.id}.{channel}.{suffix}")


@router.get("/standards/{standard}/cpsv", summary="A standard as CPSV-AP 3.2.0 JSON-LD")
def standard_cpsv(request: Request, standard: str, on: OnDay = None) -> Response:
    state = state_of(request)
    versions = state.corpus.standard_versions(standard)
    if not versions:
        raise unknown("standard", standard, (s.id for s in state.corpus.standards), "/standards")
    chosen = _version(versions, on, repr(standard))
    regulations = [r for r in state.corpus.regulations_for(chosen.id)
                   if state.corpus.standard_of(r) == chosen]
    text = cpsv_text(export_cpsv(chosen, regulations, calendar=state.calendar.data))
    return _file(text, "application/ld+json", f"{chosen.id}.jsonld")
