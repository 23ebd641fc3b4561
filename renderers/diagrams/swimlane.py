"""The business-process reference of a channel as SVG.

`render_swimlane(graph, lang)` draws what a regulation's appendix calls the
«бизнес-үдерістерінің анықтамалығы» / «справочник бизнес-процессов»: a title block
(the reference, the service, the approving act, the channel and its term), one
column per structural-functional unit (the applicant's first), each step as a box
with its action and its time limit in legal words, decisions as diamonds with
their outcomes labelled, start and end symbols (a result, a reasoned refusal and a
refusal to accept drawn apart), arrows, and the legend of seed 002 in Kazakh and
Russian. Geometry comes from `renderers.diagrams.layout`; this module only turns it into
the strings `templates/diagrams/swimlane.svg` prints (each shape's with
`renderers.diagrams.svg_shapes`). Output is deterministic: the same graph and language
give the same bytes.

The page of all channels is `renderers.diagrams.page`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from engine.process import IMPLIED_LABEL, IMPLIED_NOTE
from engine.spec import Channel, Regulation, Standard, Text
from renderers.diagrams.escaping import template_environment
from renderers.diagrams.layout import Layout, TextLine, layout
from renderers.diagrams.svg_shapes import SYMBOL_W, Style, fmt, line_view, path, rect_view, shape, symbol
from renderers.diagrams.text_metrics import FONT_FAMILY, wrap
from renderers.documents.labels import LABELS
from renderers.documents.words import date_words, duration_text

__all__ = [
    "LEGEND",
    "REFERENCE",
    "LegendItem",
    "Style",
    "Title",
    "diagram_view",
    "fmt",
    "render_swimlane",
    "title_block",
]

#: The heading of a regulation's business-process reference.
REFERENCE = Text("Мемлекеттік қызмет көрсетудің бизнес-үдерістерінің анықтамалығы",
                 "Справочник бизнес-процессов оказания государственной услуги")
_APPROVED = Text("Регламентті бекіткен акт", "Регламент утвержден")

#: The legend of the swimlane symbols (seed 002, appendix 2), by symbol.
LEGEND: Mapping[str, Text] = {
    "unit": Text("ҚФБ – құрылымдық-функционалдық бірлік: көрсетілетін қызметті берушінің "
                 "құрылымдық бөлімшелерінің (қызметкерлерінің), Мемлекеттік корпорацияның, "
                 "«электрондық үкімет» веб-порталының өзара іс-әрекеттері",
                 "СФЕ – структурно-функциональная единица: взаимодействие структурных "
                 "подразделений (работников) услугодателя, Государственной корпорации, "
                 "веб-портала «электронного правительства»"),
    "start": Text("мемлекеттік қызмет көрсетудің басталуы",
                  "начало оказания государственной услуги"),
    "result": Text("мемлекеттік қызмет көрсетудің аяқталуы: нәтиже",
                   "завершение оказания государственной услуги: результат"),
    "refusal": Text("мемлекеттік қызмет көрсетудің аяқталуы: дәлелді бас тарту",
                    "завершение оказания государственной услуги: мотивированный отказ"),
    "refusal_to_accept": Text("мемлекеттік қызмет көрсетудің аяқталуы: құжаттарды "
                              "қабылдаудан бас тарту",
                              "завершение оказания государственной услуги: отказ в приеме "
                              "документов"),
    "step": Text("көрсетілетін қызметті алушы рәсімінің (іс-әрекетінің) және (немесе) ҚФБ "
                 "атауы, орындалу мерзімі",
                 "наименование процедуры (действия) услугополучателя и (или) СФЕ, срок "
                 "исполнения"),
    "choice": Text("таңдау нұсқасы", "вариант выбора"),
    "flow": Text("келесі рәсімге (іс-әрекетке) өту", "переход к следующей процедуре (действию)"),
}
_LEGEND_HEADING = Text("Шартты белгілер", "Условные обозначения")

MARGIN = 24
TITLE_SIZE, TITLE_LINE = 14, 19
SUB_SIZE, SUB_LINE = 11, 15
LEGEND_SIZE, LEGEND_LINE = 10, 13


@dataclass(frozen=True)
class Title:
    """The title block: its lines, placed, and its height."""

    lines: tuple[TextLine, ...]
    height: float


@dataclass(frozen=True)
class LegendItem:
    """One symbol of the legend and its explanation, Kazakh lines then Russian."""

    symbol: str
    x: float
    y: float
    lines: tuple[TextLine, ...]


def _stack(texts: Sequence[tuple[str, float, float, bool, bool]], width: float, x: float,
           top: float, anchor: str = "start") -> tuple[list[TextLine], float]:
    """Wrapped lines from `top`, each text in its size; returns them and the bottom."""
    lines, y = [], top
    for text, size, line, bold, italic in texts:
        for row in wrap(text, width, size, bold=bold):
            lines.append(TextLine(x, round(y + 0.93 * size + (line - 1.17 * size) / 2, 1), row,
                                  size, bold, italic, "middle" if anchor == "middle" else "start"))
            y += line
    return lines, y


def title_block(heading: Text, graph: nx.DiGraph, lang: str, width: float) -> Title:
    """The heading, the service, the approving act, the channel and its term, centred."""
    standard: Standard = graph.graph["standard"]
    regulation: Regulation = graph.graph["regulation"]
    channel: Channel = graph.graph["channel"]
    approved = _approved(regulation, lang)
    term = channel.term_text.get(lang) if channel.term_text else duration_text(channel.term, lang)
    texts = [
        (heading.get(lang), TITLE_SIZE, TITLE_LINE, True, False),
        (f"«{standard.title.get(lang)}»", SUB_SIZE + 1, SUB_LINE + 1, True, False),
        (approved, SUB_SIZE, SUB_LINE, False, False),
        (f"{LABELS['channel'].get(lang)}: {channel.title.get(lang)}. "
         f"{LABELS['term'].get(lang)}: {term}", SUB_SIZE, SUB_LINE, False, False),
        (f"{regulation.id}, {regulation.valid_from.isoformat()} – "
         f"{regulation.valid_to.isoformat() if regulation.valid_to else '…'}",
         LEGEND_SIZE, LEGEND_LINE, False, True),
    ]
    lines, bottom = _stack(texts, width - 2 * MARGIN, width / 2, MARGIN, "middle")
    return Title(tuple(lines), bottom + 12)


def _approved(regulation: Regulation, lang: str) -> str:
    """The act that approved the steps (with the region of an akimat's regulation), or, for
    the minimal process a standard implies, the label that no text gives them."""
    act = regulation.approved_by
    if act is None:
        return f"{IMPLIED_LABEL.get(lang)}: {IMPLIED_NOTE.get(lang)}"
    region = f"{regulation.region.get(lang)}, " if regulation.region is not None else ""
    return (f"{_APPROVED.get(lang)}: {region}{act.title.get(lang)}, "
            f"{date_words(act.date, lang)}, № {act.number}")


def legend_items(symbols: Iterable[str], width: float, top: float,
                 texts: Mapping[str, Text] = LEGEND) -> tuple[tuple[LegendItem, ...], float]:
    """The legend rows of `symbols` (in that order) from `top`; returns them and the bottom."""
    items, y = [], top
    for name in symbols:
        text = texts[name]
        lines, bottom = _stack([(text.kk, LEGEND_SIZE, LEGEND_LINE, False, False),
                                (text.ru, LEGEND_SIZE, LEGEND_LINE, False, True)],
                               width - SYMBOL_W - 8, MARGIN + SYMBOL_W + 8, y)
        items.append(LegendItem(name, MARGIN, y, tuple(lines)))
        y = max(bottom, y + 30) + 6
    return tuple(items), y


def _symbols(drawn: Layout) -> list[str]:
    kinds = {box.kind for box in drawn.nodes.values()}
    endings = {box.ending for box in drawn.nodes.values() if box.ending}
    symbols = ["unit", "start"]
    symbols += [e for e in ("result", "refusal", "refusal_to_accept") if e in endings]
    symbols.append("step")
    if any(box.diamond for box in drawn.nodes.values()) or kinds & {"decision", "condition"}:
        symbols.append("choice")
    symbols.append("flow")
    return symbols


def diagram_view(drawn: Layout, title: Title, legend: Sequence[str], prefix: str,
                 legend_texts: Mapping[str, Text] = LEGEND,
                 style: Style = "reference") -> dict[str, object]:
    """Everything the SVG template prints, as strings: page, title, lanes, boxes, edges, legend."""
    width = float(math.ceil(max(drawn.width + 2 * MARGIN, 640.0)))
    offset_x = (width - drawn.width) / 2
    legend_top = title.height + drawn.height + 2 * MARGIN
    heading, top = _stack([(f"{_LEGEND_HEADING.kk} / {_LEGEND_HEADING.ru}", SUB_SIZE, SUB_LINE,
                            True, False)], width - 2 * MARGIN, MARGIN, legend_top)
    items, bottom = legend_items(legend, min(width - 2 * MARGIN, 900.0), top + 6, legend_texts)
    return {
        "prefix": prefix, "font": FONT_FAMILY, "lang": drawn.lang,
        "width": fmt(width), "height": fmt(math.ceil(bottom + MARGIN)),
        "title": [line_view(t) for t in title.lines],
        "title_text": " ".join(t.text for t in title.lines[:2]),
        "dx": fmt(offset_x), "dy": fmt(title.height),
        "lanes": [{"x": fmt(lane.x), "y": fmt(lane.y), "w": fmt(lane.w), "h": fmt(lane.h),
                   "actor": lane.actor or "applicant", "header": rect_view(lane.header),
                   "lines": [line_view(t) for t in lane.lines]} for lane in drawn.lanes],
        "boxes": [shape(box, style) for box in drawn.nodes.values()],
        "edges": [{"d": path(route.points), "source": route.source, "target": route.target,
                   "outcome": route.outcome or "", "returns": route.returns,
                   "label": shape(route.label) if route.label else ""}
                  for route in drawn.edges],
        "legend_heading": [line_view(t) for t in heading],
        "legend": [{"symbol": item.symbol,
                    "shape": symbol(item.symbol, item.x, item.y, drawn.lang, style),
                    "lines": [line_view(t) for t in item.lines]} for item in items],
    }


def render_swimlane(graph: nx.DiGraph, lang: str) -> str:
    """The business-process reference of one compiled channel as an SVG document.

    Raises:
        ValueError: for a language other than kk and ru.
    """
    drawn = layout(graph, lang)
    width = max(drawn.width + 2 * MARGIN, 640.0)
    title = title_block(REFERENCE, graph, lang, width)
    view = diagram_view(drawn, title, _symbols(drawn), graph.graph["channel"].id)
    return template_environment().get_template("diagrams/swimlane.svg").render(view)
