"""The portal's diagram of functional interaction of information systems, as SVG.

A regulation's first appendix for the portal channel («ақпараттық жүйелердің
функционалдық өзара іс-әрекеттерінің диаграммасы» / «диаграмма функционального
взаимодействия информационных систем») shows the numbered processes and conditions
of the portal procedure ("process 1: authorisation, condition 1: the credentials
are checked, ...") among the participants: the applicant, the portal and the
gateways, the provider's information system. `render_interaction(graph, lang)`
draws it from the compiled portal graph (nodes of kind `process` and `condition`):
one horizontal lane per participant, the flow left to right, a *control flow*
(solid) between steps of one participant and a *message flow* (dashed, with its
origin marked) where the flow passes to another participant, the start as the
initial message, the result as the final message carrying the electronic
document, refusals as errors. The legend follows seed 002's table of symbols.
"""

from __future__ import annotations

import networkx as nx

from engine.spec import Text
from renderers.diagrams.escaping import template_environment
from renderers.diagrams.layout import Layout, layout
from renderers.diagrams.swimlane import diagram_view, title_block

__all__ = ["INTERACTION", "LEGEND", "has_interaction", "render_interaction"]

#: The heading of the portal's interaction diagram.
INTERACTION = Text("Портал арқылы мемлекеттік қызметті көрсету кезінде ақпараттық жүйелердің "
                   "функционалдық өзара іс-әрекеттерінің диаграммасы",
                   "Диаграмма функционального взаимодействия информационных систем, "
                   "задействованных в оказании государственной услуги через портал")

#: The symbols of the interaction diagram (seed 002, «Шартты белгілер»).
LEGEND = {
    "unit": Text("Ақпараттық жүйе (қатысушы): көрсетілетін қызметті алушы, портал, шлюз, "
                 "көрсетілетін қызметті берушінің ақпараттық жүйесі",
                 "Информационная система (участник): услугополучатель, портал, шлюз, "
                 "информационная система услугодателя"),
    "message": Text("Бастапқы хабарлама", "Начальное сообщение"),
    "result": Text("Соңғы хабарлама: нақты алушыға берілетін электрондық құжат",
                   "Конечное сообщение: электронный документ, выдаваемый конечному получателю"),
    "refusal": Text("Қате: дәлелді бас тарту туралы хабарлама",
                    "Ошибка: сообщение о мотивированном отказе"),
    "refusal_to_accept": Text("Қате: өтінішті қабылдаудан бас тарту туралы хабарлама",
                              "Ошибка: сообщение об отказе в приеме запроса"),
    "process": Text("Үдеріс", "Процесс"),
    "condition": Text("Шарт", "Условие"),
    "message_flow": Text("Хабарламалар ағыны", "Поток сообщений"),
    "flow": Text("Басқару ағыны", "Поток управления"),
}


def has_interaction(graph: nx.DiGraph) -> bool:
    """True when the channel has numbered processes or conditions (the portal's)."""
    return any(kind in ("process", "condition") for _, kind in graph.nodes(data="kind"))


def _symbols(drawn: Layout) -> list[str]:
    endings = {box.ending for box in drawn.nodes.values() if box.ending}
    kinds = {box.kind for box in drawn.nodes.values()}
    symbols = ["unit", "message"]
    symbols += [e for e in ("result", "refusal", "refusal_to_accept") if e in endings]
    symbols.append("process")
    if "condition" in kinds or any(box.diamond for box in drawn.nodes.values()):
        symbols.append("condition")
    if any(route.source in drawn.nodes and route.target in drawn.nodes
           and drawn.nodes[route.source].lane != drawn.nodes[route.target].lane
           for route in drawn.edges):
        symbols.append("message_flow")
    symbols.append("flow")
    return symbols


def render_interaction(graph: nx.DiGraph, lang: str) -> str:
    """The interaction diagram of a portal channel graph as an SVG document.

    Raises:
        ValueError: for a language other than kk and ru, or a channel without numbered
            processes or conditions (there is nothing to show).
    """
    if not has_interaction(graph):
        raise ValueError(f'channel "{graph.graph["channel"].id}" has no numbered processes or '
                         "conditions (hint: the interaction diagram is drawn for the portal)")
    drawn = layout(graph, lang, orientation="horizontal")
    width = max(drawn.width + 48, 640.0)
    title = title_block(INTERACTION, graph, lang, width)
    view = diagram_view(drawn, title, _symbols(drawn), f'{graph.graph["channel"].id}-interaction',
                        LEGEND, "interaction")
    lanes = [box.lane for box in drawn.nodes.values()]
    by_node = dict(zip(drawn.nodes, lanes, strict=True))
    for edge in view["edges"]:  # type: ignore[attr-defined]
        edge["message"] = by_node[edge["source"]] != by_node[edge["target"]]
    return template_environment().get_template("diagrams/interaction.svg").render(view)
