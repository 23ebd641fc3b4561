"""BPMN 2.0 XML of a compiled channel graph, with diagram interchange from the swimlane layout.

One `collaboration` with one participant (the provider rendering the service) whose
`process` has a `laneSet`: one lane per actor, the applicant's first, as the swimlane
layout orders them. A step is a `serviceTask` when an information system performs it and
a `userTask` when a person does (the applicant, an employee, an organisation). A step
whose outcomes lead to different places is followed by an `exclusiveGateway`; its
outgoing flows carry the outcome's label and a `conditionExpression` on the variable
`outcome` (`outcome == "accept"`, the id `Executor.complete(..., outcome=...)` takes).
No flow is a default: the regulation names every way out, and an outcome that matches
none is an error, not a silent path. Where several flows meet (a return for correction,
branches that join) a joining `exclusiveGateway` merges them, so a bounded cycle stays
valid BPMN. One `startEvent`; one `endEvent` per way a case ends (result, reasoned
refusal, refusal to accept).

Time limits travel twice: as `documentation` in the chosen language, and in the
extension namespace `NAMESPACE` (prefix `reg`), which also keeps the spec's ids:
`reg:step` (ref: the step's id, kind, actor, duration such as "15 min", schedule,
number) on each activity, `reg:outcome` (ref, maxRepeats) and `reg:refusalGround` (ref)
on the flows of outcomes, `reg:ending` (kind) on end events, `reg:channel` (ref, term,
schedule, regulation, standard) on the process.

The diagram is the swimlane layout with the flow left to right (`orientation=
"horizontal"`): a decision's box becomes its activity and, in its diamond, its gateway;
each joining gateway gets a band of its own before its target. Ids are deterministic:
`Activity_<step>`, `Gateway_<step>`, `Join_<element>`, `Event_start`,
`Event_end_<ending>`, `Lane_<n>`, `Flow_<n>` in graph order.

Every text and attribute value goes through `renderers.diagrams.escaping.xml_text` before
ElementTree escapes and writes it, so the XML is well-formed whatever a spec's text holds; an
outcome's id is written in a condition as a quoted string literal (`json.dumps`).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from engine.process import START
from engine.spec import Actor, Channel, Regulation, Standard, Step, Text
from renderers.diagrams.dot import START_NAME, edge_label, lanes
from renderers.diagrams.escaping import xml_text
from renderers.diagrams.layout import ENDINGS, Layout, layout, step_heading, time_limit

__all__ = ["NAMESPACE", "BpmnModel", "Flow", "Node", "build_model", "render_bpmn"]

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: The namespace of reglament's extension elements (documented in docs/diagrams.md).
NAMESPACE = "https://reglament.kz/bpmn/1"
PREFIXES = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI, "reg": NAMESPACE}

CHOICE = Text("Таңдау нұсқасы", "Вариант выбора")
TIME_LIMIT = Text("Орындалу мерзімі", "Срок исполнения")
OUTCOMES = Text("Нәтижелері", "Исходы")

Point = tuple[float, float]
Bounds = tuple[float, float, float, float]  # x, y, width, height
GATEWAY = 30.0  # a gateway's and an event's size
BAND = 60.0  # the room a joining gateway takes before its target
BAND_CUT = 0.5  # how far before its target's row a band is inserted
SPACING = 10.0  # between a decision's activity and its gateway (room for the arrow)


@dataclass(frozen=True)
class Node:
    """A flow node of the BPMN process, and the graph node it stands for (or is attached to)."""

    id: str
    tag: str  # startEvent, endEvent, userTask, serviceTask, exclusiveGateway
    name: str
    graph_node: str
    role: str = "node"  # node, fork (after a step with outcomes), join (before a node)


@dataclass(frozen=True)
class Flow:
    """A sequence flow, and the graph edge it draws (None into a fork or out of a join)."""

    id: str
    source: str
    target: str
    name: str = ""
    condition: str | None = None
    edge: tuple[str, str] | None = None


@dataclass
class BpmnModel:
    """The process as flow nodes and sequence flows, before it is written as XML."""

    nodes: dict[str, Node] = field(default_factory=dict)
    flows: list[Flow] = field(default_factory=list)
    #: graph node -> (the element flows into it enter, the element flows out of it leave)
    ports: dict[str, tuple[str, str]] = field(default_factory=dict)


def _forks(graph: nx.DiGraph, node: str) -> bool:
    return graph.nodes[node].get("step") is not None and graph.out_degree(node) > 1


def build_model(graph: nx.DiGraph, lang: str) -> BpmnModel:
    """Flow nodes and sequence flows of a compiled channel graph, with forks and joins."""
    model = BpmnModel()
    for node, data in graph.nodes(data=True):
        _add_elements(model, graph, node, data, lang)
    pending: list[Flow] = []
    for node in graph.nodes:
        entry, exit_ = model.ports[node]
        if entry != exit_:
            pending.append(Flow("", entry, exit_))
        for target in graph.successors(node):
            outcomes = _outcome_ids(graph.edges[node, target])
            condition = _condition(outcomes) if _forks(graph, node) else None
            pending.append(Flow("", exit_, model.ports[target][0], edge_label(graph, node, target, lang),
                                condition, (node, target)))
    entering: dict[str, int] = {}
    for flow in pending:
        entering[flow.target] = entering.get(flow.target, 0) + 1
    joins = [element for element in model.nodes if entering.get(element, 0) > 1]
    for element in joins:
        model.nodes[f"Join_{element}"] = Node(f"Join_{element}", "exclusiveGateway", "",
                                              model.nodes[element].graph_node, "join")
    numbers = iter(range(1, len(pending) + len(joins) + 1))
    for flow in pending:
        target = f"Join_{flow.target}" if flow.target in joins else flow.target
        model.flows.append(Flow(f"Flow_{next(numbers)}", flow.source, target, flow.name, flow.condition,
                                flow.edge))
    for element in joins:
        model.flows.append(Flow(f"Flow_{next(numbers)}", f"Join_{element}", element))
    return model


def _add_elements(model: BpmnModel, graph: nx.DiGraph, node: str, data: Mapping[str, object],
                  lang: str) -> None:
    step = data.get("step")
    if node == START or not isinstance(step, Step):
        if node == START:
            element = Node("Event_start", "startEvent", START_NAME.get(lang), node)
        else:
            ending = str(data.get("ending", "result"))
            element = Node(f"Event_end_{ending}", "endEvent", ENDINGS[ending].get(lang), node)
        model.nodes[element.id] = element
        model.ports[node] = (element.id, element.id)
        return
    actor = data.get("actor")
    tag = "serviceTask" if isinstance(actor, Actor) and actor.kind == "system" else "userTask"
    heading = step_heading(step, lang)
    name = f"{heading}. {step.action.get(lang)}" if heading else step.action.get(lang)
    activity = f"Activity_{step.id}"
    model.nodes[activity] = Node(activity, tag, name, node)
    if not _forks(graph, node):
        model.ports[node] = (activity, activity)
        return
    gateway = f"Gateway_{step.id}"
    model.nodes[gateway] = Node(gateway, "exclusiveGateway", heading or CHOICE.get(lang), node, "fork")
    model.ports[node] = (activity, gateway)


def _outcome_ids(attrs: Mapping[str, object]) -> tuple[str, ...]:
    ids = attrs.get("outcomes") or ((attrs["outcome"],) if attrs.get("outcome") else ())
    return tuple(str(i) for i in ids) if isinstance(ids, tuple) else ()


def _condition(outcomes: tuple[str, ...]) -> str:
    if len(outcomes) == 1:
        return f"outcome == {json.dumps(outcomes[0])}"
    return "outcome in (" + ", ".join(json.dumps(o) for o in outcomes) + ")"


# -- geometry ------------------------------------------------------------------------------


@dataclass
class Geometry:
    """Where everything is drawn: shapes and labels by element id, flows' waypoints."""

    shapes: dict[str, Bounds] = field(default_factory=dict)
    labels: dict[str, Bounds] = field(default_factory=dict)
    waypoints: dict[str, list[Point]] = field(default_factory=dict)
    lanes: list[Bounds] = field(default_factory=list)
    pool: Bounds = (0.0, 0.0, 0.0, 0.0)


