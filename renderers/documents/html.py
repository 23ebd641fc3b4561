"""Render a document record to standalone HTML in a layout: interlinear, columns or separate.

- `interlinear` (the default, as in the seeds): each label in Kazakh then Russian on one
  line ("ӨТІНІШ / ЗАЯВЛЕНИЕ"), each text of the specs in Kazakh with the Russian below.
- `columns`: every row of the document twice, Kazakh on the left, Russian on the right.
- `separate`: one document per language, Kazakh first, each starting on a new page.

Every template is written once, in terms of the languages it is given (see
`templates/macros.html`); the layout decides which languages each row gets. The
output is one HTML file with its print CSS inlined, byte for byte the same for the
same record.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import jinja2
from jinja2.exceptions import SecurityError

from renderers.documents.environment import environment
from renderers.documents.limits import TemplateLimitError
from renderers.documents.pdf import FONT_STACK
from renderers.documents.records import DocumentKind
from renderers.documents.sandbox import LimitedSandbox
from renderers.documents.words import LANGS

__all__ = ["LAYOUTS", "Layout", "RenderError", "articles", "parse_langs", "render_html",
           "template_name"]

Layout = Literal["interlinear", "columns", "separate"]

#: The layouts, the default first.
LAYOUTS: tuple[Layout, ...] = ("interlinear", "columns", "separate")


class RenderError(Exception):
    """A document that cannot be rendered: a bad language or layout, or a template that
    fails (unsafe, undefined name, syntax, a limit of author templates, an error of an
    author's template), with where and a hint."""


def parse_langs(text: str | Sequence[str]) -> tuple[str, ...]:
    """`"kk,ru"` (or a sequence) as the languages to render, Kazakh first.

    Examples:
        >>> parse_langs("ru, kk")
        ('kk', 'ru')

    Raises:
        RenderError: an empty list or a language other than kk and ru.
    """
    items = [t.strip() for t in (text.split(",") if isinstance(text, str) else text) if t.strip()]
    unknown = [t for t in items if t not in LANGS]
    if unknown or not items:
        raise RenderError(f'--lang: expected kk, ru or kk,ru, got "{",".join(items)}" '
                          "(hint: state forms are in Kazakh and Russian)")
    return tuple(lang for lang in LANGS if lang in items)


def articles(layout: str, langs: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The languages of each article of the page: one bilingual article, or one per language.

    Raises:
        RenderError: an unknown layout, or columns with a single language.
    """
    if layout not in LAYOUTS:
        raise RenderError(f'--layout: unknown layout "{layout}" (hint: one of {", ".join(LAYOUTS)})')
    if layout == "separate":
        return tuple((lang,) for lang in langs)
    if layout == "columns" and len(langs) < 2:
        raise RenderError("--layout columns sets Kazakh and Russian side by side "
                          "(hint: give --lang kk,ru, or --layout separate for one language)")
    return (tuple(langs),)


def template_name(kind: DocumentKind) -> str:
    """The template of a kind of document: `documents/refusal_to_accept.html`."""
    return f"documents/{kind.replace('-', '_')}.html"


def render_html(kind: DocumentKind, document: object, *, layout: str = "interlinear",
                langs: Sequence[str] = LANGS, service_id: str = "",
                env: jinja2.Environment | None = None) -> str:
    """The standalone HTML of `document` (a record of `renderers.documents.records`).

    Args:
        kind: the kind of document, naming its template.
        layout: interlinear, columns or separate.
        langs: the languages shown, Kazakh first.
        service_id: shown in the page title (the standard's id).
        env: the environment (default: the bundled templates); give
            `environment(author_dir)` to render an author's templates in the sandbox.

    Raises:
        RenderError: a bad layout or languages, or a template that fails.
    """
    name = template_name(kind)
    env = env or environment()
    context = {"doc": document, "kind": kind, "layout": layout,
               "articles": articles(layout, langs), "service_id": service_id,
               "font_stack": FONT_STACK}  # the fonts the PDF is made with, covering Kazakh
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as error:
        raise RenderError(f"no template {error.name} (hint: the templates are "
                          "documents/<kind>.html with base.html and macros.html)") from None
    except jinja2.TemplateSyntaxError as error:
        raise RenderError(f"{error.filename or error.name}:{error.lineno}: {error.message}") from None
    except SecurityError as error:
        raise RenderError(f"{name}: refused by the sandbox: {error} (hint: templates may read "
                          "the document's fields, not Python internals)") from None
    except jinja2.UndefinedError as error:
        raise RenderError(f"{name}: {error.message} (hint: see docs/documents.md for the "
                          "fields of each document)") from None
    except TemplateLimitError as error:
        raise RenderError(f"{name}: stopped at a limit of author templates: {error} (hint: "
                          'docs/documents.md, "Limits")') from None
    except Exception as error:
        if not isinstance(env, LimitedSandbox):
            raise  # the bundled templates are ours: a failure is a bug to see in full
        raise RenderError(f"{name}: {type(error).__name__}: {_first_line(error)} (hint: the "
                          "template fails on this document)") from None


def _first_line(error: BaseException) -> str:
    lines = str(error).splitlines()
    return lines[0] if lines else ""
