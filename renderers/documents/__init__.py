"""Bilingual documents of a service and of a case: what each says, as typed
records (`records`, built by `case_documents` and `passport`), worded in Kazakh and
Russian (`words`, `labels`), laid out by the Jinja templates of `renderers/templates`
(`environment`, `html`; an author's templates in a sandbox under limits: `limits`) and
printed to PDF (`pdf`, which loads no file but the templates').

May import: the engine's public API (`engine` and its stage packages, never their
modules).
"""

from __future__ import annotations

from renderers.documents.case_documents import (
    BUILDERS, application_form, notification, reasoned_refusal, receipt, refusal_to_accept,
    standard_case,
)
from renderers.documents.environment import TEMPLATES, TemplateDirectoryError
from renderers.documents.html import RenderError, articles, parse_langs, render_html, template_name
from renderers.documents.labels import (
    ARTICLES, COPIES, COST_KINDS, LABELS, RECIPIENTS, RESULT_FORMS,
)
from renderers.documents.limits import LIMITS, Limits, TemplateLimitError
from renderers.documents.sandbox import LimitedSandbox
from renderers.documents.pdf import FONT_STACK, PdfError, allowed_file, check_pdf_support, html_to_pdf
from renderers.documents.records import (
    CASE_DOCUMENTS, DOCUMENT_KINDS, DocumentError, DocumentKind, Passport,
)
from renderers.documents.words import (
    FILTERS, GROUP_SEPARATOR, LANGS, date_words, datetime_words, duration_text, duration_words,
    group_digits, money_words, number_words,
)

__all__ = [
    "ARTICLES", "BUILDERS", "CASE_DOCUMENTS", "COPIES", "COST_KINDS", "DOCUMENT_KINDS",
    "FILTERS", "FONT_STACK", "GROUP_SEPARATOR", "LABELS", "LANGS", "LIMITS", "RECIPIENTS",
    "RESULT_FORMS", "TEMPLATES", "DocumentError", "DocumentKind", "LimitedSandbox", "Limits",
    "Passport", "PdfError", "RenderError", "TemplateDirectoryError", "TemplateLimitError",
    "allowed_file", "application_form", "articles", "check_pdf_support", "date_words",
    "datetime_words", "duration_text", "duration_words", "group_digits", "html_to_pdf",
    "money_words", "notification", "number_words", "parse_langs", "reasoned_refusal", "receipt",
    "refusal_to_accept", "render_html", "standard_case", "template_name",
]
