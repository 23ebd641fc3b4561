"""The BPMN export passes bpmnlint with `bpmnlint:recommended`, with no error and no warning.

bpmnlint and bpmn-moddle are installed with npm into `tests/.cache/npm` on first use
(`exports_npm.py`); bpmn-moddle's import warnings (unknown elements or attributes,
references to nothing) count as failures too. `.ci/run` makes node and npm available,
so a missing node is a failure here, not a skip.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from renderers.diagrams.bpmn import render_bpmn
from tests.diagrams.exports_graphs import CORRECTION, LANGS, all_graphs, graph
from tests.diagrams.exports_npm import BPMNLINT, node_tools, run_node

NAMES = sorted(all_graphs())


@pytest.fixture(scope="module")
def lint(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, list[object]]]:
    """bpmnlint's findings for the export of every channel in both languages, by (name, lang)."""
    directory = tmp_path_factory.mktemp("bpmn")
    files = {}
    for name in NAMES:
        for lang in LANGS:
            path = directory / f"{name.replace('/', '.')}.{lang}.bpmn"
            path.write_text(render_bpmn(graph(name), lang))
            files[str(path)] = (name, lang)
    answers = run_node(node_tools(BPMNLINT, "bpmnlint"), "bpmn_lint.cjs", list(files))
    assert isinstance(answers, dict)
    return {files[path]: found for path, found in answers.items()}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_recommended_rules_find_nothing(lint: dict[tuple[str, str], dict[str, list[object]]],
                                        name: str, lang: str) -> None:
    found = lint[name, lang]
    assert found["import"] == []
    assert found["reports"] == []


def _broken(text: str, tmp_path: Path) -> dict[str, set[str]]:
    """Three damaged copies of an export and the rules bpmnlint reports on each."""
    variants = {
        # a conditioned flow loses its condition
        "condition": re.sub(r"\s*<bpmn:conditionExpression[^>]*>[^<]*</bpmn:conditionExpression>", "", text,
                            count=1),
        # the shape of one activity is dropped from the diagram
        "shape": re.sub(r'\s*<bpmndi:BPMNShape id="Activity_register_di".*?</bpmndi:BPMNShape>', "", text,
                        count=1, flags=re.DOTALL),
        # one activity is drawn on top of another
        "overlap": re.sub(r'(<bpmndi:BPMNShape id="Activity_assign_di"[^>]*>\s*<dc:Bounds )x="[^"]*" y="[^"]*"',
                          lambda m: m.group(1) + _bounds_of(text, "Activity_record_di"), text, count=1),
    }
    for kind, variant in variants.items():
        assert variant != text, kind
        (tmp_path / f"{kind}.bpmn").write_text(variant)
    answers = run_node(node_tools(BPMNLINT, "bpmnlint"), "bpmn_lint.cjs",
                       [str(tmp_path / f"{kind}.bpmn") for kind in variants])
    assert isinstance(answers, dict)
    return {Path(path).stem: {r["rule"] for r in found["reports"]} for path, found in answers.items()}


def _bounds_of(text: str, shape: str) -> str:
    found = re.search(rf'<bpmndi:BPMNShape id="{shape}"[^>]*>\s*<dc:Bounds (x="[^"]*" y="[^"]*")', text)
    assert found is not None
    return found.group(1)


def test_the_linter_run_catches_damage(tmp_path: Path) -> None:
    """The same run on damaged copies reports them: the test above could fail."""
    rules = _broken(render_bpmn(graph(CORRECTION), "ru"), tmp_path)
    assert "conditional-flows" in rules["condition"]
    assert "no-bpmndi" in rules["shape"]
    assert "no-overlapping-elements" in rules["overlap"]
