"""Compile a regulation and its standard into one process graph per channel.

The graph is the single structure the verifier, the executor and the diagram
renderers read. Nodes are steps plus one `start` node and one end node per way a
case can end (`end:result`, `end:refusal`, `end:refusal_to_accept`); edges are
transitions, labelled with the outcome that takes them.

Node attributes: `kind` (start / end / task / decision / process / condition),
`step` (the `Step`, absent on start/end), `actor` (`Actor`), `schedule` (the
schedule its time limit is counted on), `duration` (`Duration` or None),
`ending` (on end nodes). Edge attributes: `outcome` (id or None), `label`
(`Text` or None), `refusal_grounds` (tuple), `max_repeats` (int or None); when
several outcomes of a step lead to the same place, the one edge also has `outcomes`
(every id; `outcome` is the first) and merges their grounds and bounds.
Graph attributes: `channel` (`Channel`), `regulation`, `standard`, `path`.

An outcome with a time limit of its own ("documents are returned within 1 working day"
on a refusal) becomes a node of its own between the decision and where the outcome
leads: `<step>.<outcome>` (no spec id has a dot), a `task` whose `step` is made from the
outcome (`outcome_step`: its duration, its actor or the deciding step's, its action or
label), with `outcome_of` = (step id, outcome id). The edge into it carries the outcome;
the edge out of it is plain and carries the outcome's refusal grounds. So every reader of
the graph counts, schedules and draws the outcome's time exactly like a step's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from engine.spec.model import Actor, Channel, Outcome, Regulation, Standard, Step

__all__ = ["END_PREFIX", "START", "CompiledRegulation", "compile_channel", "compile_regulation",
           "outcome_node", "outcome_step"]

START = "start"
END_PREFIX = "end:"


@dataclass(frozen=True)
class CompiledRegulation:
    """A regulation with one process graph per channel it describes."""

    regulation: Regulation
    standard: Standard
    graphs: Mapping[str, nx.DiGraph]


def outcome_node(step: str, outcome: str) -> str:
    """The id of the node of an outcome with a time limit: `review.refuse`."""
    return f"{step}.{outcome}"


def outcome_step(step: Step, outcome: Outcome) -> Step:
    """The step an outcome with a time limit stands for: done by the outcome's actor (the
    deciding step's when it names none) in its duration, leading where the outcome leads."""
    return Step(id=outcome_node(step.id, outcome.id), kind="task",
                actor=outcome.actor or step.actor, action=outcome.action or outcome.label,
                source=outcome.source or step.source, location=outcome.location,
                duration=outcome.duration, duration_text=outcome.duration_text,
                next=outcome.next, ends=None if outcome.next else (outcome.ends or "result"),
                refusal_grounds=outcome.refusal_grounds)


def end_node(ending: str) -> str:
    """The id of the end node for a way of ending (`result`, `refusal`, ...)."""
    return f"{END_PREFIX}{ending}"


def compile_regulation(regulation: Regulation, standard: Standard) -> CompiledRegulation:
    """Compile every channel of `regulation` that its standard defines."""
    graphs = {
        name: compile_channel(regulation, standard, name)
        for name in regulation.processes
        if name in standard.channels
    }
    return CompiledRegulation(regulation, standard, graphs)


def compile_channel(regulation: Regulation, standard: Standard, channel: str) -> nx.DiGraph:
    """The process graph of one channel."""
    steps = regulation.processes[channel]
    info: Channel = standard.channels[channel]
    graph = nx.DiGraph(channel=info, regulation=regulation, standard=standard,
                       path=regulation.path, name=f"{regulation.id}/{channel}")
    graph.add_node(START, kind="start")
    actors: dict[str, Actor] = {}
    for actor in regulation.actors:  # `regulation.actor(id)`, the first of an id, looked up once
        actors.setdefault(actor.id, actor)
    for step in steps:
        _add_step(graph, actors, info, step)
        for outcome in step.outcomes:
            if outcome.duration is not None:
                _add_step(graph, actors, info, outcome_step(step, outcome),
                          outcome_of=(step.id, outcome.id))
    if steps:
        graph.add_edge(START, steps[0].id, outcome=None, label=None, refusal_grounds=(),
                       max_repeats=None)
    for index, step in enumerate(steps):
        following = steps[index + 1].id if index + 1 < len(steps) else None
        for source, target, attrs in _transitions(step, following):
            if target.startswith(END_PREFIX) and target not in graph:
                graph.add_node(target, kind="end", ending=target.removeprefix(END_PREFIX))
            if graph.has_edge(source, target):
                attrs = _merge(graph.edges[source, target], attrs)
            graph.add_edge(source, target, **attrs)
    return graph


def _add_step(graph: nx.DiGraph, actors: Mapping[str, Actor], info: Channel, step: Step,
              **extra: object) -> None:
    actor = actors.get(step.actor)
    graph.add_node(step.id, kind=step.kind, step=step, actor=actor,
                   schedule=(actor.schedule if actor and actor.schedule else info.schedule),
                   duration=step.duration, **extra)


def _merge(first: Mapping[str, object], second: dict[str, object]) -> dict[str, object]:
    """One edge for two outcomes of a step that lead to the same place.

    A `DiGraph` holds one edge per pair of nodes; overwriting it lost the first
    outcome (an unbounded return hidden behind a bounded one, the grounds of one
    of two refusals). The edge keeps the first outcome's id and label, lists every
    outcome, cites every ground, and is bounded only when every outcome is, by the
    sum of their bounds.
    """
    merged = dict(first)
    merged["outcomes"] = (*_ids(first), *_ids(second))
    grounds = (*_tuple(first["refusal_grounds"]), *_tuple(second["refusal_grounds"]))
    merged["refusal_grounds"] = tuple(dict.fromkeys(grounds))
    one, two = first["max_repeats"], second["max_repeats"]
    merged["max_repeats"] = one + two if isinstance(one, int) and isinstance(two, int) else None
    return merged


def _ids(attrs: Mapping[str, object]) -> tuple[str, ...]:
    ids = attrs.get("outcomes", (attrs["outcome"],))
    return tuple(i for i in _tuple(ids) if isinstance(i, str))


def _tuple(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, tuple) else ()


def _transitions(step: Step, following: str | None
                 ) -> list[tuple[str, str, dict[str, object]]]:
    """The edges out of a step: (source, target, attributes) for its outcomes (through the
    node of an outcome with a time limit), its `next`, its `ends`, or the next in the list."""
    if step.outcomes:
        edges: list[tuple[str, str, dict[str, object]]] = []
        for outcome in step.outcomes:
            target = outcome.next if outcome.next else end_node(outcome.ends or "result")
            attrs: dict[str, object] = {
                "outcome": outcome.id, "label": outcome.label,
                "refusal_grounds": outcome.refusal_grounds, "max_repeats": outcome.max_repeats}
            if outcome.duration is None:
                edges.append((step.id, target, attrs))
                continue
            timed = outcome_node(step.id, outcome.id)
            edges.append((step.id, timed, {**attrs, "refusal_grounds": ()}))
            edges.append((timed, target, _plain(outcome.refusal_grounds)))
        return edges
    plain = _plain(step.refusal_grounds)
    if step.next:
        return [(step.id, step.next, plain)]
    if step.ends:
        return [(step.id, end_node(step.ends), plain)]
    if following is not None:
        return [(step.id, following, plain)]
    return [(step.id, end_node("result"), plain)]


def _plain(grounds: tuple[str, ...]) -> dict[str, object]:
    return {"outcome": None, "label": None, "refusal_grounds": grounds, "max_repeats": None}
