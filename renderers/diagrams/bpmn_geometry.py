"""Where the BPMN diagram interchange draws the process: the swimlane layout, flowing right.

The diagram is the swimlane layout with the flow left to right (`orientation=
"horizontal"`): a decision's box becomes its activity and, in its diamond, its gateway;
each joining gateway gets a band of its own before its target, and the routes into a
join are redirected into it. A lane too low for bpmn-js to write its name without breaking
a word grows, and a gateway's name is placed where no flow crosses it. `renderers.diagrams.bpmn` writes the geometry as
`bpmndi:BPMNDiagram`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from renderers.diagrams.bpmn_model import BpmnModel
from renderers.diagrams.layout import Layout
from renderers.diagrams.text_metrics import text_width, wrap

__all__ = ["BAND", "BAND_CUT", "GATEWAY", "GATEWAY_LABEL_FONT", "LANE_FONT", "LANE_PADDING", "SPACING",
           "Bounds", "Geometry", "Point", "diagram_geometry", "lane_height_needed"]

Point = tuple[float, float]
Bounds = tuple[float, float, float, float]  # x, y, width, height
GATEWAY = 30.0  # a gateway's and an event's size
BAND = 60.0  # the room a joining gateway takes before its target
BAND_CUT = 0.5  # how far before its target's row a band is inserted
SPACING = 10.0  # between a decision's activity and its gateway (room for the arrow)
# bpmn-js writes labels in 12px Arial (lanes) and 11px (external labels, at most 90px wide);
# the estimate of text_metrics (DejaVu Sans) is wider than Arial, so it is an upper bound.
LANE_FONT = 12.0
LANE_PADDING = 6.0
GATEWAY_LABEL_FONT = 11.0
GATEWAY_LABEL_W = 90.0


@dataclass
class Geometry:
    """Where everything is drawn: shapes and labels by element id, flows' waypoints."""

    shapes: dict[str, Bounds] = field(default_factory=dict)
    labels: dict[str, Bounds] = field(default_factory=dict)
    waypoints: dict[str, list[Point]] = field(default_factory=dict)
    lanes: list[Bounds] = field(default_factory=list)
    pool: Bounds = (0.0, 0.0, 0.0, 0.0)


def diagram_geometry(model: BpmnModel, drawn: Layout) -> Geometry:
    """The horizontal swimlane layout, with the forks in the diamonds and bands for the joins."""
    joins = [n for n in model.nodes.values() if n.role == "join"]
    cuts = sorted({drawn.nodes[n.graph_node].x - BAND_CUT for n in joins})

    def shift(x: float) -> float:
        return x + BAND * sum(1 for cut in cuts if x >= cut)

    geometry = Geometry()
    for node in model.nodes.values():
        box = drawn.nodes[node.graph_node]
        x, middle = shift(box.x), box.y + box.h / 2
        if node.role == "join":
            cut = drawn.nodes[node.graph_node].x - BAND_CUT
            left = cut + BAND * cuts.index(cut) + (BAND - GATEWAY) / 2
            geometry.shapes[node.id] = (left, middle - GATEWAY / 2, GATEWAY, GATEWAY)
        elif node.role == "fork" and box.diamond is not None:
            centre = shift(box.diamond.x) + box.diamond.w / 2
            geometry.shapes[node.id] = (centre - GATEWAY / 2, middle - GATEWAY / 2, GATEWAY, GATEWAY)
        elif node.tag in ("startEvent", "endEvent"):
            geometry.shapes[node.id] = (x, middle - GATEWAY / 2, GATEWAY, GATEWAY)
            if box.w > GATEWAY + 4:
                geometry.labels[node.id] = (x + GATEWAY + 4, box.y, box.w - GATEWAY - 4, box.h)
        else:
            fork = model.ports[node.graph_node][1] != node.id
            width = box.body.w - SPACING if fork else box.body.w
            geometry.shapes[node.id] = (x, box.y, width, box.h)
    routes = {(route.source, route.target): route for route in drawn.edges}
    for flow in model.flows:
        source, target = geometry.shapes[flow.source], geometry.shapes[flow.target]
        if flow.edge is None:  # activity -> its fork, or join -> its target
            y = target[1] + target[3] / 2
            geometry.waypoints[flow.id] = [(source[0] + source[2], y), (target[0], y)]
            continue
        route = routes[flow.edge]
        points = [(shift(x), y) for x, y in route.points]
        points[0] = (source[0] + source[2], points[0][1])
        if model.nodes[flow.target].role == "join":
            points = _into(points, target)
        geometry.waypoints[flow.id] = _clean(points)
        if route.label is not None:
            label = route.label
            geometry.labels[flow.id] = (shift(label.x), label.y, label.w, label.h)
    width, header = shift(drawn.width), drawn.lanes[0].header.w
    geometry.pool = (header - 2 * GATEWAY, 0.0, width - header + 2 * GATEWAY, drawn.height)
    geometry.lanes = [(header - GATEWAY, lane.y, width - header + GATEWAY, lane.h) for lane in drawn.lanes]
    _stretch_lanes(geometry, [lane.title for lane in drawn.lanes])
    for node in model.nodes.values():
        if node.tag == "exclusiveGateway" and node.name:
            geometry.labels[node.id] = _gateway_label(geometry, node.id, node.name)
    return geometry