def _geometry(model: BpmnModel, drawn: Layout) -> Geometry:
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


# -- XML -----------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, namespace: str = BPMN, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{namespace}}}{tag}", attrs)


def render_bpmn(graph: nx.DiGraph, lang: str) -> str:
    """The BPMN 2.0 XML of one compiled channel graph, with labels in `lang` (kk or ru)."""
    # ElementTree's prefixes are one table for the whole process, and other libraries
    # register theirs on import ("dc" is Dublin Core to WeasyPrint); set ours each time.
    for prefix, uri in PREFIXES.items():
        ET.register_namespace(prefix, uri)
    regulation: Regulation = graph.graph["regulation"]
    standard: Standard = graph.graph["standard"]
    channel: Channel = graph.graph["channel"]
    drawn = layout(graph, lang, orientation="horizontal")
    model = build_model(graph, lang)
    base = f"{regulation.id}_{channel.id}"
    root = ET.Element(f"{{{BPMN}}}definitions", {
        "id": f"Definitions_{base}", "targetNamespace": f"{NAMESPACE}/{regulation.id}",
        "exporter": "reglament", "exporterVersion": "1"})
    collaboration = _sub(root, "collaboration", id=f"Collaboration_{base}")
    _sub(collaboration, "participant", id=f"Participant_{base}", name=standard.provider.get(lang),
         processRef=f"Process_{base}")
    process = _sub(root, "process", id=f"Process_{base}", name=standard.title.get(lang), isExecutable="true")
    _sub(process, "documentation").text = f"{regulation.title.get(lang)} — {channel.title.get(lang)}"
    _sub(_sub(process, "extensionElements"), "channel", NAMESPACE, ref=channel.id, term=str(channel.term),
         schedule=channel.schedule, regulation=regulation.id, standard=standard.id)
    lane_set = _sub(process, "laneSet", id=f"LaneSet_{base}")
    for lane in lanes(graph, lang, drawn):
        element = _sub(lane_set, "lane", id=f"Lane_{lane.index}", name=lane.title)
        for node in model.nodes.values():
            if node.graph_node in lane.nodes:
                _sub(element, "flowNodeRef").text = node.id
    for node in model.nodes.values():
        _write_node(process, graph, model, node, lang)
    for flow in model.flows:
        _write_flow(process, graph, flow)
    _write_diagram(root, model, _geometry(model, drawn), base, len(drawn.lanes))
    _xml_texts(root)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml_texts(root: ET.Element) -> None:
    """Every text and attribute value of the tree as XML can hold it (`xml_text`)."""
    for element in root.iter():
        if element.text:
            element.text = xml_text(element.text)
        for name, value in element.attrib.items():
            element.set(name, xml_text(value))


