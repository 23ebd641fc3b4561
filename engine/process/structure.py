"""Structural checks of a compiled process graph.

One start; every step reachable from it; every step reaches an end; decisions
with at least two distinct outcomes; no cycle without an explicit bound
(`max_repeats`); refusal ends citing grounds the standard defines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from engine.process.compile import END_PREFIX, START
from engine.spec.errors import Location, SpecError
from engine.spec.model import Channel, Regulation, Standard, Step

__all__ = ["check_structure"]


def _finding(location: Location, crumb: str, message: str, code: str) -> SpecError:
    return SpecError(location, crumb, message, code)


def check_structure(graph: nx.DiGraph) -> list[SpecError]:
    """Every structural problem of one channel's graph, located at the step."""
    channel: Channel = graph.graph["channel"]
    regulation: Regulation = graph.graph["regulation"]
    standard: Standard = graph.graph["standard"]
    findings: list[SpecError] = []

    def step_of(node: str) -> Step:
        step: Step = graph.nodes[node]["step"]
        return step

    def crumb(node: str) -> str:
        return f"processes.{channel.id}[id={node}]"

    steps = [n for n in graph if n != START and not n.startswith(END_PREFIX)]
    successors = dict(graph.adjacency())
    predecessors: dict[str, list[str]] = {n: [] for n in successors}
    for source, targets in successors.items():
        for target in targets:
            predecessors[target].append(source)
    reachable = _reached(successors, [START]) - {START}  # nx.descendants, without its overhead
    for node in steps:
        if node not in reachable:
            findings.append(_finding(step_of(node).location, crumb(node),
                                     f'step "{node}" is unreachable from the start '
                                     "(hint: no step or outcome leads to it; add a `next` or "
                                     "an outcome, or remove it)", "unreachable"))
    ends = {n for n in graph if n.startswith(END_PREFIX)}
    reaches_end = _reached(predecessors, list(ends))  # the ends and all their ancestors
    for node in steps:
        if node not in reaches_end:
            findings.append(_finding(step_of(node).location, crumb(node),
                                     f'step "{node}" never reaches an end '
                                     "(hint: a loop with no way out; give one outcome `ends:` "
                                     "or a `next` leading forward)", "no-end"))
    for node in steps:
        step = step_of(node)
        targets = [o.next or f"{END_PREFIX}{o.ends}" for o in step.outcomes]
        if step.outcomes and len(set(targets)) < 2:
            findings.append(_finding(step.location, crumb(node),
                                     f'{step.kind} "{node}" has outcomes that all lead to '
                                     f'"{targets[0]}" (hint: a decision needs at least two '
                                     "distinct outcomes; make it a task)", "decision"))
    findings.extend(_unbounded_cycles(graph, crumb))
    grounds = {g.id for g in standard.refusal_grounds}
    for source, target, attrs in graph.edges(data=True):
        if target == f"{END_PREFIX}refusal" and not attrs["refusal_grounds"]:
            findings.append(_finding(step_of(source).location, crumb(source),
                                     "this refusal cites no refusal ground "
                                     "(hint: add refusal_grounds from the standard)", "refusal"))
        for ground in attrs["refusal_grounds"]:
            if ground not in grounds:
                findings.append(_finding(step_of(source).location, crumb(source),
                                         f'refusal ground "{ground}" is not defined by standard '
                                         f'"{standard.id}"', "reference"))
    for node in steps:
        if graph.nodes[node]["actor"] is None:
            findings.append(_finding(step_of(node).location, crumb(node),
                                     f'actor "{step_of(node).actor}" is not defined in '
                                     f'regulation "{regulation.id}"', "actor"))
    return findings


def _reached(edges: Mapping[str, Iterable[str]], sources: list[str]) -> set[str]:
    """The sources and every node reached from them along `edges`."""
    seen = set(sources)
    todo = list(sources)
    while todo:
        for target in edges[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _no_unbounded_cycle(graph: nx.DiGraph) -> bool:
    """Whether the graph of the edges without `max_repeats` has no cycle: every node can be
    peeled off once nothing leads to it any more (Kahn's algorithm)."""
    edges = {source: [target for target, attrs in targets.items() if not attrs.get("max_repeats")]
             for source, targets in graph.adjacency()}
    into = dict.fromkeys(edges, 0)
    for targets in edges.values():
        for target in targets:
            into[target] += 1
    free = [node for node, count in into.items() if count == 0]
    peeled = 0
    while free:
        peeled += 1
        for target in edges[free.pop()]:
            into[target] -= 1
            if into[target] == 0:
                free.append(target)
    return peeled == len(edges)


def _unbounded_cycles(graph: nx.DiGraph, crumb: object) -> list[SpecError]:
    # A cycle is unbounded when none of its edges has `max_repeats`: there is none when the
    # graph of those edges alone has no cycle, the common case, told without listing every
    # cycle of the whole graph.
    if _no_unbounded_cycle(graph):
        return []
    findings = []
    for cycle in nx.simple_cycles(graph):
        edges = list(zip(cycle, cycle[1:] + cycle[:1], strict=True))
        if any(graph.edges[edge]["max_repeats"] for edge in edges):
            continue
        first = min(cycle, key=lambda n: graph.nodes[n]["step"].location.line)
        step: Step = graph.nodes[first]["step"]
        at = cycle.index(first)  # simple_cycles starts anywhere (hash order): start at the top
        loop = " → ".join([*cycle[at:], *cycle[:at], first])
        findings.append(SpecError(step.location, f"processes.{graph.graph['channel'].id}"
                                  f"[id={first}]",
                                  f"loop {loop} has no bound (hint: give the outcome that "
                                  "returns to an earlier step `max_repeats: N`)", "cycle"))
    return findings
