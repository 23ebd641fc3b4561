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
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from engine.spec.model import Channel, Regulation, Standard, Step

__all__ = ["END_PREFIX", "START", "CompiledRegulation", "compile_channel", "compile_regulation"]

START = "start"
END_PREFIX = "end:"


@dataclass(frozen=True)
class CompiledRegulation:
    """A regulation with one process graph per channel it describes."""

    regulation: Regulation
    standard: Standard
    graphs: Mapping[str, nx.DiGraph]


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
    for step in steps:
        actor = regulation.actor(step.actor)
        graph.add_node(step.id, kind=step.kind, step=step, actor=actor,
                       schedule=(actor.schedule if actor and actor.schedule else info.schedule),
                       duration=step.duration)
    if steps:
        graph.add_edge(START, steps[0].id, outcome=None, label=None, refusal_grounds=(),
                       max_repeats=None)
    for index, step in enumerate(steps):
        following = steps[index + 1].id if index + 1 < len(steps) else None
        for target, attrs in _transitions(step, following):
            if target.startswith(END_PREFIX) and target not in graph:
                graph.add_node(target, kind="end", ending=target.removeprefix(END_PREFIX))
            if graph.has_edge(step.id, target):
                attrs = _merge(graph.edges[step.id, target], attrs)
            graph.add_edge(step.id, target, **attrs)
    return graph


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


def _transitions(step: Step, following: str | None) -> list[tuple[str, dict[str, object]]]:
    """Where a step leads: its outcomes, its `next`, its `ends`, or the next in the list."""
    if step.outcomes:
        return [
            (outcome.next if outcome.next else end_node(outcome.ends or "result"),
             {"outcome": outcome.id, "label": outcome.label,
              "refusal_grounds": outcome.refusal_grounds, "max_repeats": outcome.max_repeats})
            for outcome in step.outcomes
        ]
    plain: dict[str, object] = {"outcome": None, "label": None, "refusal_grounds": step.refusal_grounds,
             "max_repeats": None}
    if step.next:
        return [(step.next, plain)]
    if step.ends:
        return [(end_node(step.ends), plain)]
    if following is not None:
        return [(following, plain)]
    return [(end_node("result"), plain)]
