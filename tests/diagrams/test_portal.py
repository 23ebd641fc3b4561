"""The portal's interaction diagram of information systems."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from renderers.diagrams.layout import layout
from renderers.diagrams.portal import LEGEND, has_interaction, render_interaction
from tests.diagrams.exports_graphs import all_graphs, graph

SVG = "{http://www.w3.org/2000/svg}"
PORTALS = [name for name in sorted(all_graphs()) if has_interaction(graph(name))]


def test_only_the_portal_channels_have_an_interaction_diagram() -> None:
    assert {"aktobe-externat-permission/portal", "aktobe-school-admission/portal"} <= set(PORTALS)
    assert not any(name.endswith(("/provider_office", "/gov_corp")) and name.startswith("aktobe")
                   for name in PORTALS)
    with pytest.raises(ValueError, match="hint: the interaction diagram is drawn for the portal"):
        render_interaction(graph("aktobe-school-admission/provider_office"), "kk")


@pytest.mark.parametrize("name", PORTALS)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_numbered_processes_and_conditions_with_their_flows(name: str, lang: str) -> None:
    compiled = graph(name)
    svg = render_interaction(compiled, lang)
    root = ET.fromstring(svg)
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for _, data in compiled.nodes(data=True):
        step = data.get("step")
        if step is not None and step.number is not None:
            heading = {("process", "kk"): f"{step.number}-үдеріс",
                       ("process", "ru"): f"Процесс {step.number}",
                       ("condition", "kk"): f"{step.number}-шарт",
                       ("condition", "ru"): f"Условие {step.number}"}[step.kind, lang]
            assert heading in words
    lanes = {g.get("data-node"): g for g in root.iter(f"{SVG}g") if g.get("data-node")}
    messages = [p for p in root.iter(f"{SVG}path") if p.get("class") == "message"
                and p.get("data-source")]
    controls = [p for p in root.iter(f"{SVG}path") if p.get("class") == "flow"
                and p.get("data-source")]
    assert len(messages) + len(controls) == compiled.number_of_edges()
    assert messages  # the flow passes from the applicant to the portal and on
    assert all(m.get("marker-start") and m.get("marker-end") for m in messages)
    assert set(lanes) >= set(compiled.nodes)
    actors = [g.get("data-actor") for g in root.iter(f"{SVG}g") if g.get("class") == "lane-group"]
    drawn = layout(compiled, lang, orientation="horizontal")
    assert actors == [lane.actor or "applicant" for lane in drawn.lanes]
    assert len(actors) > 1


def test_the_flows_between_participants_are_messages() -> None:
    compiled = graph("aktobe-school-admission/portal")
    root = ET.fromstring(render_interaction(compiled, "kk"))
    kinds = {(p.get("data-source"), p.get("data-target")): p.get("class")
             for p in root.iter(f"{SVG}path") if p.get("data-source")}
    assert kinds["sign_up", "authorise"] == "flow"  # both the applicant's
    assert kinds["authorise", "check_credentials"] == "message"  # applicant -> portal
    assert kinds["send_to_provider", "check_documents"] == "message"  # portal -> provider's IS


def test_legend_follows_the_seed_in_both_languages() -> None:
    root = ET.fromstring(render_interaction(graph("aktobe-externat-permission/portal"), "ru"))
    symbols = [g.get("data-symbol") for g in root.iter(f"{SVG}g") if g.get("class") == "legend-item"]
    assert symbols == ["unit", "message", "result", "refusal", "refusal_to_accept", "process",
                       "condition", "message_flow", "flow"]
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for symbol in symbols:
        assert LEGEND[symbol].kk.split()[0] in words
        assert LEGEND[symbol].ru.split()[0] in words


def test_deterministic() -> None:
    compiled = graph("aktobe-externat-permission/portal")
    assert render_interaction(compiled, "kk") == render_interaction(compiled, "kk")
