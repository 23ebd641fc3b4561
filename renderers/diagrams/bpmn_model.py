"""The BPMN process of a compiled channel graph as flow nodes and sequence flows.

A step is a `serviceTask` when an information system performs it and a `userTask` when
a person does (the applicant, an employee, an organisation). A step whose outcomes lead
to different places is followed by an `exclusiveGateway` (a *fork*); its outgoing flows
carry the outcome's label and a `conditionExpression` on the variable `outcome`
(`outcome == "accept"`, the id `Executor.complete(..., outcome=...)` takes). No flow is
a default: the regulation names every way out, and an outcome that matches none is an
error, not a silent path. Where several flows meet (a return for correction, branches
that join) a joining `exclusiveGateway` (a *join*) merges them, so a bounded cycle stays
valid BPMN. One `startEvent`; one `endEvent` per way a case ends (result, reasoned
refusal, refusal to accept). Ids are deterministic: `Activity_<step>`, `Gateway_<step>`,
`Join_<element>`, `Event_start`, `Event_end_<ending>`, `Flow_<n>` in graph order.

An outcome's id is written in a condition as a quoted string literal (`json.dumps`).
`renderers.diagrams.bpmn` writes the model as XML.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from engine.process import START
from engine.spec import Actor, Step, Text
from renderers.diagrams.dot import START_NAME, edge_label
from renderers.diagrams.layout import ENDINGS, step_heading

__all__ = ["BpmnModel", "Flow", "Node", "build_model", "outcome_ids"]

CHOICE = Text("Таңдау нұсқасы", "Вариант выбора")


@dataclass(frozen=True)
class Node:
    """A flow node of the BPMN process, and the graph node it stands for (or is attached to)."""

    id: str
    tag: str  # startEvent, endEvent, userTask, serviceTask, exclusiveGateway
    name: str
    graph_node: str
    role: str = "node"  # node, fork (after a step with outcomes), join (before a node)


@dataclass(frozen=True)
class Flow:
    """A sequence flow, and the graph edge it draws (None into a fork or out of a join)."""

    id: str
    source: str
    target: str
    name: str = ""
    condition: str | None = None
    edge: tuple[str, str] | None = None


@dataclass
class BpmnModel:
    """The process as flow nodes and sequence flows, before it is written as XML."""

    nodes: dict[str, Node] = field(default_factory=dict)
    flows: list[Flow] = field(default_factory=list)
    #: graph node -> (the element flows into it enter, the element flows out of it leave)
    ports: dict[str, tuple[str, str]] = field(default_factory=dict)


def _forks(graph: nx.DiGraph, node: str) -> bool:
    return graph.nodes[node].get("step") is not None and graph.out_degree(node) > 1


def build_model(graph: nx.DiGraph, lang: str) -> BpmnModel:
    """Flow nodes and sequence flows of a compiled channel graph, with forks and joins."""
    model = BpmnModel()
    for node, data in graph.nodes(data=True):
        _add_elements(model, graph, node, data, lang)
    pending: list[Flow] = []
    for node in graph.nodes:
        entry, exit_ = model.ports[node]
        if entry != exit_:
            pending.append(Flow("", entry, exit_))
        for target in graph.successors(node):
            outcomes = outcome_ids(graph.edges[node, target])
            condition = _condition(outcomes) if _forks(graph, node) else None
            pending.append(Flow("", exit_, model.ports[target][0], edge_label(graph, node, target, lang),
                                condition, (node, target)))
    entering: dict[str, int] = {}
    for flow in pending:
        entering[flow.target] = entering.get(flow.target, 0) + 1
    joins = [element for element in model.nodes if entering.get(element, 0) > 1]
    for element in joins:
        model.nodes[f"Join_{element}"] = Node(f"Join_{element}", "exclusiveGateway", "",
                                              model.nodes[element].graph_node, "join")
    numbers = iter(range(1, len(pending) + len(joins) + 1))
    for flow in pending:
        target = f"Join_{flow.target}" if flow.target in joins else flow.target
        model.flows.append(Flow(f"Flow_{next(numbers)}", flow.source, target, flow.name, flow.condition,
                                flow.edge))
    for element in joins:
        model.flows.append(Flow(f"Flow_{next(numbers)}", f"Join_{element}", element))
    return model


def _add_elements(model: BpmnModel, graph: nx.DiGraph, node: str, data: Mapping[str, object],
                  lang: str) -> None:
    step = data.get("step")
    if node == START or not isinstance(step, Step):
        if node == START:
            element = Node("Event_start", "startEvent", START_NAME.get(lang), node)
        else:
            ending = str(data.get("ending", "result"))
            element = Node(f"Event_end_{ending}", "endEvent", ENDINGS[ending].get(lang), node)
        model.nodes[element.id] = element
        model.ports[node] = (element.id, element.id)
        return
    actor = data.get("actor")
    tag = "serviceTask" if isinstance(actor, Actor) and actor.kind == "system" else "userTask"
    heading = step_heading(step, lang)
    name = f"{heading}. {step.action.get(lang)}" if heading else step.action.get(lang)
    activity = f"Activity_{step.id}"
    model.nodes[activity] = Node(activity, tag, name, node)
    if not _forks(graph, node):
        model.ports[node] = (activity, activity)
        return
    gateway = f"Gateway_{step.id}"
    model.nodes[gateway] = Node(gateway, "exclusiveGateway", heading or CHOICE.get(lang), node, "fork")
    model.ports[node] = (activity, gateway)


def outcome_ids(attrs: Mapping[str, object]) -> tuple[str, ...]:
    """The ids of the outcomes a graph edge stands for (none for an edge without outcomes)."""
    ids = attrs.get("outcomes") or ((attrs["outcome"],) if attrs.get("outcome") else ())
    return tuple(str(i) for i in ids) if isinstance(ids, tuple) else ()


def _condition(outcomes: tuple[str, ...]) -> str:
    if len(outcomes) == 1:
        return f"outcome == {json.dumps(outcomes[0])}"
    return "outcome in (" + ", ".join(json.dumps(o) for o in outcomes) + ")"
