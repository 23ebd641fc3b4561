"""Where the BPMN diagram interchange draws the process: the swimlane layout, flowing right.

The diagram is the swimlane layout with the flow left to right (`orientation=
"horizontal"`): a decision's box becomes its activity and, in its diamond, its gateway;
each joining gateway gets a band of its own before its target, and the routes into a
join are redirected into it. `renderers.diagrams.bpmn` writes the geometry as
`bpmndi:BPMNDiagram`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from renderers.diagrams.bpmn_model import BpmnModel
from renderers.diagrams.layout import Layout

__all__ = ["BAND", "BAND_CUT", "GATEWAY", "SPACING", "Bounds", "Geometry", "Point", "diagram_geometry"]

Point = tuple[float, float]
Bounds = tuple[float, float, float, float]  # x, y, width, height
GATEWAY = 30.0  # a gateway's and an event's size
BAND = 60.0  # the room a joining gateway takes before its target
BAND_CUT = 0.5  # how far before its target's row a band is inserted
SPACING = 10.0  # between a decision's activity and its gateway (room for the arrow)


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
    return geometry


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
