"""The diagram benchmark at a tiny size: its report has every measure, counted right (no timing asserted).

benchmarks/bench_diagrams.py draws every channel of a generated corpus as SVG and BPMN and
compares the layout's growth with Graphviz's dot; here on 6 specs and graphs of 5 and 9 steps.
"""

from __future__ import annotations

import json

import pytest

from benchmarks.bench_diagrams import main, process_graph
from renderers.diagrams.layout import layout

TIMINGS = ("svg", "layout", "bpmn")


def test_the_report_counts_every_diagram(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--specs", "6", "--seed", "3", "--sizes", "5,9", "--repeat", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["specs"] == 6
    assert report["regulations"] == 3
    assert report["diagrams"] >= report["regulations"]
    for key in TIMINGS:
        timing = report[key]
        assert set(timing) == {"count", "median_ms", "p95_ms", "cpu_median_ms", "total_s", "unit"}
        assert timing["count"] == report["diagrams"]
        assert 0 <= timing["median_ms"] <= timing["p95_ms"]
    assert report["svg_median_bytes"] > 1000
    assert [row["steps"] for row in report["growth"]] == [5, 9]
    for row in report["growth"]:
        assert row["nodes"] >= row["steps"] + 2
        assert row["layout_ms"] > 0
        assert row["dot_ms"] > 0  # Graphviz is the peer (.ci/run installs it)
        assert row["ratio"] == pytest.approx(row["layout_ms"] / row["dot_layout_ms"])
        assert row["cpu_ratio"] == pytest.approx(row["layout_cpu_ms"] / row["dot_layout_cpu_ms"])


def test_the_growth_graphs_have_decisions_refusals_and_returns() -> None:
    graph = process_graph(30)
    kinds = [kind for _, kind in graph.nodes(data="kind")]
    assert kinds.count("task") + kinds.count("decision") == 30
    assert kinds.count("decision") == 4
    assert {"end:result", "end:refusal"} <= set(graph.nodes)
    assert any(route.returns for route in layout(graph, "kk").edges)
