"""A process graph as a running case reads it: where a step leads, what entering a node needs.

The executor asks these questions at every action; the answers depend only on the
compiled graph, so it reads each off the graph once per step or node and keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import networkx as nx

from engine.cases.state import Status
from engine.process.compile import END_PREFIX
from engine.spec.model import Step

__all__ = ["Moves", "Place", "moves_of", "outcomes_of", "place_of"]


@dataclass(frozen=True)
class Moves:
    """Where a step leads, read off the graph once: (target, outcomes, max_repeats, grounds)
    per out-edge in the graph's order, and the sorted ids of the outcomes offered."""

    edges: tuple[tuple[str, tuple[str, ...], int | None, tuple[str, ...]], ...]
    offered: list[str]


def moves_of(graph: nx.DiGraph, step: str) -> Moves:
    edges = [(v, a) for _, v, a in graph.out_edges(step, data=True)]
    return Moves(tuple((target, outcomes_of(attrs), attrs.get("max_repeats"),
                         tuple(attrs.get("refusal_grounds", ()))) for target, attrs in edges),
                  sorted({o for _, a in edges for o in outcomes_of(a)}))


class Place(NamedTuple):
    """A node of a graph as entering it needs it, read off the graph once: the status of an
    end (None for a step), the step, whether it is the applicant's own step without
    outcomes, its schedule and the node after it."""

    ending: Status | None
    step: Step | None
    applicant_step: bool
    schedule: str
    next: str


def place_of(graph: nx.DiGraph, node: str) -> Place:
    if node.startswith(END_PREFIX):
        ending = node.removeprefix(END_PREFIX)
        status: Status = "result" if ending == "result" else (
            "refusal" if ending == "refusal" else "refused_to_accept")
        return Place(status, None, False, "", "")
    attrs = graph.nodes[node]
    step: Step = attrs["step"]
    actor = attrs.get("actor")
    applicant = actor is not None and actor.kind == "applicant" and not step.outcomes
    following = next(iter(graph.successors(node)), "") if applicant else ""
    return Place(None, step, applicant, attrs.get("schedule", ""), following)


def outcomes_of(attrs: dict[str, object]) -> tuple[str, ...]:
    ids = attrs.get("outcomes") or ((attrs.get("outcome"),) if attrs.get("outcome") else ())
    return tuple(i for i in ids if isinstance(i, str)) if isinstance(ids, tuple) else ()

