"""Drive a BPMN export through SpiffWorkflow along a chosen path of the compiled graph.

For every outcome of every step that forks (a decision or a portal condition), `plans`
makes one run: the shortest way from the start to the step, the outcome, then the
shortest way from where it leads to an end. `drive` runs the exported process in
SpiffWorkflow (the same package the case benchmark measures against), giving each
activity on the way the outcome the plan chose as the task's `outcome` variable,
which the exclusive gateways' conditions read. Service tasks (information systems)
are completed from outside, as SpiffWorkflow leaves an unimplemented service task
started.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import cache
from typing import Any

import networkx as nx
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, BpmnValidator
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from engine.process import START

__all__ = ["Plan", "Run", "drive", "plans", "spec_of"]

ACTIVITY = "Activity_"
END = "Event_end_"


@dataclass(frozen=True)
class Plan:
    """One run: the outcome under test, the steps expected in order, what each chooses, the end."""

    step: str
    outcome: str
    steps: tuple[str, ...]
    choices: tuple[tuple[str, str], ...]  # (step, outcome) in the order the steps are reached
    ending: str


@dataclass(frozen=True)
class Run:
    """What SpiffWorkflow did: the steps it reached in order, the end events it completed."""

    steps: tuple[str, ...]
    ends: tuple[str, ...]
    completed: bool


def _ids(attrs: dict[str, Any]) -> tuple[str, ...]:
    ids = attrs.get("outcomes") or ((attrs["outcome"],) if attrs.get("outcome") else ())
    return tuple(ids)


def _to_end(graph: nx.DiGraph, source: str) -> list[str]:
    distance = nx.single_source_shortest_path_length(graph, source)
    ends = sorted((d, n) for n, d in distance.items() if graph.nodes[n]["kind"] == "end")
    return list(nx.shortest_path(graph, source, ends[0][1]))


def plans(graph: nx.DiGraph) -> list[Plan]:
    """One plan per outcome of each step with more than one way out, in graph order."""
    found = []
    for node in graph.nodes:
        if graph.nodes[node].get("step") is None or graph.out_degree(node) < 2:
            continue
        before = list(nx.shortest_path(graph, START, node))
        for target in graph.successors(node):
            for outcome in _ids(graph.edges[node, target]):
                path = [*before, *_to_end(graph, target)]
                choices = []
                for index, here in enumerate(path[:-1]):
                    if graph.nodes[here].get("step") is not None and graph.out_degree(here) > 1:
                        chosen = outcome if index == len(before) - 1 else \
                            _ids(graph.edges[here, path[index + 1]])[0]
                        choices.append((here, chosen))
                steps = tuple(n for n in path if graph.nodes[n].get("step") is not None)
                found.append(Plan(node, outcome, steps, tuple(choices), graph.nodes[path[-1]]["ending"]))
    return found


@cache
def spec_of(xml: str, process_id: str) -> Any:
    """The process spec of a BPMN document, parsed and validated against the BPMN 2.0 XSD."""
    parser = BpmnParser(validator=BpmnValidator())
    parser.add_bpmn_str(xml.encode())
    return parser.get_spec(process_id)


def drive(spec: Any, choices: tuple[tuple[str, str], ...], limit: int = 1000) -> Run:
    """Run the process, each activity reached taking its next planned outcome."""
    workflow = BpmnWorkflow(spec)
    pending: dict[str, deque[str]] = {}
    for step, outcome in choices:
        pending.setdefault(step, deque()).append(outcome)
    steps: list[str] = []
    for _ in range(limit):
        if workflow.is_completed():
            break
        started = workflow.get_tasks(state=TaskState.STARTED)
        ready = workflow.get_tasks(state=TaskState.READY)
        if not started and not ready:
            break
        if started:  # a service task: the information system reports it done
            started[0].complete()
            continue
        task = ready[0]
        name = task.task_spec.name
        if name.startswith(ACTIVITY):
            step = name.removeprefix(ACTIVITY)
            steps.append(step)
            if pending.get(step):
                task.data["outcome"] = pending[step].popleft()
        task.run()
    ends = tuple(t.task_spec.name.removeprefix(END) for t in workflow.get_tasks(state=TaskState.COMPLETED)
                 if t.task_spec.name.startswith(END))
    return Run(tuple(steps), ends, workflow.is_completed())
