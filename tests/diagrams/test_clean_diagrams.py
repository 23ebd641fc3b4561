"""Clean diagrams (issue 18, item 5), judged by what the tools read: Graphviz's own label
boxes (`dot -Tjson`), the BPMN diagram interchange bounds bpmn-js draws from, and the HTML
page of every channel."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from itertools import combinations, pairwise

import pytest

from engine.corpus import load_corpus
from engine.process import compile_regulation
from renderers.diagrams.bpmn import render_bpmn
from renderers.diagrams.bpmn_geometry import LANE_FONT, LANE_PADDING
from renderers.diagrams.dot import render_dot
from renderers.diagrams.page import render_html
from renderers.diagrams.portal import INTERACTION
from renderers.diagrams.swimlane import REFERENCE
from renderers.diagrams.text_metrics import text_width
from tests.diagrams.exports_graphs import LANGS, SPECS, all_graphs, graph

NAMES = sorted(all_graphs())
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
      "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
      "dc": "http://www.omg.org/spec/DD/20100524/DC", "di": "http://www.omg.org/spec/DD/20100524/DI"}
Box = tuple[float, float, float, float]  # left, bottom, right, top (Graphviz) or x, y, w, h


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _dot_json(text: str) -> dict[str, object]:
    binary = shutil.which("dot")
    if binary is None:
        pytest.fail("Graphviz is not installed (Debian: apt-get install graphviz; .ci/run installs it)")
    done = subprocess.run([binary, "-Tjson"], input=text, capture_output=True, text=True,
                          timeout=120, check=True)
    read: dict[str, object] = json.loads(done.stdout)
    return read


def _label_boxes(read: dict[str, object]) -> list[tuple[int, Box, str]]:
    """Each line of each edge label as Graphviz drew it: the edge, its box, its text."""
    boxes = []
    for edge in read.get("edges", []):  # type: ignore[attr-defined]
        size = 9.0
        for op in edge.get("_ldraw_", []):
            if op["op"] == "F":
                size = op["size"]
            elif op["op"] == "T":
                x, y = op["pt"]
                left = {"c": x - op["width"] / 2, "l": x, "r": x - op["width"]}[op["align"]]
                boxes.append((edge["_gvid"], (left, y - 0.25 * size, left + op["width"], y + 0.8 * size),
                              op["text"]))
    return boxes


@pytest.mark.parametrize("lang", LANGS)
def test_dot_edge_labels_do_not_overlap(lang: str) -> None:
    """`ЭЦҚ түпнұсқалығы расталмады` was drawn over `ЭЦҚ расталды` on the portal channels."""
    overlapping = []
    for name in NAMES:
        boxes = _label_boxes(_dot_json(render_dot(graph(name), lang)))
        overlapping += [f"{name}: {a_text!r} over {b_text!r}"
                        for (a_edge, a, a_text), (b_edge, b, b_text) in combinations(boxes, 2)
                        if a_edge != b_edge and _overlap(a, b)]
    assert overlapping == []


def _bpmn(name: str, lang: str) -> ET.Element:
    return ET.fromstring(render_bpmn(graph(name), lang))


def _bounds(element: ET.Element) -> tuple[float, float, float, float]:
    found = element.find("dc:Bounds", NS)
    assert found is not None
    x, y, w, h = (float(found.get(k, "0")) for k in ("x", "y", "width", "height"))
    return x, y, w, h


@pytest.mark.parametrize("lang", LANGS)
def test_bpmn_lanes_are_high_enough_for_their_names_whole(lang: str) -> None:
    """bpmn-js writes a lane's name along its header, wrapped to the lane's height, and
    breaks a word longer than that ("қызметт і"): each lane is higher than its widest word."""
    short = []
    for name in NAMES:
        root = _bpmn(name, lang)
        names = {lane.get("id"): lane.get("name", "") for lane in root.iter(f"{{{NS['bpmn']}}}lane")}
        for shape in root.iter(f"{{{NS['bpmndi']}}}BPMNShape"):
            lane = shape.get("bpmnElement")
            if lane in names:
                widest = max(text_width(word, LANE_FONT) for word in names[lane].split())
                if _bounds(shape)[3] < widest + 2 * LANE_PADDING:
                    short.append(f"{name}: {names[lane]!r} in {_bounds(shape)[3]}")
    assert short == []


@pytest.mark.parametrize("lang", LANGS)
def test_bpmn_gateway_labels_lie_off_the_flows(lang: str) -> None:
    """Each named gateway has its label's bounds, which no flow's waypoints cross and no
    shape covers (bpmn-js put it under the gateway, where the flow to a lower lane leaves)."""
    problems, gateways = [], 0
    for name in NAMES:
        root = _bpmn(name, lang)
        named = {g.get("id") for g in root.iter(f"{{{NS['bpmn']}}}exclusiveGateway") if g.get("name")}
        plane = root.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
        assert plane is not None
        segments = [(a, b) for edge in plane.findall("bpmndi:BPMNEdge", NS)
                    for a, b in pairwise([(float(p.get("x", "0")), float(p.get("y", "0")))
                                          for p in edge.findall("di:waypoint", NS)])]
        lanes = {lane.get("id") for lane in root.iter(f"{{{NS['bpmn']}}}lane")}
        shapes = [(s.get("bpmnElement"), _bounds(s)) for s in plane.findall("bpmndi:BPMNShape", NS)
                  if s.get("bpmnElement") not in lanes and "Participant" not in str(s.get("bpmnElement"))]
        for shape in plane.findall("bpmndi:BPMNShape", NS):
            if shape.get("bpmnElement") not in named:
                continue
            gateways += 1
            label = shape.find("bpmndi:BPMNLabel", NS)
            if label is None:
                problems.append(f"{name}: {shape.get('bpmnElement')} has no label bounds")
                continue
            x, y, w, h = _bounds(label)
            box = (x, y, x + w, y + h)
            for a, b in segments:
                if min(a[0], b[0]) <= box[2] and box[0] <= max(a[0], b[0]) and \
                        min(a[1], b[1]) <= box[3] and box[1] <= max(a[1], b[1]):
                    problems.append(f"{name}: a flow crosses the label of {shape.get('bpmnElement')}")
            for other, (ox, oy, ow, oh) in shapes:
                if _overlap(box, (ox, oy, ox + ow, oy + oh)):
                    problems.append(f"{name}: {other} covers the label of {shape.get('bpmnElement')}")
    assert gateways >= 20
    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_html_page_shows_each_diagrams_title(lang: str) -> None:
    """Each SVG is headed by its title in HTML at the page's left: inside the interaction
    diagram, thousands of pixels wide, the title is centred off-screen."""
    (regulation,) = [r for r in load_corpus([SPECS]).regulations if r.id == "aktobe-school-admission"]
    corpus = load_corpus([SPECS])
    standard = corpus.standard_of(regulation)
    assert standard is not None
    page = render_html(compile_regulation(regulation, standard), lang)
    figures = re.findall(r"<figure>\n<figcaption>(.*?)</figcaption>\n<svg ", page, flags=re.S)
    assert len(figures) == len(re.findall(r"<svg ", page)) == 3  # two channels and the portal's interaction
    assert figures.count(REFERENCE.get(lang)) == 2
    assert figures.count(INTERACTION.get(lang)) == 1
    assert "figcaption { position: sticky; left: 0;" in page
