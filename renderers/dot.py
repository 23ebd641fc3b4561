"""Graphviz DOT of a compiled channel graph, and the texts every diagram export shares.

One cluster per lane (actor), numbered as in the business-process reference, the
applicant's first; shapes by node kind (task: rounded box, portal process: blue box,
decision: diamond, portal condition: hexagon, start: circle, result: double
circle, refusals: red double octagon); each step's label is its action, wrapped, with its
time limit in legal words; outcomes label the edges, with the bound of a return
("not more than 2 times"). Node labels are HTML-like labels (escaped as HTML), the
others quoted strings (backslashes, quotes and `&` escaped). Output is byte-stable.

`lanes`, `node_lines`, `edge_label` and `graph_title` give the same texts to the
Mermaid and BPMN exports.

Examples:
    >>> print(quote('say "hi" & \\\\ bye'))
    "say \\"hi\\" &amp; \\\\ bye"
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from engine.compile import START
from engine.model import Actor, Regulation, Standard, Step, Text
from renderers.words import duration_text

__all__ = [
    "END_NAMES",
    "START_NAME",
    "Lane",
    "edge_label",
    "graph_title",
    "label_parts",
    "lanes",
    "node_lines",
    "quote",
    "render_dot",
    "time_limit",
]

#: The start and the ways a case ends (seed 002's legend: the start or end of the service).
START_NAME = Text("Басталуы", "Начало")
END_NAMES: Mapping[str, Text] = {
    "result": Text("Мемлекеттік қызмет көрсету нәтижесі", "Результат оказания государственной услуги"),
    "refusal": Text("Дәлелді бас тарту", "Мотивированный отказ"),
    "refusal_to_accept": Text("Құжаттарды қабылдаудан бас тарту", "Отказ в приеме документов"),
}
_NUMBERED = {"process": Text("Үдеріс", "Процесс"), "condition": Text("Шарт", "Условие")}
_REPEATS = Text("ең көбі {} рет", "не более {} раз")
#: Characters per line of a wrapped label.
WIDTH = 32


@dataclass(frozen=True)
class Lane:
    """A swimlane: its number (from 1), actor and title, and the graph nodes in it, in order."""

    number: int
    actor: Actor | None
    title: str
    nodes: tuple[str, ...]

    @property
    def id(self) -> str:
        """A short identifier safe in every export (`lane_1`, ...)."""
        return f"lane_{self.number}"


def time_limit(step: Step, lang: str) -> str | None:
    """The step's time limit in legal words ("5 (бес) минут ішінде"), if it has one."""
    if step.duration is None:
        return None
    return duration_text(step.duration, lang, form="within")


def node_lines(graph: nx.DiGraph, node: str, lang: str, width: int = WIDTH) -> list[str]:
    """The label of a node as lines: number (portal), action wrapped, time limit."""
    text, limit = label_parts(graph, node, lang, width)
    return [*text, *limit]


def label_parts(graph: nx.DiGraph, node: str, lang: str, width: int = WIDTH) -> tuple[list[str], list[str]]:
    """A node's label as its text lines and its time-limit lines (none for start and ends)."""
    data = graph.nodes[node]
    if node == START:
        return [START_NAME.get(lang)], []
    step: Step | None = data.get("step")
    if step is None:
        return [END_NAMES.get(data.get("ending", ""), Text(node, node)).get(lang)], []
    lines = []
    if step.kind in _NUMBERED and step.number is not None:
        lines.append(f"{_NUMBERED[step.kind].get(lang)} {step.number}")
    lines.extend(textwrap.wrap(step.action.get(lang), width) or [step.id])
    limit = time_limit(step, lang)
    return lines, _wrap_limit(limit, width) if limit else []


def _wrap_limit(limit: str, width: int) -> list[str]:
    # A time limit reads best on one line; only a long one ("в течение 15 (пятнадцати)
    # календарных дней") is broken, and more loosely than the action.
    return textwrap.wrap(limit, width + 8)


def edge_label(graph: nx.DiGraph, source: str, target: str, lang: str) -> str:
    """The outcome(s) taking an edge, with the bound of a return; empty for plain edges."""
    attrs = graph.edges[source, target]
    step: Step | None = graph.nodes[source].get("step")
    ids = attrs.get("outcomes") or ((attrs["outcome"],) if attrs.get("outcome") else ())
    if step is None or not ids:
        return ""
    labels = {o.id: o.label.get(lang) for o in step.outcomes}
    text = "; ".join(labels.get(i, i) for i in ids)
    if attrs.get("max_repeats"):
        text += f" ({_REPEATS.get(lang).format(attrs['max_repeats'])})"
    return text


