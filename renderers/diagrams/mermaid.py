"""A Mermaid flowchart of a compiled channel graph, for Markdown docs.

`flowchart TD` with one subgraph per lane (actor), the applicant's first; a task is a
rounded box, a portal process a subroutine box, a decision a diamond, a portal
condition a hexagon, the start a circle and each end a double circle (refusals in red).
Labels are the same texts as the other exports (`renderers.diagrams.dot`). Every label is quoted
and written by `renderers.diagrams.escaping.mermaid_text`, with Mermaid's entity codes for the
characters its syntax, its directives or HTML would read (`"` `#` `%` `<` `>` `&` and the
backtick), so that a spec's `%%{init: ...}%%` stays text; the title, in the YAML front matter, by
`mermaid_title`. Node ids are `n_` and the graph id made safe (letters, digits and `_`), so no id
is a Mermaid keyword such as `end`.

Examples:
    >>> mermaid_text('a "b" <c> & #1')
    'a #quot;b#quot; #lt;c#gt; #amp; #35;1'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import networkx as nx

from renderers.diagrams.dot import edge_label, graph_title, lanes, node_lines
from renderers.diagrams.escaping import mermaid_text, mermaid_title
from renderers.diagrams.layout import Layout, layout

__all__ = ["node_ids", "render_mermaid"]

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
_SHAPES: Mapping[str, tuple[str, str]] = {
    "task": ("(", ")"),
    "process": ("[[", "]]"),
    "decision": ("{", "}"),
    "condition": ("{{", "}}"),
    "start": ("((", "))"),
    "end": ("(((", ")))"),
}


def node_ids(graph: nx.DiGraph) -> dict[str, str]:
    """A Mermaid-safe, unique id for every node of the graph, stable for the same graph."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for node in graph.nodes:
        base = "n_" + _UNSAFE.sub("_", node)
        candidate, suffix = base, 2
        while candidate in taken:
            candidate, suffix = f"{base}_{suffix}", suffix + 1
        ids[node] = candidate
        taken.add(candidate)
    return ids


def _node(graph: nx.DiGraph, node: str, ident: str, lang: str, drawn: Layout) -> str:
    kind = graph.nodes[node]["kind"]
    opening, closing = _SHAPES.get(kind, ("[", "]"))
    label = "<br>".join(mermaid_text(line) for line in node_lines(graph, node, lang, drawn))
    return f'{ident}{opening}"{label}"{closing}'


def render_mermaid(graph: nx.DiGraph, lang: str) -> str:
    """The Mermaid flowchart of one compiled channel graph, with labels in `lang` (kk or ru)."""
    ids = node_ids(graph)
    out = ["---", f"title: {mermaid_title(graph_title(graph, lang))}", "---",
           "flowchart TD"]
    drawn = layout(graph, lang)
    placed: set[str] = set()
    for lane in lanes(graph, lang, drawn):
        out.append(f'  subgraph {lane.id}["{mermaid_text(lane.title)}"]')
        for node in lane.nodes:
            out.append(f"    {_node(graph, node, ids[node], lang, drawn)}")
            placed.add(node)
        out.append("  end")
    for node in graph.nodes:
        if node not in placed:
            out.append(f"  {_node(graph, node, ids[node], lang, drawn)}")
    for source, target in graph.edges:
        label = edge_label(graph, source, target, lang)
        arrow = f'-->|"{mermaid_text(label)}"|' if label else "-->"
        out.append(f"  {ids[source]} {arrow} {ids[target]}")
    out.append("  classDef start fill:#d5f5d5,stroke:#2e7d32")
    out.append("  classDef result fill:#d5f5d5,stroke:#2e7d32")
    out.append("  classDef refusal fill:#ffd5d5,stroke:#c62828")
    out.append("  classDef decision fill:#fff6d5,stroke:#b8860b")
    for node, data in graph.nodes(data=True):
        style = _style(data)
        if style:
            out.append(f"  class {ids[node]} {style}")
    return "\n".join(out) + "\n"


def _style(data: Mapping[str, object]) -> str | None:
    kind = data["kind"]
    if kind == "start":
        return "start"
    if kind == "end":
        return "result" if data.get("ending") == "result" else "refusal"
    if kind in ("decision", "condition"):
        return "decision"
    return None
