"""A provider's report as HTML laid out as seed 000, one article per language (Kazakh first),
with its charts as inline SVG; and as PDF from that HTML (`renderers.documents.html_to_pdf`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

from markupsafe import Markup

from engine.report import COMPLAINT_COLUMNS, INPUT_ITEMS, Labels, ProviderReport
from engine.spec import Text
from renderers.documents import FONT_STACK, html_to_pdf
from renderers.documents.environment import environment
from renderers.reports.charts import COLOURS, Chart, month_chart, term_chart
from renderers.reports.words import (
    ARTICLE_WORDS,
    BODIES,
    CHANNEL_WORDS,
    DECISIONS,
    FORM_WORDS,
    WORDS,
)

__all__ = ["report_html", "report_pdf"]

_LANG = {"kk": 0, "ru": 1}
#: The number of each input item in its section, as seed 000 numbers them.
_FIRST = {"s2": 1, "s3": 1, "s4": 3, "s5": 1}


def _word(table: Mapping[str, tuple[str, str]], key: str | None, lang: str) -> str:
    if key is None:
        return ""
    found = table.get(key)
    return key if found is None else found[_LANG[lang]]


def _given(sections: Mapping[str, Text]) -> dict[str, list[tuple[int, Text, Text | None]]]:
    given: dict[str, list[tuple[int, Text, Text | None]]] = {s: [] for s in _FIRST}
    for item, (section, heading) in INPUT_ITEMS.items():
        number = _FIRST[section] + len(given[section])
        given[section].append((number, heading, sections.get(item)))
    return given


def _svg(chart: Chart, lang: str, names: Mapping[str, tuple[str, str]], caption: str,
         anchor: str) -> Markup:
    template = environment().get_template("reports/chart.svg")
    return Markup(template.render(
        chart=chart, colours=COLOURS, caption=caption, anchor=anchor,
        names={k: v[_LANG[lang]] for k, v in names.items()}))


def _namer(report: ProviderReport, labels: Labels) -> dict[str, Callable[..., str]]:
    """The template's functions that word an id of the figures by `labels` in a language,
    the id itself where no spec names it."""
    numbers = {s.standard: s.number for s in report.services if s.standard}

    def service(standard: str, lang: str) -> str:
        title = labels.service(standard)
        return title.get(lang) if title else standard

    def channel(standard: str, name: str, lang: str) -> str:
        title = labels.channel(standard, name)
        return title.get(lang) if title else name

    def actor(standard: str, name: str, lang: str) -> str:
        title = labels.actor(standard, name)
        return title.get(lang) if title else name

    def row(standard: str, name: str, lang: str) -> str:
        number = numbers.get(standard)
        return f"{number if number else standard}. {channel(standard, name, lang)}"

    return {"service_title": service, "channel_title": channel, "actor_title": actor,
            "row": row}


def _flip(row: Callable[..., str], lang: str, standard: str, channel: str) -> str:
    return row(standard, channel, lang)


def report_html(report: ProviderReport, langs: Sequence[str] = ("kk", "ru"),
                sections: Mapping[str, Text] | None = None, labels: Labels | None = None) -> str:
    """The report's HTML in `langs` (kk first), with the input file's texts by item id and
    the services, channels and late actors worded by `labels` (their ids without it)."""
    names = _namer(report, labels or Labels({}, {}, {}))
    row = names["row"]
    months = month_chart(report)
    terms = {lang: term_chart(report, partial(_flip, row, lang)) for lang in langs}
    term_names = {k: WORDS[k] for k in ("met", "missed", "open")}
    template = environment().get_template("reports/provider.html")
    return template.render(
        r=report, langs=list(langs), counts=dict(report.counts), columns=COMPLAINT_COLUMNS,
        font_stack=FONT_STACK,
        given=_given(sections or {}), **names,
        w=lambda key, lang: _word(WORDS, key, lang),
        form=lambda key, lang: _word(FORM_WORDS, key, lang),
        channel=lambda key, lang: _word(CHANNEL_WORDS, key, lang),
        article=lambda key, lang: _word(ARTICLE_WORDS, key, lang),
        body=lambda key, lang: _word(BODIES, key, lang),
        decision=lambda key, lang: _word(DECISIONS, key, lang),
        month_svg={lang: _svg(months, lang, CHANNEL_WORDS, WORDS["months"][_LANG[lang]],
                              "middle") for lang in langs},
        term_svg={lang: _svg(terms[lang], lang, term_names, WORDS["chart_terms"][_LANG[lang]],
                             "end") for lang in langs},
    ) + "\n"


def report_pdf(report: ProviderReport, langs: Sequence[str] = ("kk", "ru"),
               sections: Mapping[str, Text] | None = None, labels: Labels | None = None) -> bytes:
    """The report's PDF: its HTML laid out by WeasyPrint (the same bytes for the same input)."""
    return html_to_pdf(report_html(report, langs, sections, labels))
