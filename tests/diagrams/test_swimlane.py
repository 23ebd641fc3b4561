"""The swimlane SVG and the HTML page: well-formed, complete, deterministic, as drawn before.

Golden files (`tests/diagrams/golden/`) hold two services per channel; after an intended
change of the drawing, regenerate them and look at the diff (and at the PNGs):

    pytest tests/diagrams/test_swimlane.py --regen-golden
"""

from __future__ import annotations

import re
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from engine.corpus import load_corpus
from engine.process import CompiledRegulation, compile_regulation
from renderers.diagrams.layout import time_limit
from renderers.diagrams.page import render_html
from renderers.diagrams.swimlane import LEGEND, render_swimlane
from tests.diagrams.exports_graphs import SPECS, all_graphs, graph
from tests.system_tools import tool

SVG = "{http://www.w3.org/2000/svg}"
GOLDEN = Path(__file__).with_name("golden")
#: Two services per channel.
GOLDEN_GRAPHS = [
    ("aktobe-school-admission", "provider_office"),
    ("aktobe-education-document-duplicates", "provider_office"),
    ("aktobe-externat-permission", "gov_corp"),
    ("aktobe-education-document-duplicates", "gov_corp"),
    ("aktobe-school-admission", "portal"),
    ("aktobe-externat-permission", "portal"),
]
CORPUS = sorted(all_graphs())


def parse(svg: str) -> ET.Element:
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    return ET.fromstring(svg)


def texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{SVG}text")]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def node_group(root: ET.Element, node: str) -> ET.Element:
    found = [g for g in root.iter(f"{SVG}g") if g.get("data-node") == node]
    assert len(found) == 1, node
    return found[0]


@pytest.mark.parametrize("name", CORPUS)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_actor_step_and_edge_is_drawn(name: str, lang: str) -> None:
    compiled = graph(name)
    root = parse(render_swimlane(compiled, lang))
    lanes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "lane-group"]
    headers = [squeeze("".join(texts(g))) for g in lanes]
    for node, data in compiled.nodes(data=True):
        actor = data.get("actor")
        if actor is not None and actor.kind != "applicant":
            assert any(h.endswith(squeeze(actor.title.get(lang))) for h in headers), actor.id
        step = data.get("step")
        if step is None:
            continue
        drawn = squeeze("".join(texts(node_group(root, node))))
        assert squeeze(step.action.get(lang)) in drawn, node
        limit = time_limit(step, lang)
        if limit:
            assert drawn.endswith(squeeze(limit)), node
    flows = [(p.get("data-source"), p.get("data-target")) for p in root.iter(f"{SVG}path")
             if "flow" in (p.get("class") or "").split() and p.get("data-source")]
    assert sorted(flows) == sorted(compiled.edges)
    for u, v, attrs in compiled.edges(data=True):
        if attrs.get("label") is not None:
            assert squeeze(attrs["label"].get(lang)) in squeeze("".join(texts(root))), (u, v)


def test_the_title_block_names_the_reference_service_act_and_channel() -> None:
    root = parse(render_swimlane(graph("aktobe-externat-permission/gov_corp"), "ru"))
    title = " ".join(texts(next(g for g in root.iter(f"{SVG}g") if g.get("class") == "title")))
    assert title.startswith("Справочник бизнес-процессов оказания государственной услуги")
    assert "экстерната" in title
    assert "29 июня 2015 года, № 232" in title
    assert "Госкорпорация «Правительство для граждан»" in title
    assert "Срок оказания государственной услуги: 15 (пятнадцать) рабочих дней" in title


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_legend_is_in_both_languages_kazakh_first(lang: str) -> None:
    root = parse(render_swimlane(graph("aktobe-school-admission/provider_office"), lang))
    items = [g for g in root.iter(f"{SVG}g") if g.get("class") == "legend-item"]
    symbols = [g.get("data-symbol") for g in items]
    assert symbols == ["unit", "start", "result", "refusal", "step", "choice", "flow"]
    for item, symbol in zip(items, symbols, strict=True):
        lines = list(item.iter(f"{SVG}text"))
        kk = " ".join(t.text or "" for t in lines if t.get("class") == "kk")
        ru = " ".join(t.text or "" for t in lines if t.get("class") == "ru")
        assert squeeze(kk).endswith(squeeze(LEGEND[symbol].kk))  # the unit's box reads ҚФБ first
        assert squeeze(ru) == squeeze(LEGEND[symbol].ru)
        classes = [t.get("class") for t in lines if t.get("class") in ("kk", "ru")]
        assert classes == sorted(classes)  # every Kazakh line before the Russian


