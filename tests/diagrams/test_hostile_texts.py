"""Hostile texts in a spec (issue 15): every diagram export stays well-formed and means what we wrote.

A spec's texts (titles, actions, outcomes, actors, the graph's name) are replaced by one that
carries a Mermaid directive (`%%{init: ...}%%`), quotes, markup, newlines, C0 and C1 control
characters and bidirectional overrides. The loader refuses such characters in specs, but the
renderers must not rely on it: each export is read back by the tool of its format (mermaid's own
parser, Graphviz `dot`, an XML parser) and holds no directive and no removed character.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from engine.process import START, CompiledRegulation
from engine.spec import Text
from renderers.diagrams.bpmn import render_bpmn
from renderers.diagrams.dot import lanes, render_dot
from renderers.diagrams.mermaid import node_ids, render_mermaid
from renderers.diagrams.page import render_html
from renderers.diagrams.portal import render_interaction
from renderers.diagrams.swimlane import render_swimlane
from tests.diagrams.exports_graphs import CORRECTION, graph
from tests.diagrams.exports_npm import run_node
from tests.system_tools import tool

HOSTILE = ('Ф %%{init: {"theme": "forest", "securityLevel": "loose"}}%% "q" \'a\' <b>&amp;</b> '
           "]]> --> end; #1; `x` \\n C:\\dir\nline two\r\nline three\u2028four "
           "\x01\x0b\x1b\x7f\x85\u202eevil\u202c\u2066iso\u2069 %%")
#: What no output may hold: control characters (but tab and newline), bidi overrides.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
PORTAL = "aktobe-school-admission/portal"


def _text(text: Text) -> Text:
    return dataclasses.replace(text, kk=f"{text.kk} {HOSTILE}", ru=f"{text.ru} {HOSTILE}")


def hostile(name: str) -> nx.DiGraph:
    """A copy of a compiled channel whose every text carries `HOSTILE`, its nodes renamed too."""
    compiled = graph(name).copy()
    for _, data in compiled.nodes(data=True):
        step = data.get("step")
        if step is not None:
            outcomes = tuple(dataclasses.replace(o, label=_text(o.label)) for o in step.outcomes)
            data["step"] = dataclasses.replace(step, action=_text(step.action), outcomes=outcomes,
                                               duration_text=_text(step.duration_text or Text("", "")))
        if data.get("actor") is not None:
            data["actor"] = dataclasses.replace(data["actor"], title=_text(data["actor"].title))
    meta = compiled.graph
    meta["standard"] = dataclasses.replace(meta["standard"], title=_text(meta["standard"].title),
                                           provider=_text(meta["standard"].provider))
    meta["channel"] = dataclasses.replace(meta["channel"], title=_text(meta["channel"].title))
    meta["regulation"] = dataclasses.replace(meta["regulation"], title=_text(meta["regulation"].title))
    meta["name"] = f"{meta['name']} {HOSTILE}"
    return nx.relabel_nodes(compiled, {n: f"{n} {HOSTILE}" for n in compiled if n != START})


def _page(compiled: nx.DiGraph, lang: str) -> str:
    meta = compiled.graph
    return render_html(CompiledRegulation(meta["regulation"], meta["standard"],
                                          {meta["channel"].id: compiled}), lang)


XML: dict[str, Callable[[nx.DiGraph, str], str]] = {
    "svg": render_swimlane, "interaction": render_interaction, "bpmn": render_bpmn,
}


def _mermaid(compiled: nx.DiGraph, lang: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    text = render_mermaid(compiled, lang)
    path = tmp_path / "hostile.mmd"
    path.write_text(text, encoding="utf-8")
    read = run_node(request.getfixturevalue("mermaid_parser"), "exports_mermaid_parse.mjs",
                    [str(path)])[str(path)]  # type: ignore[index]
    assert read["error"] is None, read["error"]
    assert read["type"] == "flowchart-v2"
    ids = node_ids(compiled)
    assert sorted(n["id"] for n in read["nodes"]) == sorted(ids.values())
    assert sorted((e["start"], e["end"]) for e in read["edges"]) == \
        sorted((ids[s], ids[t]) for s, t in compiled.edges)
    assert sorted(s["id"] for s in read["subgraphs"]) == [lane.id for lane in lanes(compiled, lang)]
    assert text.splitlines()[1].startswith('title: "')  # one line of front matter, quoted
    assert "%%" not in text  # no directive, no comment: every % of a text is an entity code
    return text


def _dot(compiled: nx.DiGraph, lang: str) -> str:
    text = render_dot(compiled, lang)
    binary = tool("dot", "Graphviz")
    for output in ("svg", "json"):
        done = subprocess.run([binary, f"-T{output}"], input=text, capture_output=True, text=True,
                              timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        if output == "svg":
            ET.fromstring(done.stdout)
        else:
            read = json.loads(done.stdout)
            names = {o["name"] for o in read["objects"] if not o["name"].startswith("cluster_")}
            assert len(names) == compiled.number_of_nodes()
            assert len(read["edges"]) == compiled.number_of_edges()
    return text


def _xml(render: Callable[[nx.DiGraph, str], str], compiled: nx.DiGraph, lang: str) -> str:
    text = render(compiled, lang)
    root = ET.fromstring(text)
    assert any("%%{init" in (element.text or "") or any("%%{init" in v for v in element.attrib.values())
               for element in root.iter()), "the hostile text is kept as text"
    return text


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("fmt", ["mermaid", "dot", "svg", "interaction", "bpmn", "html"])
def test_hostile_spec_texts_stay_text_in_every_diagram_export(
        fmt: str, lang: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    for name in (CORRECTION, PORTAL):
        if fmt == "interaction" and name != PORTAL:
            continue
        compiled = hostile(name)
        if fmt == "mermaid":
            text = _mermaid(compiled, lang, tmp_path, request)
        elif fmt == "dot":
            text = _dot(compiled, lang)
        elif fmt == "html":
            text = _page(compiled, lang)
            for svg in re.findall(r"<svg .*?</svg>", text, re.DOTALL):
                ET.fromstring(svg)
        else:
            text = _xml(XML[fmt], compiled, lang)
        found = FORBIDDEN.search(text)
        assert found is None, f"{name} as {fmt}: {found.group(0)!r} at {found.start()}"
