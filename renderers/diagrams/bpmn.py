"""BPMN 2.0 XML of a compiled channel graph, with diagram interchange from the swimlane layout.

One `collaboration` with one participant (the provider rendering the service) whose
`process` has a `laneSet`: one lane per actor, the applicant's first, as the swimlane
layout orders them (`Lane_<n>`). The process's flow nodes and sequence flows are
`renderers.diagrams.bpmn_model`'s (tasks, forks and joins as exclusive gateways,
conditions on `outcome`, one end event per way a case ends); their diagram is
`renderers.diagrams.bpmn_geometry`'s (the swimlane layout with the flow left to right).

Time limits travel twice: as `documentation` in the chosen language, and in the
extension namespace `NAMESPACE` (prefix `reg`), which also keeps the spec's ids:
`reg:step` (ref: the step's id, kind, actor, duration such as "15 min", schedule,
number) on each activity, `reg:outcome` (ref, maxRepeats) and `reg:refusalGround` (ref)
on the flows of outcomes, `reg:ending` (kind) on end events, `reg:channel` (ref, term,
schedule, regulation, standard) on the process.

Every text and attribute value goes through `renderers.diagrams.escaping.xml_text` before
ElementTree escapes and writes it, so the XML is well-formed whatever a spec's text holds.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

from engine.spec import Channel, Regulation, Standard, Step, Text
from renderers.diagrams.bpmn_geometry import Bounds, Geometry, diagram_geometry
from renderers.diagrams.bpmn_model import BpmnModel, Flow, Node, build_model, outcome_ids
from renderers.diagrams.dot import lanes
from renderers.diagrams.escaping import xml_text
from renderers.diagrams.layout import layout, time_limit

__all__ = ["NAMESPACE", "BpmnModel", "Flow", "Node", "build_model", "render_bpmn"]

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: The namespace of reglament's extension elements (documented in docs/diagrams.md).
NAMESPACE = "https://reglament.kz/bpmn/1"
PREFIXES = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI, "reg": NAMESPACE}

TIME_LIMIT = Text("Орындалу мерзімі", "Срок исполнения")
OUTCOMES = Text("Нәтижелері", "Исходы")


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
    _write_diagram(root, model, diagram_geometry(model, drawn), base, len(drawn.lanes))
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
    outcomes, grounds = outcome_ids(edge), edge.get("refusal_grounds", ())
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
