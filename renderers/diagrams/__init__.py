"""Business-process diagrams of a compiled channel: the layout (`layout`: rows by `layers`,
their members and chains in `arrangement`, ordered and placed across by `row_order`, routed
by `routes`, boxes sized by `box_text` and `text_metrics`), drawn as the swimlane reference
(`swimlane`, its shapes by `svg_shapes`), the portal's interaction view (`portal`), one page
of all channels (`page`), and exported as BPMN 2.0 (`bpmn`: its process in `bpmn_model`, its
diagram in `bpmn_geometry`), Graphviz DOT and Mermaid (`dot`, `mermaid`); every text is
written through the escaping function of its format (`escaping`).

May import: the engine's public API and `renderers.documents` (labels, words, the
template environment).
"""

from __future__ import annotations

from renderers.diagrams.box_text import Rect, time_limit
from renderers.diagrams.bpmn import NAMESPACE, render_bpmn
from renderers.diagrams.dot import edge_label, lanes, node_lines, render_dot
from renderers.diagrams.escaping import clean, dot_string, mermaid_text, mermaid_title, xml_text
from renderers.diagrams.layout import Box, Layout
from renderers.diagrams.mermaid import node_ids, render_mermaid
from renderers.diagrams.page import render_html
from renderers.diagrams.portal import has_interaction, render_interaction
from renderers.diagrams.swimlane import render_swimlane
from renderers.diagrams.text_metrics import BOLD_FACTOR, char_em, text_width, wrap

__all__ = [
    "BOLD_FACTOR", "NAMESPACE", "Box", "Layout", "Rect", "char_em", "clean", "dot_string",
    "edge_label", "has_interaction", "lanes", "mermaid_text", "mermaid_title", "node_ids",
    "node_lines", "render_bpmn", "render_dot", "render_html", "render_interaction",
    "render_mermaid", "render_swimlane", "text_width", "time_limit", "wrap", "xml_text",
]
