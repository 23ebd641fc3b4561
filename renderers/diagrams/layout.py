"""Swimlane geometry of a compiled channel graph: lanes, boxes, edge routes.

`layout(graph, lang)` is pure geometry for every diagram renderer (the swimlane
SVG, the portal interaction diagram, the BPMN diagram interchange). It reads the
graph `engine.process.compile` builds and nothing else:

- **Lanes**: the applicant's lane first (start and end symbols stand in it), then
  one lane per actor in the order the steps first name them, numbered as in the
  regulations' business-process references: "1 - ҚФБ Кеңсе қызметкері" /
  "1 - СФЕ Сотрудник канцелярии".
- **Rows** follow the flow (`renderers.diagrams.layers`): a topological layering with
  returns broken and drawn back up, crossings reduced by barycentre sweeps.
- **Boxes** are sized to their text, wrapped to a fixed width with a deterministic
  width estimate (`renderers.diagrams.text_metrics`); a decision's box carries a diamond at
  its outgoing end. Every line of text has its position, so "no text leaves its
  box" is a property of the layout.
- **Routes** are orthogonal polylines through the gutters between rows
  (`renderers.diagrams.routes`), from the source's port to the target's port; an outcome's
  label has a box of its own on its route.

`orientation="vertical"` (the default, as in the seeds) puts lanes in columns and
the flow top to bottom; `"horizontal"` puts lanes in rows and the flow left to
right (BPMN's usual form). Boxes keep their size and text either way; only the
axes swap. All coordinates are pixels from the top-left corner of the lanes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import networkx as nx

from engine.process import START
from engine.spec import Actor, Text
from renderers.diagrams.box_text import (
    BOX_W,
    CIRCLE,
    DIAMOND_H,
    DIAMOND_W,
    ENDINGS,
    FONT,
    LINE,
    PAD,
    Content,
    Rect,
    TextLine,
    block,
    label_content,
    node_content,
    step_heading,
    time_limit,
)
from renderers.diagrams.layers import LANE_PAD, arrange
from renderers.diagrams.routes import Point, place
from renderers.diagrams.text_metrics import wrap

__all__ = [
    "APPLICANT",
    "CIRCLE",
    "ENDINGS",
    "Box",
    "Lane",
    "Layout",
    "Orientation",
    "Rect",
    "Route",
    "TextLine",
    "layout",
    "step_heading",
    "time_limit",
]

Orientation = Literal["vertical", "horizontal"]

HEADER_W = 160  # lane headers of a horizontal layout
MARGIN = 24  # between the headers and the first row, and after the last

#: The applicant's lane title when the regulation names no applicant actor.
APPLICANT = Text("Көрсетілетін қызметті алушы", "Услугополучатель", "Applicant")
_UNIT = Text("ҚФБ", "СФЕ", "SFU")


@dataclass(frozen=True)
class Lane:
    """A swimlane: the applicant's (number None) or one actor's, with its header."""

    actor: str | None
    number: int | None
    title: str
    x: float
    y: float
    w: float
    h: float
    header: Rect
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class Box:
    """A node's box: a step, a decision (with its diamond), a start or end symbol, a label.

    `body` is the part that holds the text (the whole box except a decision's
    diamond); `divider`, when set, is the y of the rule above the time limit.
    """

    node: str
    x: float
    y: float
    w: float
    h: float
    kind: str
    lines: tuple[TextLine, ...]
    lane: int
    body: Rect
    diamond: Rect | None = None
    ending: str | None = None
    divider: float | None = None

    @property
    def rect(self) -> Rect:
        return Rect(self.x, self.y, self.w, self.h)


@dataclass(frozen=True)
class Route:
    """An edge's polyline from its source's port to its target's port."""

    source: str
    target: str
    points: tuple[tuple[float, float], ...]
    label: Box | None
    outcome: str | None
    returns: bool


@dataclass(frozen=True)
class Layout:
    """Lanes, node boxes by node id, edge routes, and the overall size."""

    lanes: tuple[Lane, ...]
    nodes: Mapping[str, Box]
    edges: tuple[Route, ...]
    width: float
    height: float
    orientation: Orientation
    lang: str


def _lanes(graph: nx.DiGraph) -> tuple[list[Actor | None], dict[str, int]]:
    """The lanes' actors (None for the applicant's lane without an actor) and each node's lane."""
    lanes: list[Actor | None] = [None]
    index: dict[str, int] = {}
    lane_of: dict[str, int] = {}
    for node, data in graph.nodes(data=True):
        actor: Actor | None = data.get("actor")
        if actor is None or actor.kind == "applicant":
            if actor is not None and lanes[0] is None:
                lanes[0] = actor
            lane_of[node] = 0
            continue
        if actor.id not in index:
            index[actor.id] = len(lanes)
            lanes.append(actor)
        lane_of[node] = index[actor.id]
    return lanes, lane_of


def _lane_title(actor: Actor | None, number: int, lang: str) -> str:
    title = (actor.title if actor is not None else APPLICANT).get(lang)
    return title if number == 0 else f"{number} - {_UNIT.get(lang)} {title}"