def _write_node(process: ET.Element, graph: nx.DiGraph, model: BpmnModel, node: Node, lang: str) -> None:
    element = _sub(process, node.tag, id=node.id, **({"name": node.name} if node.name else {}))
    data = graph.nodes[node.graph_node]
    step = data.get("step")
    if node.role == "node" and isinstance(step, Step):
        limit = time_limit(step, lang)
        notes = [f"{TIME_LIMIT.get(lang)}: {limit}"] if limit else []
        if step.outcomes:
            outcomes = "; ".join(f"{o.id} — {o.label.get(lang)}" for o in step.outcomes)
            notes.append(f"{OUTCOMES.get(lang)}: {outcomes}")
        if notes:
            _sub(element, "documentation").text = "\n".join(notes)
        attrs = {"ref": step.id, "kind": step.kind, "actor": step.actor}
        if step.duration is not None:
            attrs.update(duration=str(step.duration), schedule=str(data.get("schedule", "")))
        if step.number is not None:
            attrs["number"] = str(step.number)
        _sub(_sub(element, "extensionElements"), "step", NAMESPACE, **attrs)
    elif node.tag == "endEvent":
        _sub(_sub(element, "extensionElements"), "ending", NAMESPACE, kind=str(data.get("ending")))
    for flow in model.flows:
        if flow.target == node.id:
            _sub(element, "incoming").text = flow.id
    for flow in model.flows:
        if flow.source == node.id:
            _sub(element, "outgoing").text = flow.id


