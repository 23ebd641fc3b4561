"""An outcome with a time limit of its own is drawn as a step of its actor, with its limit
(tests/data/gaps: the refusal's documents are returned by the clerk within 1 working day)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

from engine.corpus import load_corpus
from engine.process import compile_regulation
from renderers.diagrams import render_mermaid
from renderers.diagrams.bpmn import render_bpmn
from tests.specdata import DATA


def _graph() -> nx.DiGraph:
    corpus = load_corpus([DATA / "gaps"])
    (regulation,) = corpus.regulations
    (standard,) = corpus.standards
    return compile_regulation(regulation, standard).graphs["provider_office"]


def test_mermaid_draws_the_outcomes_time_in_the_lane_of_its_actor() -> None:
    lines = render_mermaid(_graph(), "ru").splitlines()
    lane = lines.index('  subgraph lane_1["1 - СФЕ Сотрудник канцелярии"]')
    assert lines[lane + 2] == (
        '    n_review_refuse("Возвращает<br>мотивированный ответ об<br>отказе и документы<br>'
        'в течение 1 (одного) рабочего<br>дня")')
    assert '  n_review -->|"Отказ"| n_review_refuse' in lines
    assert "  n_review_refuse --> n_end_refusal" in lines


def test_bpmn_makes_it_a_task_between_the_gateway_and_the_refusal() -> None:
    root = ET.fromstring(render_bpmn(_graph(), "ru"))
    ns = {"b": "http://www.omg.org/spec/BPMN/20100524/MODEL"}
    task = root.find(".//b:userTask[@id='Activity_review.refuse']", ns)
    assert task is not None
    assert task.get("name") == "Возвращает мотивированный ответ об отказе и документы"
    assert task.findtext("b:documentation", namespaces=ns) == (
        "Срок исполнения: в течение 1 (одного) рабочего дня")
    flows = {(f.get("sourceRef"), f.get("targetRef"), f.get("name"))
             for f in root.iterfind(".//b:sequenceFlow", ns)}
    assert ("Gateway_review", "Activity_review.refuse", "Отказ") in flows
