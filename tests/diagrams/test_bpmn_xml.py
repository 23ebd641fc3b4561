"""The BPMN export as a document: valid against the BPMN 2.0 XML schema (SpiffWorkflow's
validator), consistent references, a complete diagram, the spec's facts in the model,
byte-stable output, and golden files for two channels (`pytest --regen-golden`)."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, BpmnValidator
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException

from engine.spec import Step
from renderers.diagrams.bpmn import NAMESPACE, render_bpmn
from renderers.diagrams.layout import time_limit
from tests.diagrams.exports_graphs import CORRECTION, LANGS, all_graphs, graph

NAMES = sorted(all_graphs())
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
      "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
      "dc": "http://www.omg.org/spec/DD/20100524/DC", "di": "http://www.omg.org/spec/DD/20100524/DI",
      "reg": NAMESPACE}
FLOW_NODES = ("startEvent", "endEvent", "userTask", "serviceTask", "exclusiveGateway")
GOLDEN = Path(__file__).resolve().parent / "bpmn_golden"
GOLDENS = [("aktobe-school-admission/provider_office", "kk"), (CORRECTION, "ru")]
Box = tuple[float, float, float, float]


def _tag(element: ET.Element) -> str:
    return element.tag.split("}")[1]


def _bounds(shape: ET.Element) -> Box:
    found = shape.find("dc:Bounds", NS)
    assert found is not None
    x, y, w, h = (float(found.get(k, "nan")) for k in ("x", "y", "width", "height"))
    return x, y, w, h


def _on_border(point: tuple[float, float], box: Box) -> bool:
    x, y, w, h = box
    px, py = point
    inside = x - 0.5 <= px <= x + w + 0.5 and y - 0.5 <= py <= y + h + 0.5
    return inside and min(abs(px - x), abs(px - x - w), abs(py - y), abs(py - y - h)) <= 0.5


def _inside(inner: Box, outer: Box) -> bool:
    return (inner[0] >= outer[0] and inner[1] >= outer[1] and inner[0] + inner[2] <= outer[0] + outer[2]
            and inner[1] + inner[3] <= outer[1] + outer[3])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_valid_against_the_bpmn_schema(name: str, lang: str) -> None:
    BpmnValidator().validate(etree.fromstring(render_bpmn(graph(name), lang).encode()))


def test_the_schema_check_rejects_a_misplaced_element() -> None:
    text = render_bpmn(graph(CORRECTION), "ru").replace("<bpmn:documentation>", "<bpmn:bogus /><bpmn:documentation>", 1)
    with pytest.raises(ValidationException, match="bogus"):
        BpmnParser(validator=BpmnValidator()).add_bpmn_str(text.encode())


@pytest.mark.parametrize("name", NAMES)
def test_references_and_diagram_are_complete(name: str) -> None:
    root = ET.fromstring(render_bpmn(graph(name), "ru"))
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids))
    elements = {e.get("id"): e for e in root.iter() if e.get("id") in ids}
    process = root.find("bpmn:process", NS)
    assert process is not None
    nodes = {e.get("id"): e for e in process if _tag(e) in FLOW_NODES}
    flows = {e.get("id"): e for e in process if _tag(e) == "sequenceFlow"}
    lanes = process.findall("bpmn:laneSet/bpmn:lane", NS)
    refs = [r.text for lane in lanes for r in lane.findall("bpmn:flowNodeRef", NS)]
    assert sorted(refs) == sorted(nodes)  # every flow node in exactly one lane, no dangling ref
    for flow_id, flow in flows.items():
        source, target = nodes[flow.get("sourceRef")], nodes[flow.get("targetRef")]
        assert flow_id in [o.text for o in source.findall("bpmn:outgoing", NS)]
        assert flow_id in [i.text for i in target.findall("bpmn:incoming", NS)]
    for node in nodes.values():
        for ref in [*node.findall("bpmn:incoming", NS), *node.findall("bpmn:outgoing", NS)]:
            assert ref.text in flows
    plane = root.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    assert plane is not None
    assert plane.get("bpmnElement") in elements
    shapes = {s.get("bpmnElement"): _bounds(s) for s in plane.findall("bpmndi:BPMNShape", NS)}
    edges = {e.get("bpmnElement"): e for e in plane.findall("bpmndi:BPMNEdge", NS)}
    assert all(ref in elements for ref in [*shapes, *edges])
    participant = root.find("bpmn:collaboration/bpmn:participant", NS)
    assert participant is not None
    assert set(shapes) == {*nodes, *(lane.get("id") for lane in lanes), participant.get("id")}
    assert set(edges) == set(flows)
    pool = shapes[participant.get("id")]
    for lane in lanes:
        assert _inside(shapes[lane.get("id")], pool)
        for ref in lane.findall("bpmn:flowNodeRef", NS):
            assert _inside(shapes[ref.text], shapes[lane.get("id")]), ref.text
    for flow_id, edge in edges.items():
        points = [(float(p.get("x", "nan")), float(p.get("y", "nan"))) for p in edge.findall("di:waypoint", NS)]
        assert len(points) >= 2
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in itertools.pairwise(points)), flow_id
        assert _on_border(points[0], shapes[flows[flow_id].get("sourceRef")]), flow_id
        assert _on_border(points[-1], shapes[flows[flow_id].get("targetRef")]), flow_id


def _activity(root: ET.Element, step: str) -> ET.Element:
    found = root.find(f"bpmn:process/*[@id='Activity_{step}']", NS)
    assert found is not None, step
    return found


@pytest.mark.parametrize("name", NAMES)
def test_the_model_carries_the_spec(name: str) -> None:
    compiled: nx.DiGraph = graph(name)
    root = ET.fromstring(render_bpmn(compiled, "kk"))
    process = root.find("bpmn:process", NS)
    assert process is not None
    assert len(process.findall("bpmn:startEvent", NS)) == 1
    endings = {e.get("id"): e.find("bpmn:extensionElements/reg:ending", NS) for e in
               process.findall("bpmn:endEvent", NS)}
    assert {e.get("kind") for e in endings.values() if e is not None} == \
        {d["ending"] for _, d in compiled.nodes(data=True) if d["kind"] == "end"}
    flows = {f.get("id"): f for f in process.findall("bpmn:sequenceFlow", NS)}
    for node, data in compiled.nodes(data=True):
        step: Step | None = data.get("step")
        if step is None:
            continue
        activity = _activity(root, step.id)
        assert _tag(activity) == ("serviceTask" if data["actor"].kind == "system" else "userTask")
        assert step.action.kk in (activity.get("name") or "")
        extension = activity.find("bpmn:extensionElements/reg:step", NS)
        assert extension is not None
        assert extension.get("duration") == (str(step.duration) if step.duration else None)
        limit = time_limit(step, "kk")
        documentation = activity.findtext("bpmn:documentation", default="", namespaces=NS)
        assert (limit or "") in documentation
        if compiled.out_degree(node) < 2:
            continue
        gateway = process.find(f"bpmn:exclusiveGateway[@id='Gateway_{step.id}']", NS)
        assert gateway is not None
        assert gateway.get("default") is None
        conditions = [flows[o.text].findtext("bpmn:conditionExpression", namespaces=NS)
                      for o in gateway.findall("bpmn:outgoing", NS)]
        assert sorted(conditions) == sorted(
            f'outcome == "{ids[0]}"' if len(ids) == 1 else "outcome in (" + ", ".join(f'"{i}"' for i in ids) + ")"
            for ids in (e.get("outcomes") or (e["outcome"],) for _, _, e in compiled.out_edges(node, data=True)))


def test_bounded_returns_and_grounds_are_kept() -> None:
    root = ET.fromstring(render_bpmn(graph(CORRECTION), "ru"))
    outcomes = {o.get("ref"): o for o in root.iter(f"{{{NAMESPACE}}}outcome")}
    assert outcomes["correct"].get("maxRepeats") == "2"
    assert outcomes["returned"].get("maxRepeats") == "1"
    assert outcomes["fits"].get("maxRepeats") is None
    forged = next(f for f in root.iter(f"{{{NS['bpmn']}}}sequenceFlow")
                  if f.find("bpmn:extensionElements/reg:outcome[@ref='forged']", NS) is not None)
    assert [g.get("ref") for g in forged.iter(f"{{{NAMESPACE}}}refusalGround")] == ["unreliable_documents"]
    joins = sorted(g.get("id") for g in root.iter(f"{{{NS['bpmn']}}}exclusiveGateway")
                   if g.get("id", "").startswith("Join_"))
    assert joins == ["Join_Activity_draft", "Join_Activity_register", "Join_Event_end_refusal"]


@pytest.mark.parametrize(("name", "lang"), GOLDENS)
def test_golden(name: str, lang: str, regen_golden: bool) -> None:
    text = render_bpmn(graph(name), lang)
    assert render_bpmn(graph(name), lang) == text  # byte-stable
    path = GOLDEN / f"{name.replace('/', '.')}.{lang}.bpmn"
    if regen_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.read_text() == text, f"{path} differs (after a deliberate change: pytest --regen-golden)"


def test_prefixes_survive_another_library_taking_them() -> None:
    """ElementTree's prefix table is process-wide; WeasyPrint, for one, takes "dc" on import."""
    ET.register_namespace("dc", "http://purl.org/dc/elements/1.1/")
    text = render_bpmn(graph(CORRECTION), "ru")
    assert f'xmlns:dc="{NS["dc"]}"' in text
    assert "ns0:" not in text