def layout(graph: nx.DiGraph, lang: str = "kk", *,
           orientation: Orientation = "vertical") -> Layout:
    """The swimlane layout of one compiled channel graph, its texts in `lang` (kk or ru).

    Raises:
        ValueError: for a language other than kk and ru, or an unknown orientation.
    """
    if lang not in ("kk", "ru"):
        raise ValueError(f'unknown language "{lang}" (hint: kk or ru)')
    if orientation not in ("vertical", "horizontal"):
        raise ValueError(f'unknown orientation "{orientation}" (hint: vertical or horizontal)')
    vertical = orientation == "vertical"
    actors, lane_of = _lanes(graph)
    titles = [_lane_title(actor, number, lang) for number, actor in enumerate(actors)]
    contents = {node: node_content(data, lang, orientation)
                for node, data in graph.nodes(data=True)}
    turns: dict[int, Content] = {}

    def node_size(node: str) -> tuple[float, float]:
        content = contents[node]
        return (content.h, content.w) if vertical else (content.w, content.h)

    def turn_size(attrs: Mapping[str, object]) -> tuple[float, float]:
        label = attrs.get("label")
        content = label_content(label if isinstance(label, Text) else None, lang)
        turns[id(attrs)] = content
        return (content.h, content.w) if vertical else (content.w, content.h)

    header_lines = [wrap(title, HEADER_W - 2 * PAD, FONT, bold=True) for title in titles]
    if vertical:
        minimum = [float(BOX_W + 2 * LANE_PAD)] * len(actors)
    else:
        minimum = [max(float(BOX_W // 2), len(rows) * LINE + 2 * PAD) for rows in header_lines]
    arrangement = arrange(graph, START, lane_of, len(actors), node_size, turn_size, minimum)
    for node, member in arrangement.members.items():
        if member.kind == "node":
            content = contents[node]
            member.side = content.body_h / 2 if vertical else BOX_W / 2
    if vertical:
        header_lines = [wrap(title, width - 2 * PAD, FONT, bold=True)
                        for title, width in zip(titles, arrangement.lane_width, strict=True)]
        header = max(len(rows) for rows in header_lines) * LINE + 2 * PAD
    else:
        header = HEADER_W
    placement = place(arrangement, header + MARGIN)
    extent = placement.extent + MARGIN
    breadth = sum(arrangement.lane_width)

    def point(main: float, cross: float) -> tuple[float, float]:
        return (cross, main) if vertical else (main, cross)

    lanes = []
    for number, (actor, title, rows) in enumerate(zip(actors, titles, header_lines, strict=True)):
        start, width = arrangement.lane_start[number], arrangement.lane_width[number]
        if vertical:
            box = Rect(start, 0, width, header)
            lines, _ = block([(rows, FONT, LINE, True, False)], width, PAD)
            lane = (start, 0.0, width, extent)
        else:
            box = Rect(0, start, header, width)
            lines, _ = block([(rows, FONT, LINE, True, False)], header,
                              (width - len(rows) * LINE) / 2)
            lane = (0.0, start, extent, width)
        lanes.append(Lane(None if actor is None else actor.id, number or None, title, *lane,
                          box, _moved(lines, box.x, box.y)))
    boxes = {}
    for node, data in graph.nodes(data=True):
        member = arrangement.members[node]
        x, y = point(placement.row_start[member.rank], member.c - member.cross / 2)
        boxes[node] = _box(node, data, contents[node], x, y, member.lane, vertical)
    routes = []
    for chain, points in zip(arrangement.chains, placement.points, strict=True):
        label = None
        if len(chain.members) > 1 and chain.members[1].kind == "turn":
            turn = chain.members[1]
            content = turns[id(chain.attrs)]
            if content.lines:
                x, y = point(placement.row_start[turn.rank], turn.c - turn.cross / 2)
                label = Box(turn.id, x, y, content.w, content.h, "label",
                            _moved(content.lines, x, y), turn.lane,
                            Rect(x, y, content.w, content.h))
        outcome = chain.attrs.get("outcome")
        routes.append(Route(chain.source, chain.target, _mapped(points, vertical), label,
                            outcome if isinstance(outcome, str) else None, chain.back))
    width, height = (breadth, extent) if vertical else (extent, breadth)
    return Layout(tuple(lanes), MappingProxyType(boxes), tuple(routes), width, height,
                  orientation, lang)


def _moved(lines: list[TextLine] | tuple[TextLine, ...], dx: float, dy: float) -> tuple[TextLine, ...]:
    return tuple(TextLine(line.x + dx, round(line.y + dy, 1), line.text, line.size, line.bold,
                          line.italic, line.anchor) for line in lines)


def _box(node: str, data: Mapping[str, object], content: Content, x: float, y: float,
         lane: int, vertical: bool) -> Box:
    kind = str(data["kind"])
    body = Rect(x, y, content.w, content.h)
    diamond = None
    if content.diamond and vertical:
        body = Rect(x, y, content.w, content.body_h)
        diamond = Rect(x + (content.w - DIAMOND_W) / 2, y + content.body_h, DIAMOND_W, DIAMOND_H)
    elif content.diamond:
        body = Rect(x, y, BOX_W, content.h)
        diamond = Rect(x + BOX_W, y + (content.h - DIAMOND_H) / 2, DIAMOND_W, DIAMOND_H)
    divider = None if content.divider is None else y + content.divider
    ending = str(data["ending"]) if kind == "end" else None
    return Box(node, x, y, content.w, content.h, kind, _moved(content.lines, x, y), lane, body,
               diamond, ending, divider)


def _mapped(points: tuple[Point, ...], vertical: bool) -> tuple[tuple[float, float], ...]:
    return tuple((c, m) if vertical else (m, c) for m, c in points)

