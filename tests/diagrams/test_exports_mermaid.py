"""The Mermaid export: its structure, and mermaid's own parser reading it back.

The parser test installs `mermaid` (and jsdom, which its sanitiser needs) with npm into
`tests/.cache/npm` on first use (`exports_npm.py`); it is skipped only when node or npm
is missing.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import renderers.diagrams.dot
import renderers.diagrams.mermaid
from renderers.diagrams.dot import edge_label, lanes
from renderers.diagrams.escaping import mermaid_text
from renderers.diagrams.mermaid import node_ids, render_mermaid
from tests.diagrams.exports_graphs import CORRECTION, LANGS, all_graphs, graph
from tests.diagrams.exports_npm import run_node

NAMES = sorted(all_graphs())
_ID = re.compile(r"^n_[A-Za-z0-9_]+$")
_SHAPES = {"start": "circle", "task": "round", "process": "subroutine", "decision": "diamond",
           "condition": "hexagon", "end": "doublecircle"}


@pytest.mark.parametrize("module", [renderers.diagrams.dot, renderers.diagrams.mermaid])
def test_docstring_examples(module: object) -> None:
    failures, tried = doctest.testmod(module)  # type: ignore[arg-type]
    assert tried
    assert not failures


@pytest.mark.parametrize("name", NAMES)
def test_every_node_and_edge_is_declared_once_with_a_safe_id(name: str) -> None:
    compiled = graph(name)
    text = render_mermaid(compiled, "ru")
    lines = text.splitlines()
    assert lines[:4] == ["---", lines[1], "---", "flowchart TD"]
    ids = node_ids(compiled)
    assert len(set(ids.values())) == len(ids)
    assert all(_ID.match(i) for i in ids.values())
    declared = [line.strip().split('"')[0].rstrip("([{") for line in lines
                if line.startswith(("    n_", "  n_")) and "-->" not in line]
    assert sorted(declared) == sorted(ids.values())
    edges = [line.strip() for line in lines if "-->" in line]
    assert len(edges) == compiled.number_of_edges()
    for source, target in compiled.edges:
        label = edge_label(compiled, source, target, "ru")
        arrow = f'-->|"{mermaid_text(label)}"|' if label else "-->"
        assert f"{ids[source]} {arrow} {ids[target]}" in edges
    subgraphs = [line.strip() for line in lines if line.startswith("  subgraph ")]
    assert subgraphs == [f'subgraph {lane.id}["{mermaid_text(lane.title)}"]' for lane in lanes(compiled, "ru")]


def test_ids_that_would_collide_or_clash_with_keywords_are_made_unique() -> None:
    compiled = graph(CORRECTION).copy()
    compiled.add_node("end", kind="task")
    compiled.add_node("sign_refusal", kind="task")  # "sign-refusal" is made the same
    ids = node_ids(compiled)
    assert ids["end"] == "n_end"
    assert ids["sign-refusal"] == "n_sign_refusal"
    assert ids["sign_refusal"] == "n_sign_refusal_2"


def test_labels_escape_what_mermaid_would_read() -> None:
    text = render_mermaid(graph(CORRECTION), "ru")
    assert 'n_register("Принимает и #quot;регистрирует#quot;<br>документы C:\\docs\\in #lt;br#gt; #amp;<br>-#gt;<br>' \
        in text
    assert 'subgraph lane_1["1 - СФЕ Сотрудник канцелярии \\ #lt;i#gt;#quot;1#quot;#lt;/i#gt;"]' in text
    assert '-->|"Возвращается на доработку (не более 2 раз)"| n_register' in text


def test_mermaid_parses_every_export(mermaid_parser: object, tmp_path: Path) -> None:
    files = {}
    for name in NAMES:
        for lang in LANGS:
            path = tmp_path / f"{name.replace('/', '.')}.{lang}.mmd"
            path.write_text(render_mermaid(graph(name), lang))
            files[str(path)] = name
    answers = run_node(mermaid_parser, "exports_mermaid_parse.mjs", list(files))  # type: ignore[arg-type]
    assert isinstance(answers, dict)
    for path, name in files.items():
        read = answers[path]
        assert read["error"] is None, f"{path}: {read['error']}"
        assert read["type"] == "flowchart-v2"
        compiled, ids = graph(name), node_ids(graph(name))
        shapes = {n["id"]: n.get("type") for n in read["nodes"]}
        assert shapes == {ids[node]: _SHAPES[data["kind"]] for node, data in compiled.nodes(data=True)}
        assert sorted((e["start"], e["end"]) for e in read["edges"]) == \
            sorted((ids[s], ids[t]) for s, t in compiled.edges)
        members = {s["id"]: sorted(s["nodes"]) for s in read["subgraphs"]}
        assert members == {lane.id: sorted(ids[n] for n in lane.nodes) for lane in lanes(compiled, "ru")}