def graph_title(graph: nx.DiGraph, lang: str) -> str:
    """The service's title and the channel, for a diagram's caption."""
    standard: Standard = graph.graph["standard"]
    return f"{standard.title.get(lang)} — {graph.graph['channel'].title.get(lang)}"


def lanes(graph: nx.DiGraph, lang: str) -> list[Lane]:
    """One lane per actor, the applicant's first, then in order of first appearance.

    Start and end nodes stand in the lane of the first step they touch.
    """
    regulation: Regulation = graph.graph["regulation"]
    owner: dict[str, str] = {}
    order: list[str] = []
    for node, data in graph.nodes(data=True):
        actor: Actor | None = data.get("actor")
        if actor is not None:
            owner[node] = actor.id
            if actor.id not in order:
                order.append(actor.id)
    for node in graph.nodes:
        if node not in owner:
            near = [*graph.successors(node), *graph.predecessors(node)]
            owner[node] = next((owner[n] for n in near if n in owner), order[0] if order else "")
    order.sort(key=lambda actor_id: _kind(regulation, actor_id) != "applicant")
    result = []
    for number, actor_id in enumerate(order, start=1):
        actor = regulation.actor(actor_id)
        title = actor.title.get(lang) if actor else actor_id
        result.append(Lane(number, actor, f"{number} - {title}",
                           tuple(n for n in graph.nodes if owner[n] == actor_id)))
    return result


def _kind(regulation: Regulation, actor_id: str) -> str | None:
    actor = regulation.actor(actor_id)
    return actor.kind if actor else None


def quote(text: str) -> str:
    """A DOT quoted string: backslashes and double quotes escaped, newlines as `\\n`.

    Graphviz reads HTML entities in every label, so `&` is written `&amp;`.
    """
    escaped = (text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n"))
    return f'"{escaped}"'


def _html_label(lines: list[str], italic: Sequence[str] = ()) -> str:
    rows = [html.escape(line, quote=True) for line in lines]
    rows += [f"<I>{html.escape(line, quote=True)}</I>" for line in italic]
    return "<" + "<BR/>".join(rows) + ">"


_SHAPES: Mapping[str, str] = {
    "task": 'shape=box, style="rounded,filled", fillcolor="#ffffff"',
    "process": 'shape=box, peripheries=1, style="filled", fillcolor="#eef4ff"',
    "decision": 'shape=diamond, style="filled", fillcolor="#fff6d5"',
    "condition": 'shape=hexagon, style="filled", fillcolor="#fff6d5"',
    "start": 'shape=circle, style="filled", fillcolor="#d5f5d5", width=0.4',
    "result": 'shape=doublecircle, style="filled", fillcolor="#d5f5d5", width=0.3',
    "refusal": 'shape=doubleoctagon, style="filled", fillcolor="#ffd5d5"',
}


def _node(graph: nx.DiGraph, node: str, lang: str) -> str:
    data = graph.nodes[node]
    kind = data["kind"]
    text, limit = label_parts(graph, node, lang)
    if kind in ("start", "end"):
        shape = "start" if kind == "start" else ("result" if data.get("ending") == "result" else "refusal")
        return f'{quote(node)} [{_SHAPES[shape]}, xlabel={_html_label(text)}, label=""];'
    return f"{quote(node)} [{_SHAPES[kind]}, label={_html_label(text, limit)}];"


def render_dot(graph: nx.DiGraph, lang: str) -> str:
    """The Graphviz DOT text of one compiled channel graph, with labels in `lang` (kk or ru)."""
    font = 'fontname="DejaVu Sans"'
    out = [
        f"digraph {quote(str(graph.graph.get('name', 'process')))} {{",
        f"  graph [{font}, fontsize=12, rankdir=TB, newrank=true, nodesep=0.4, ranksep=0.45, "
        f"labelloc=t, forcelabels=true, label={quote(graph_title(graph, lang))}];",
        f"  node [{font}, fontsize=10, margin=\"0.12,0.06\"];",
        f"  edge [{font}, fontsize=9];",
    ]
    placed: set[str] = set()
    for lane in lanes(graph, lang):
        out.append(f"  subgraph cluster_{lane.id} {{")
        out.append(f'    label={quote(lane.title)}; style="rounded,filled"; fillcolor="#f7f7f7"; '
                   'color="#999999";')
        for node in lane.nodes:
            out.append(f"    {_node(graph, node, lang)}")
            placed.add(node)
        out.append("  }")
    for node in graph.nodes:
        if node not in placed:
            out.append(f"  {_node(graph, node, lang)}")
    for source, target in graph.edges:
        label = edge_label(graph, source, target, lang)
        attrs = f" [label={quote(label)}]" if label else ""
        out.append(f"  {quote(source)} -> {quote(target)}{attrs};")
    out.append("}")
    return "\n".join(out) + "\n"
