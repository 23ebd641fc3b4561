"""One variant of cases held to its channel's graph: what was missing, extra, repeated, out of
order; decisions without a defined outcome; refusals without a ground or with an unknown one.

A variant is the sequence of (step, outcome, ground) a case's events give in time order. All
the cases of one variant on one graph are judged alike, so this runs once per variant:

1. **The expected path**: walking the graph from its start, each decision takes the outcome
   its k-th logged completion gave (an outcome the decision does not define, or none, takes
   the branch where the log goes on, if any). Steps of the applicant's own (signing in on
   the portal) are expected only when logged. The walk ends at an end of the graph, or where
   the log no longer leads.
2. **Matching**: each logged step takes the earliest unmatched place of its step on that
   path. Logged steps left over are **repeated** (the path has the step) or **extra** (it does
   not); places of the path left unmatched before the last matched one are **missing** (a
   case whose last logged step does not end it is open: what follows is not missing).
3. **Order**: of the matched steps, those outside the longest run that keeps the path's
   order are **out of order** (one finding per step completed where it should not be).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from engine.cases.graph_places import outcomes_of
from engine.process.compile import END_PREFIX, START

__all__ = ["FINDING_KINDS", "Conformance", "Finding", "judge_variant"]

#: Every kind of finding about a case, in the order reports list them.
FINDING_KINDS = (
    "missing_step", "extra_step", "repeated_step", "out_of_order", "no_outcome",
    "unknown_outcome", "refusal_without_ground", "unknown_ground", "no_receipt",
    "before_receipt", "unknown_service", "unknown_channel", "not_in_force", "outside_calendar",
    "late_step",
    "missed_term",
)

Finding = tuple[str, str, str]  # (kind, step or "", detail)


@dataclass(frozen=True)
class Conformance:
    """How one variant stands against its graph.

    `nodes`: per logged step, its node in the graph ("" for a step the graph lacks);
    `findings`: (kind, step, detail) in the order of the log; `ending`: how the case ended
    (`result`, `refusal`, `refused_to_accept`) or "" while open; `end_at`: the position of
    the logged step that ended it (-1 while open).
    """

    nodes: tuple[str, ...]
    findings: tuple[Finding, ...]
    ending: str
    end_at: int


def judge_variant(graph: nx.DiGraph, steps: Sequence[str], outcomes: Sequence[str | None],
                  grounds: Sequence[str | None], standard_grounds: Sequence[str]) -> Conformance:
    """Judge one variant (its logged steps, outcomes and grounds in time order) on `graph`."""
    logged = [s if s in graph and not s.startswith(END_PREFIX) and s != START else "" for s in steps]
    findings: list[tuple[int, Finding]] = []
    path, ending = _expected(graph, steps, outcomes)
    path = [n for n in path if not _optional(graph, n) or n in steps]
    places: dict[str, list[int]] = {}
    for index, node in enumerate(path):
        places.setdefault(node, []).append(index)
    matched: list[int] = [-1] * len(steps)
    for position, step in enumerate(steps):
        free = places.get(step)
        if free:
            matched[position] = free.pop(0)
    last = max(matched, default=-1)
    finished = bool(path) and last == len(path) - 1 and ending != ""
    taken = set(matched)
    for index, node in enumerate(path[:last + 1]):
        if index not in taken:
            findings.append((_first_after(matched, index), ("missing_step", node, "")))
    for position, step in enumerate(steps):
        if matched[position] < 0:
            kind = "repeated_step" if step in path else "extra_step"
            findings.append((position, (kind, step, "")))
    order = [p for p in range(len(steps)) if matched[p] >= 0]
    kept = set(_longest_increasing([matched[p] for p in order]))
    for rank, position in enumerate(order):
        if rank not in kept:
            findings.append((position, ("out_of_order", steps[position], "")))
    findings += _decisions(graph, logged, outcomes)
    end_at = matched.index(len(path) - 1) if finished else -1
    if finished and ending == "refusal":
        findings += _refusal(graph, path[-1], grounds, standard_grounds, end_at)
    ordered = tuple(f for _, f in sorted(findings, key=lambda pair: pair[0]))
    return Conformance(tuple(logged), ordered, ending if finished else "", end_at)


def _optional(graph: nx.DiGraph, node: str) -> bool:
    actor = graph.nodes[node].get("actor")
    step = graph.nodes[node].get("step")
    return actor is not None and actor.kind == "applicant" and step is not None and not step.outcomes


def _expected(graph: nx.DiGraph, steps: Sequence[str],
              outcomes: Sequence[str | None]) -> tuple[list[str], str]:
    """The path the log's decisions choose, and the end it reaches ("" if none)."""
    chosen: dict[str, list[str | None]] = {}
    for step, outcome in zip(steps, outcomes, strict=True):
        chosen.setdefault(step, []).append(outcome)
    later = set(steps)
    path: list[str] = []
    node = next(iter(graph.successors(START)), "")
    budget = len(graph) + 2 * len(steps) + 2
    while node and budget > 0:
        budget -= 1
        if node.startswith(END_PREFIX):
            return path, node.removeprefix(END_PREFIX)
        path.append(node)
        edges = list(graph.out_edges(node, data=True))
        if len(edges) <= 1:
            node = edges[0][1] if edges else ""
            continue
        given = chosen.get(node, [])
        visit = path.count(node) - 1
        outcome = given[visit] if visit < len(given) else None
        node = next((v for _, v, a in edges if outcome is not None and outcome in outcomes_of(a)), "")
        if not node:  # no defined outcome: the branch the log goes on with, if any
            node = next((v for _, v, _ in edges if _leads_to(graph, v, later)), "")
    return path, ""


