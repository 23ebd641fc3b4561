"""The Graphviz export, judged by Graphviz itself: `dot` renders it without a warning,
and reads back every node, edge, lane and label the compiled graph has."""

from __future__ import annotations

import html
import json
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from renderers.diagrams.dot import edge_label, lanes, node_lines, render_dot
from tests.diagrams.exports_graphs import CORRECTION, LANGS, all_graphs, graph
from tests.system_tools import tool

NAMES = sorted(all_graphs())
SVG = "{http://www.w3.org/2000/svg}"


def _dot(text: str, output: str) -> subprocess.CompletedProcess[str]:
    binary = tool("dot", "Graphviz")
    return subprocess.run([binary, f"-T{output}"], input=text, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_dot_renders_to_svg_without_warnings(name: str, lang: str) -> None:
    done = _dot(render_dot(graph(name), lang), "svg")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert ET.fromstring(done.stdout).tag == f"{SVG}svg"


def _unquote(raw: str) -> str:
    """A quoted string's text as Graphviz reads it (its JSON keeps the escapes)."""
    return re.sub(r"\\(.)", r"\1", raw).replace("&amp;", "&")


@pytest.mark.parametrize("name", NAMES)
def test_graphviz_reads_every_node_edge_and_lane(name: str) -> None:
    compiled = graph(name)
    done = _dot(render_dot(compiled, "ru"), "json")
    assert done.returncode == 0, done.stderr
    read = json.loads(done.stdout)
    objects = read["objects"]
    nodes = {o["_gvid"]: o for o in objects if not o["name"].startswith("cluster_")}
    assert sorted(o["name"] for o in nodes.values()) == sorted(compiled.nodes)
    edges = {(nodes[e["tail"]]["name"], nodes[e["head"]]["name"]): e.get("label", "") for e in read["edges"]}
    assert set(edges) == set(compiled.edges)
    for (source, target), label in edges.items():
        assert _unquote(label.replace("\\n", " ")) == edge_label(compiled, source, target, "ru")
    clusters = {o["name"]: sorted(nodes[i]["name"] for i in o.get("nodes", ())) for o in objects
                if o["name"].startswith("cluster_")}
    expected = {f"cluster_{lane.id}": sorted(lane.nodes) for lane in lanes(compiled, "ru")}
    assert clusters == expected
    for node, data in compiled.nodes(data=True):
        drawn = next(o for o in nodes.values() if o["name"] == node)
        shape = {"start": "circle", "task": "box", "process": "box", "decision": "diamond",
                 "condition": "hexagon"}.get(data["kind"])
        if data["kind"] == "end":
            shape = "doublecircle" if data["ending"] == "result" else "doubleoctagon"
        assert drawn["shape"] == shape, node
        if data.get("step") is not None:
            action = html.escape(data["step"].action.get("ru").split()[0], quote=True)
            assert action in drawn["label"]


def test_steps_carry_their_time_limit_in_words() -> None:
    compiled = graph("aktobe-school-admission/provider_office")
    assert node_lines(compiled, "register", "kk")[-1] == "5 (бес) минут ішінде"
    assert node_lines(compiled, "register", "ru")[-1] == "в течение 5 (пяти) минут"
    portal = graph("aktobe-school-admission/portal")
    assert node_lines(portal, "check_credentials", "ru")[0] == "Условие 1"
    assert node_lines(portal, "authorise", "kk")[0] == "1-үдеріс"


def _svg_texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_quotes_backslashes_and_markup_are_drawn_as_written() -> None:
    compiled = graph(CORRECTION)
    done = _dot(render_dot(compiled, "ru"), "svg")
    assert done.stderr == ""
    texts = _svg_texts(done.stdout)
    assert 'Принимает и "регистрирует"' in texts
    assert "документы C:\\docs\\in <br> &" in texts
    assert "->" in texts
    assert '1 - СФЕ Сотрудник канцелярии \\ <i>"1"</i>' in texts
    assert any(t.startswith('Тестовая услуга «с возвратом» на "доработку" <b>&amp;</b>') for t in texts)
    joined = " ".join(texts)  # edge labels are wrapped at EDGE_LABEL_WIDTH characters
    assert "Возвращается на доработку (не более 2 раз)" in joined
    assert "Не соответствует требованиям; Документы недостоверны" in joined


def test_kazakh_and_russian_renderings_differ_only_in_words() -> None:
    compiled = graph(CORRECTION)
    kk, ru = render_dot(compiled, "kk"), render_dot(compiled, "ru")
    assert "Түзетуге қайтарылады (ең көбі 2 рет)" in kk.replace("\\n", " ")
    assert "Возвращается" not in kk
    def skeleton(text: str) -> list[str]:
        return [line.split(" [")[0].split(" label=")[0] for line in text.splitlines()]

    assert skeleton(kk) == skeleton(ru)
    assert render_dot(compiled, "ru") == ru  # byte-stable
