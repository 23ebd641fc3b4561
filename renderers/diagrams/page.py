"""One standalone HTML page with the business-process reference of every channel of a
regulation (and the portal's interaction diagram where a channel has one), the SVGs
inline: `reglament diagram SPEC --format html`. Each diagram is headed by its title in HTML,
at the left of the page: the title inside a wide SVG (the interaction diagram, thousands of
pixels wide) is centred on the drawing, off-screen until the reader scrolls to it."""

from __future__ import annotations

from engine.process import CompiledRegulation
from renderers.diagrams.escaping import template_environment
from renderers.diagrams.portal import INTERACTION, has_interaction, render_interaction
from renderers.diagrams.swimlane import REFERENCE, render_swimlane

__all__ = ["render_html"]


def render_html(compiled: CompiledRegulation, lang: str) -> str:
    """One HTML page with the reference of every channel (and the portal's interaction diagram).

    Raises:
        ValueError: for a language other than kk and ru.
    """
    sections = []
    for name, graph in compiled.graphs.items():
        diagrams = [{"title": REFERENCE.get(lang), "svg": _inline(render_swimlane(graph, lang))}]
        if has_interaction(graph):
            diagrams.append({"title": INTERACTION.get(lang),
                             "svg": _inline(render_interaction(graph, lang))})
        sections.append({"id": name, "title": graph.graph["channel"].title.get(lang),
                         "diagrams": diagrams})
    view = {"lang": lang, "title": REFERENCE.get(lang),
            "service": compiled.standard.title.get(lang),
            "regulation": compiled.regulation.id, "sections": sections}
    return template_environment().get_template("diagrams/page.html").render(view)


def _inline(svg: str) -> str:
    """An SVG document without its XML declaration, to stand inside HTML."""
    return svg.split("?>", 1)[1].lstrip("\n") if svg.startswith("<?xml") else svg
