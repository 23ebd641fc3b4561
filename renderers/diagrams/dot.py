"""Graphviz DOT of a compiled channel graph, and the texts every diagram export shares.

One cluster per lane (actor), numbered as in the business-process reference, the
applicant's first; shapes by node kind (task: rounded box, portal process: blue box,
decision: diamond, portal condition: hexagon, start: circle, result: double
circle, refusals: red double octagon); each step's label is its action, wrapped, with its
time limit in legal words; outcomes label the edges, with the bound of a return
("not more than 2 times"). Node labels are HTML-like labels (XML: each line through
`renderers.diagrams.escaping.xml_text`, then escaped), the others quoted strings written by
`renderers.diagrams.escaping.dot_string` (backslashes, quotes and `&` escaped; control and
bidirectional-override characters removed). Output is byte-stable.

Lanes and node texts are those of the swimlane layout (`renderers.diagrams.layout`), so every
diagram of a channel numbers its lanes and words its steps alike; `lanes`,
`label_parts`, `edge_label` and `graph_title` give them to the Mermaid and BPMN exports.

Examples:
    >>> print(dot_string('say "hi" & \\\\ bye'))
    "say \\"hi\\" &amp; \\\\ bye"
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from engine.process import IMPLIED_LABEL, START
from engine.spec import Regulation, Standard, Step, Text
from renderers.diagrams.escaping import dot_string, xml_text
from renderers.diagrams.layout import Layout, layout

__all__ = [
    "EDGE_LABEL_WIDTH",
    "START_NAME",
    "Lane",
    "edge_label",
    "graph_title",
    "label_parts",
    "lanes",
    "node_lines",
    "render_dot",
]

#: The widest line of an edge label, in characters (longer labels wrap at spaces).
EDGE_LABEL_WIDTH = 20
#: The start of the service (seed 002's legend: the start or end of the service).
START_NAME = Text("Басталуы", "Начало")
_REPEATS = Text("ең көбі {} рет", "не более {} раз")


@dataclass(frozen=True)
class Lane:
    """A swimlane as the layout orders it (the applicant's first): title and graph nodes in it."""

    index: int
    actor: str | None
    title: str
    nodes: tuple[str, ...]

    @property
    def id(self) -> str:
        """A short identifier safe in every export (`lane_0`, ...)."""
        return f"lane_{self.index}"


def lanes(graph: nx.DiGraph, lang: str, drawn: Layout | None = None) -> list[Lane]:
    """The lanes of the swimlane layout, with the graph nodes each holds, in graph order."""
    drawn = drawn or layout(graph, lang)
    members: list[list[str]] = [[] for _ in drawn.lanes]
    for node in graph.nodes:
        members[drawn.nodes[node].lane].append(node)
    return [Lane(index, lane.actor, lane.title, tuple(members[index]))
            for index, lane in enumerate(drawn.lanes)]


def label_parts(graph: nx.DiGraph, node: str, lang: str,
                drawn: Layout | None = None) -> tuple[list[str], list[str]]:
    """A node's label as the swimlane draws it: text lines, then time-limit lines.

    The text is a portal step's number, the action wrapped, or an end's caption; the
    time limit is the regulation's wording ("5 (бес) минут ішінде"). The start, which
    the swimlane leaves without a caption, is named "Басталуы" / "Начало".
    """
    if node == START:
        return [START_NAME.get(lang)], []
    drawn = drawn or layout(graph, lang)
    lines = drawn.nodes[node].lines
    return [line.text for line in lines if not line.italic], [line.text for line in lines if line.italic]


def node_lines(graph: nx.DiGraph, node: str, lang: str, drawn: Layout | None = None) -> list[str]:
    """A node's label as lines: its text, then its time limit."""
    text, limit = label_parts(graph, node, lang, drawn)
    return [*text, *limit]


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
    """The service's title and the channel, for a diagram's caption; for the minimal process
    a standard implies, the label that its steps are given by no text."""
    standard: Standard = graph.graph["standard"]
    title = f"{standard.title.get(lang)} — {graph.graph['channel'].title.get(lang)}"
    regulation: Regulation = graph.graph["regulation"]
    return f"{title} ({IMPLIED_LABEL.get(lang)})" if regulation.implied else title


def _edge_label_text(label: str) -> str:
    """An edge label as a quoted DOT string, wrapped at `EDGE_LABEL_WIDTH` characters: dot
    places the labels of a decision's outcomes side by side, and with clusters and `newrank`
    it lets long one-line labels overlap (`ЭЦҚ түпнұсқалығы расталмады` over `ЭЦҚ расталды`)."""
    lines = textwrap.wrap(label, EDGE_LABEL_WIDTH, break_long_words=False,
                          break_on_hyphens=False) or [label]
    return '"' + "\\n".join(dot_string(line)[1:-1] for line in lines) + '"'


def _html_label(lines: list[str], italic: Sequence[str] = ()) -> str:
    rows = [html.escape(xml_text(line), quote=True) for line in lines]
    rows += [f"<I>{html.escape(xml_text(line), quote=True)}</I>" for line in italic]
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


def _node(graph: nx.DiGraph, node: str, lang: str, drawn: Layout) -> str:
    data = graph.nodes[node]
    kind = data["kind"]
    text, limit = label_parts(graph, node, lang, drawn)
    if kind in ("start", "end"):
        shape = "start" if kind == "start" else ("result" if data.get("ending") == "result" else "refusal")
        return f'{dot_string(node)} [{_SHAPES[shape]}, xlabel={_html_label(text)}, label=""];'
    return f"{dot_string(node)} [{_SHAPES[kind]}, label={_html_label(text, limit)}];"


def render_dot(graph: nx.DiGraph, lang: str) -> str:
    """The Graphviz DOT text of one compiled channel graph, with labels in `lang` (kk or ru)."""
    font = 'fontname="DejaVu Sans"'
    out = [
        f"digraph {dot_string(str(graph.graph.get('name', 'process')))} {{",
        f"  graph [{font}, fontsize=12, rankdir=TB, newrank=true, nodesep=0.4, ranksep=0.45, "
        f"labelloc=t, forcelabels=true, label={dot_string(graph_title(graph, lang))}];",
        f"  node [{font}, fontsize=10, margin=\"0.12,0.06\"];",
        f"  edge [{font}, fontsize=9];",
    ]
    drawn = layout(graph, lang)
    placed: set[str] = set()
    for lane in lanes(graph, lang, drawn):
        out.append(f"  subgraph cluster_{lane.id} {{")
        out.append(f'    label={dot_string(lane.title)}; style="rounded,filled"; fillcolor="#f7f7f7"; '
                   'color="#999999";')
        for node in lane.nodes:
            out.append(f"    {_node(graph, node, lang, drawn)}")
            placed.add(node)
        out.append("  }")
    for node in graph.nodes:
        if node not in placed:
            out.append(f"  {_node(graph, node, lang, drawn)}")
    for source, target in graph.edges:
        label = edge_label(graph, source, target, lang)
        attrs = f" [label={_edge_label_text(label)}]" if label else ""
        out.append(f"  {dot_string(source)} -> {dot_string(target)}{attrs};")
    out.append("}")
    return "\n".join(out) + "\n"