def lane_height_needed(title: str) -> float:
    """The height a lane needs for bpmn-js to write its name, turned along the lane's
    header, without breaking a word: the widest word at `LANE_FONT` and a padding each side
    (bpmn-js breaks a word longer than the lane is high: "қызметт і")."""
    return max(text_width(word, LANE_FONT) for word in title.split()) + 2 * LANE_PADDING


def _stretch_lanes(geometry: Geometry, titles: list[str]) -> None:
    """Make each lane high enough for its name (`lane_height_needed`): a lane that is too
    low grows, its content moves to its middle, and the lanes below it move down."""
    growth = [max(0.0, lane_height_needed(title) - lane[3])
              for title, lane in zip(titles, geometry.lanes, strict=True)]
    if not any(growth):
        return
    tops = [lane[1] for lane in geometry.lanes]
    offsets = [sum(growth[:index]) for index in range(len(growth))]

    def move(y: float) -> float:
        index = max((i for i, top in enumerate(tops) if y >= top), default=0)
        return y + offsets[index] + growth[index] / 2

    geometry.shapes = {k: (x, move(y), w, h) for k, (x, y, w, h) in geometry.shapes.items()}
    geometry.labels = {k: (x, move(y), w, h) for k, (x, y, w, h) in geometry.labels.items()}
    geometry.waypoints = {k: [(x, move(y)) for x, y in points]
                          for k, points in geometry.waypoints.items()}
    geometry.lanes = [(x, y + offsets[i], w, h + growth[i])
                      for i, (x, y, w, h) in enumerate(geometry.lanes)]
    x, y, w, h = geometry.pool
    geometry.pool = (x, y, w, h + sum(growth))


def _gateway_label(geometry: Geometry, gateway: str, name: str) -> Bounds:
    """Where a gateway's name is written: the first place near the gateway (above or below
    it, centred or beside its axis, then a little further) that no flow crosses and no other
    shape or label covers. bpmn-js writes it under the gateway by default, where the flow to
    a lower lane leaves it."""
    lines = wrap(name, GATEWAY_LABEL_W, GATEWAY_LABEL_FONT)
    w = max(text_width(line, GATEWAY_LABEL_FONT) for line in lines) + 2
    h = len(lines) * GATEWAY_LABEL_FONT * 1.2 + 2
    x, y, size, _ = geometry.shapes[gateway]
    centre, gap = x + size / 2, 4.0
    # above, then below, at growing distances: centred on the gateway, then beside its axis
    candidates = [(left, top) for step in range(8)
                  for top in (y - gap - h - 12 * step, y + size + gap + 12 * step)
                  for left in (centre - w / 2, centre + gap, centre - gap - w)]
    others = [b for k, b in [*geometry.shapes.items(), *geometry.labels.items()] if k != gateway]
    segments = [segment for points in geometry.waypoints.values() for segment in pairwise(points)]
    for left, top in candidates:
        box = (left, top, w, h)
        if not any(_overlap(box, other) for other in others) and not any(
                _crosses(box, a, b) for a, b in segments):
            return box
    return (candidates[0][0], candidates[0][1], w, h)


def _overlap(a: Bounds, b: Bounds) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _crosses(box: Bounds, a: Point, b: Point) -> bool:
    """Whether an orthogonal segment from `a` to `b` touches the box."""
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    return x0 <= box[0] + box[2] and box[0] <= x1 and y0 <= box[1] + box[3] and box[1] <= y1


def _into(points: list[Point], gate: Bounds) -> list[Point]:
    """A route that entered a node redirected into the joining gateway before it.

    The route keeps its course up to its last bend, then runs along the flow into the
    gateway's band and turns into the gateway: straight into its left corner when it
    arrives on the gateway's axis, else into its top or bottom corner.
    """
    x, y, w, h = gate
    centre_x, centre_y = x + w / 2, y + h / 2
    kept = points[:-1]
    last = kept[-1]
    if last[1] == centre_y and last[0] < x:
        return [*kept, (x, centre_y)]
    return [*kept, (centre_x, last[1]), (centre_x, y if last[1] < centre_y else y + h)]


def _clean(points: list[Point]) -> list[Point]:
    """Without repeated points and without points in the middle of a straight run."""
    kept: list[Point] = []
    for point in points:
        if kept and point == kept[-1]:
            continue
        if len(kept) >= 2 and (kept[-2][0] == kept[-1][0] == point[0] or kept[-2][1] == kept[-1][1] == point[1]):
            kept[-1] = point
            continue
        kept.append(point)
    return kept