def _write_flow(process: ET.Element, graph: nx.DiGraph, flow: Flow) -> None:
    element = _sub(process, "sequenceFlow", id=flow.id, **({"name": flow.name} if flow.name else {}),
                   sourceRef=flow.source, targetRef=flow.target)
    edge = graph.edges[flow.edge] if flow.edge is not None else {}
    outcomes, grounds = _outcome_ids(edge), edge.get("refusal_grounds", ())
    if outcomes or grounds:
        extensions = _sub(element, "extensionElements")
        for outcome in outcomes:
            repeats = {"maxRepeats": str(edge["max_repeats"])} if edge.get("max_repeats") else {}
            _sub(extensions, "outcome", NAMESPACE, ref=outcome, **repeats)
        for ground in grounds:
            _sub(extensions, "refusalGround", NAMESPACE, ref=str(ground))
    if flow.condition is not None:
        _sub(element, "conditionExpression", **{f"{{{XSI}}}type": "bpmn:tFormalExpression"}).text = \
            flow.condition


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _bounds(parent: ET.Element, bounds: Bounds) -> None:
    x, y, w, h = bounds
    _sub(parent, "Bounds", DC, x=_fmt(x), y=_fmt(y), width=_fmt(w), height=_fmt(h))


def _write_diagram(root: ET.Element, model: BpmnModel, geometry: Geometry, base: str, count: int) -> None:
    """The `bpmndi:BPMNDiagram`: the pool, its lanes, every flow node and every flow."""
    plane = _sub(_sub(root, "BPMNDiagram", BPMNDI, id=f"Diagram_{base}"), "BPMNPlane", BPMNDI,
                 id=f"Plane_{base}", bpmnElement=f"Collaboration_{base}")
    pool = _sub(plane, "BPMNShape", BPMNDI, id=f"Participant_{base}_di", bpmnElement=f"Participant_{base}",
                isHorizontal="true")
    _bounds(pool, geometry.pool)
    for index in range(count):
        lane = _sub(plane, "BPMNShape", BPMNDI, id=f"Lane_{index}_di", bpmnElement=f"Lane_{index}",
                    isHorizontal="true")
        _bounds(lane, geometry.lanes[index])
    for element, node in model.nodes.items():
        marker = {"isMarkerVisible": "true"} if node.tag == "exclusiveGateway" else {}
        shape = _sub(plane, "BPMNShape", BPMNDI, id=f"{element}_di", bpmnElement=element, **marker)
        _bounds(shape, geometry.shapes[element])
        if element in geometry.labels:
            _bounds(_sub(shape, "BPMNLabel", BPMNDI), geometry.labels[element])
    for flow in model.flows:
        edge = _sub(plane, "BPMNEdge", BPMNDI, id=f"{flow.id}_di", bpmnElement=flow.id)
        for x, y in geometry.waypoints[flow.id]:
            _sub(edge, "waypoint", DI, x=_fmt(x), y=_fmt(y))
        if flow.id in geometry.labels:
            _bounds(_sub(edge, "BPMNLabel", BPMNDI), geometry.labels[flow.id])
