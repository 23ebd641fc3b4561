"""Checks of a layout's geometry that every diagram test shares.

Each function returns a list of problems (empty when the layout is sound), so a
failing test prints all of them at once.
"""

from __future__ import annotations

from itertools import combinations, pairwise

from renderers.diagrams.layout import Box, Layout, Rect

__all__ = ["all_boxes", "crossed_boxes", "loose_ends", "overlaps", "text_outside"]


def all_boxes(layout: Layout) -> list[Box]:
    """The node boxes and the label boxes of the routes."""
    return [*layout.nodes.values(), *(r.label for r in layout.edges if r.label is not None)]


def overlaps(layout: Layout) -> list[str]:
    """Pairs of boxes whose interiors intersect, and boxes outside their lane or the drawing."""
    problems = [f"{a.node} overlaps {b.node}" for a, b in combinations(all_boxes(layout), 2)
                if a.rect.overlaps(b.rect)]
    whole = Rect(0, 0, layout.width, layout.height)
    for box in all_boxes(layout):
        lane = layout.lanes[box.lane]
        if not Rect(lane.x, lane.y, lane.w, lane.h).contains(box.rect):
            problems.append(f"{box.node} leaves its lane {box.lane}")
        if not whole.contains(box.rect):
            problems.append(f"{box.node} leaves the drawing")
    return problems


def text_outside(layout: Layout) -> list[str]:
    """Lines of text that do not fit inside their box (or lane header)."""
    problems = []
    for box in all_boxes(layout):
        for line in box.lines:
            if not box.body.contains(line.bounds()):
                problems.append(f"{box.node}: {line.text!r} leaves {box.body}")
    for lane in layout.lanes:
        for line in lane.lines:
            if not lane.header.contains(line.bounds()):
                problems.append(f"lane {lane.number}: {line.text!r} leaves its header")
    return problems


def _on_border(rect: Rect, point: tuple[float, float]) -> bool:
    x, y = point
    inside = rect.x <= x <= rect.x + rect.w and rect.y <= y <= rect.y + rect.h
    return inside and (x in (rect.x, rect.x + rect.w) or y in (rect.y, rect.y + rect.h))


def loose_ends(layout: Layout) -> list[str]:
    """Routes that do not start and end on their boxes' borders, or run diagonally."""
    problems = []
    for route in layout.edges:
        name = f"{route.source}->{route.target}"
        if not _on_border(layout.nodes[route.source].rect, route.points[0]):
            problems.append(f"{name} starts at {route.points[0]}, off its source")
        if not _on_border(layout.nodes[route.target].rect, route.points[-1]):
            problems.append(f"{name} ends at {route.points[-1]}, off its target")
        for (x1, y1), (x2, y2) in pairwise(route.points):
            if x1 != x2 and y1 != y2:
                problems.append(f"{name} runs diagonally from {(x1, y1)} to {(x2, y2)}")
    return problems


def crossed_boxes(layout: Layout) -> list[str]:
    """Route segments that pass through the inside of a box other than their own ends and label."""
    problems = []
    for route in layout.edges:
        own = {route.source, route.target, route.label.node if route.label else ""}
        for box in all_boxes(layout):
            if box.node in own:
                continue
            r = box.rect
            for (x1, y1), (x2, y2) in pairwise(route.points):
                seg = Rect(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
                if ((seg.x < r.x + r.w and r.x < seg.x + seg.w) or r.x < seg.x < r.x + r.w) and \
                        ((seg.y < r.y + r.h and r.y < seg.y + seg.h) or r.y < seg.y < r.y + r.h):
                    problems.append(f"{route.source}->{route.target} crosses {box.node}")
                    break
    return problems