def _leads_to(graph: nx.DiGraph, node: str, logged: set[str]) -> bool:
    if node in logged:
        return True
    if node.startswith(END_PREFIX):
        return False
    return any(d in logged for d in nx.descendants(graph, node))


def _first_after(matched: Sequence[int], place: int) -> int:
    """The log position a missing place is reported at: before the first step matched after it."""
    after = [p for p, m in enumerate(matched) if m > place]
    return min(after) if after else len(matched)


def _longest_increasing(values: Sequence[int]) -> list[int]:
    """The ranks of one longest strictly increasing subsequence (the earliest, deterministic)."""
    tails: list[int] = []
    tail_rank: list[int] = []
    parent = [-1] * len(values)
    for rank, value in enumerate(values):
        at = bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_rank.append(rank)
        else:
            tails[at], tail_rank[at] = value, rank
        parent[rank] = tail_rank[at - 1] if at else -1
    out: list[int] = []
    rank = tail_rank[-1] if tail_rank else -1
    while rank >= 0:
        out.append(rank)
        rank = parent[rank]
    return out[::-1]


def _decisions(graph: nx.DiGraph, logged: Sequence[str],
               outcomes: Sequence[str | None]) -> list[tuple[int, Finding]]:
    found: list[tuple[int, Finding]] = []
    for position, node in enumerate(logged):
        if not node:
            continue
        offered = sorted({o for _, _, a in graph.out_edges(node, data=True) for o in outcomes_of(a)})
        if not offered:
            continue
        outcome = outcomes[position]
        if outcome is None:
            found.append((position, ("no_outcome", node, f"one of {', '.join(offered)}")))
        elif outcome not in offered:
            found.append((position, ("unknown_outcome", node,
                                     f'"{outcome}" is not one of {", ".join(offered)}')))
    return found


def _refusal(graph: nx.DiGraph, last: str, grounds: Sequence[str | None],
             standard_grounds: Sequence[str], end_at: int) -> list[tuple[int, Finding]]:
    allowed = sorted({g for _, v, a in graph.out_edges(last, data=True) if v == f"{END_PREFIX}refusal"
                      for g in a.get("refusal_grounds", ())}) or sorted(standard_grounds)
    given = [g for g in grounds if g is not None]
    if not given:
        return [(end_at, ("refusal_without_ground", last, f"one of {', '.join(allowed)}"))]
    if given[-1] not in allowed:
        return [(end_at, ("unknown_ground", last,
                          f'"{given[-1]}" is not one of {", ".join(allowed)}'))]
    return []
