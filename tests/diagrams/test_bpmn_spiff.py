"""The BPMN export runs in SpiffWorkflow: every outcome of every decision and portal
condition, of every channel of every regulation in specs/ (and the made-up regulation
with returns for correction), reaches the end the compiled graph says, through exactly
the steps the graph says, in order. SpiffWorkflow's parser also validates each document
against the BPMN 2.0 XML schema."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.util.task import TaskState

from renderers.diagrams.bpmn import render_bpmn
from tests.diagrams.bpmn_spiff import Plan, drive, plans, spec_of
from tests.diagrams.exports_graphs import CORRECTION, all_graphs, graph

CASES = [(name, lang, plan) for name in sorted(all_graphs())
         for lang in (("kk", "ru") if name == CORRECTION else ("ru",))
         for plan in plans(graph(name))]


def _spec(name: str, lang: str) -> object:
    compiled = graph(name)
    regulation, channel = compiled.graph["regulation"].id, compiled.graph["channel"].id
    return spec_of(render_bpmn(compiled, lang), f"Process_{regulation}_{channel}")


def test_every_channel_has_plans_and_the_corpus_has_decisions() -> None:
    steps = {(name, plan.step) for name, _, plan in CASES}
    assert ("aktobe-school-admission/provider_office", "review") in steps
    assert ("aktobe-school-admission/portal", "check_signature") in steps
    outcomes = {plan.outcome for name, _, plan in CASES if name == CORRECTION}
    assert {"correct", "returned", "refuse", "unreliable", "incomplete", "forged"} <= outcomes
    generated = [name for name in all_graphs() if name.startswith("generated:")]
    assert sum(not nx.is_directed_acyclic_graph(graph(name)) for name in generated) >= 2


@pytest.mark.parametrize(("name", "lang", "plan"), CASES,
                         ids=[f"{n}:{lang}:{p.step}={p.outcome}" for n, lang, p in CASES])
def test_each_outcome_runs_to_its_end(name: str, lang: str, plan: Plan) -> None:
    run = drive(_spec(name, lang), plan.choices)
    assert run.completed, f"stuck after {run.steps}"
    assert run.steps == plan.steps
    assert run.ends == (plan.ending,)


@pytest.mark.parametrize("name", sorted(all_graphs()))
def test_straight_through_without_choices_is_refused_by_the_gateways(name: str) -> None:
    """A run that gives a forking step no outcome stops at its gateway (no default flow)."""
    if not plans(graph(name)):
        run = drive(_spec(name, "ru"), ())
        assert run.completed
        assert run.ends == ("result",)
        return
    with pytest.raises(WorkflowTaskException, match="Error evaluating expression 'outcome"):
        drive(_spec(name, "ru"), ())


def test_returns_for_correction_go_round_and_come_out() -> None:
    choices = (("check_package", "complete"), ("examine", "correct"), ("check_package", "complete"),
               ("examine", "fits"), ("sign", "returned"), ("sign", "signed"))
    run = drive(_spec(CORRECTION, "kk"), choices)
    assert run.steps == ("submit", "register", "check_package", "record", "assign", "examine",
                         "register", "check_package", "record", "assign", "examine",
                         "draft", "sign", "draft", "sign", "issue")
    assert run.ends == ("result",)


def test_the_documented_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/diagrams.md, "Running it": the SpiffWorkflow example, on the file it names."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "diagrams.md").read_text(encoding="utf-8")
    section = text[text.index("**Running it.**"):]
    code = section[section.index("```python\n") + len("```python\n"):section.index("\n```\n")]
    (tmp_path / "admission.bpmn").write_text(render_bpmn(graph("aktobe-school-admission/provider_office"), "kk"))
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code, "docs/diagrams.md", "exec"), namespace)
    workflow = namespace["workflow"]
    assert workflow.is_completed()  # type: ignore[attr-defined]
    done = workflow.get_tasks(state=TaskState.COMPLETED)  # type: ignore[attr-defined]
    assert [t.task_spec.name for t in done if t.task_spec.name.startswith("Event_end_")] == ["Event_end_result"]