def test_ends_are_told_apart() -> None:
    root = parse(render_swimlane(graph("aktobe-externat-permission/portal"), "kk"))
    ends = {g.get("data-node"): g for g in root.iter(f"{SVG}g")
            if "kind-end" in (g.get("class") or "")}
    assert set(ends) == {"end:result", "end:refusal", "end:refusal_to_accept"}
    marks = {node: [p.get("d") for p in g.iter(f"{SVG}path")] for node, g in ends.items()}
    assert marks["end:result"] == []
    assert marks["end:refusal"][0].count("M") == 2  # a cross
    assert marks["end:refusal_to_accept"][0].count("M") == 1  # a bar
    assert {squeeze("".join(texts(g))) for g in ends.values()} == {
        "Нәтиже", "Дәлелдібастарту", "Құжаттардықабылдауданбастарту"}


def test_rendering_is_deterministic_and_escapes_text() -> None:
    compiled = graph("export-correction/provider_office")
    first = render_swimlane(compiled, "kk")
    assert first == render_swimlane(compiled, "kk")
    parse(first)  # quotes, ampersands and markup in the texts stay text
    assert "<script" not in first


@pytest.mark.parametrize(("regulation", "channel"), GOLDEN_GRAPHS)
def test_golden_svg(regulation: str, channel: str, regen_golden: bool) -> None:
    path = GOLDEN / f"{regulation}.{channel}.kk.svg"
    svg = render_swimlane(graph(f"{regulation}/{channel}"), "kk")
    if regen_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(svg, encoding="utf-8")
    assert svg == path.read_text(encoding="utf-8"), (
        f"{path.name} differs (hint: if the change is intended, run pytest --regen-golden and "
        "review the diff)")


def _compiled(regulation_id: str) -> CompiledRegulation:
    corpus = load_corpus([SPECS])
    regulation = corpus.regulation_versions(regulation_id)[-1]
    standard = corpus.standard_of(regulation)
    assert standard is not None
    return compile_regulation(regulation, standard)


def test_the_html_page_embeds_every_channel_and_the_portals_interaction() -> None:
    compiled = _compiled("aktobe-school-admission")
    page = render_html(compiled, "ru")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"ru\">")
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(svgs) == len(compiled.graphs) + 1  # the portal's interaction diagram too
    ids = []
    for svg in svgs:
        root = ET.fromstring(svg)
        ids += [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))  # markers and nodes do not collide on one page
    for name in compiled.graphs:
        assert f'<section id="channel-{name}">' in page
    assert page == render_html(compiled, "ru")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_rsvg_convert_renders_the_svg_at_its_size(tmp_path: Path) -> None:
    """A real SVG renderer reads the drawing (rsvg-convert: tools/setup_tests.py installs librsvg2-bin)."""
    rsvg = tool("rsvg-convert", "rsvg-convert (librsvg2-bin)")
    compiled: nx.DiGraph = graph("aktobe-externat-permission/portal")
    source = tmp_path / "portal.svg"
    source.write_text(render_swimlane(compiled, "kk"), encoding="utf-8")
    target = tmp_path / "portal.png"
    done = subprocess.run([rsvg, str(source), "-o", str(target)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    root = parse(source.read_text(encoding="utf-8"))
    assert _png_size(target.read_bytes()) == (int(root.get("width") or 0),
                                              int(root.get("height") or 0))
