"""Enumerate the start-to-end paths of a process graph, within the verifier's budget.

A loop may be taken only as often as its bound (`max_repeats` on the outcome that
returns) allows, so every path is finite; the verifier needs all of them, since
the longest is not always the latest on the calendar. Loops that return to the start
multiply paths and lengthen them (two decisions each returning 20 times give more than
ten thousand paths of up to 170 steps), so a channel's paths are held to a budget —
`MAX_PATHS` paths and `MAX_STEP_VISITS` steps on all of them together — and a channel
over it is reported (`over_budget`) instead of verified, after bounded work.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from engine.process.compile import END_PREFIX, START

__all__ = [
    "MAX_PATHS", "MAX_STEP_VISITS", "Path", "enumerate_paths", "over_budget", "paths_within_budget",
]

#: The most paths of one channel the verifier times (docs/authoring.md, "Limits"); real
#: regulations have a few dozen at most.
MAX_PATHS = 1_000
#: The most steps the enumeration of one channel's paths may walk: one per branch it
#: explores and one per step of each path it produces (each path is composed on the
#: calendar for every moment of receipt), so that long paths cannot make up for few.
MAX_STEP_VISITS = 100_000


@dataclass(frozen=True)
class Path:
    """A path from the start to an end: the steps, the outcomes taken, the ending."""

    steps: tuple[str, ...]
    outcomes: tuple[str | None, ...]
    ending: str

    def describe(self) -> str:
        """`register → assign → review[refuse] → issue_refusal`."""
        parts = [step if outcome is None else f"{step}[{outcome}]"
                 for step, outcome in zip(self.steps, self.outcomes, strict=True)]
        return " → ".join(parts)


def enumerate_paths(graph: nx.DiGraph, limit: int | None = None) -> Iterator[Path]:
    """Every path from `start` to an end node, loops taken at most their bound.

    `outcomes[i]` is the outcome taken when leaving `steps[i]` (None for a plain step).
    At most `limit` paths (default `MAX_PATHS`) are produced, and none once the steps
    walked (those of the paths so far and of the branches being explored) pass
    `MAX_STEP_VISITS`: `over_budget` says whether a graph stays within both.
    """
    yield from _paths(graph, MAX_PATHS if limit is None else limit, _Walk())


def over_budget(graph: nx.DiGraph) -> str:
    """Why a channel's paths exceed the verifier's budget ("" when they do not), found after
    at most `MAX_PATHS` + 1 paths and `MAX_STEP_VISITS` steps of work."""
    walk = _Walk()
    count, longest = 0, 0
    for path in _paths(graph, MAX_PATHS + 1, walk):
        count += 1
        longest = max(longest, len(path.steps))
    if count > MAX_PATHS:
        return f"more than {MAX_PATHS:,} paths (the longest seen has {longest} steps)"
    if walk.stopped:
        return (f"more than {MAX_STEP_VISITS:,} steps walked on its paths (after {count:,} "
                f"paths; the longest seen has {longest} steps)")
    return ""


def paths_within_budget(graph: nx.DiGraph) -> list[Path] | None:
    """Every path of `enumerate_paths`, or None when the graph is `over_budget` (one walk
    for both)."""
    walk = _Walk()
    found = list(_paths(graph, MAX_PATHS + 1, walk))
    return None if len(found) > MAX_PATHS or walk.stopped else found


@dataclass
class _Walk:
    """The work of one enumeration: the steps walked, and whether the budget stopped it."""

    visits: int = 0
    stopped: bool = False


def _paths(graph: nx.DiGraph, cap: int, walk: _Walk) -> Iterator[Path]:
    State = tuple[str, tuple[str, ...], tuple[str | None, ...], dict[tuple[str, str], int]]
    stack: list[State] = [(START, (), (), {})]
    produced = 0
    while stack:
        node, steps, outcomes, used = stack.pop()
        for target in sorted(graph.successors(node), reverse=True):
            attrs = graph.edges[node, target]
            outcome = attrs.get("outcome") if node != START else None
            taken = (*outcomes, outcome) if node != START else outcomes
            if target.startswith(END_PREFIX):
                produced += 1
                walk.visits += len(steps)
                if walk.visits > MAX_STEP_VISITS:
                    walk.stopped = True
                    return
                yield Path(steps, taken, target.removeprefix(END_PREFIX))
                if produced >= cap:
                    return
                continue
            bound = attrs.get("max_repeats")
            count = used.get((node, target), 0)
            if target in steps and not _bounded_return(graph, steps, target):
                continue  # an unbounded loop: reported by the structural check
            if bound and count >= bound:
                continue
            now = dict(used)
            if bound:
                now[(node, target)] = count + 1
            walk.visits += 1
            if walk.visits > MAX_STEP_VISITS:
                walk.stopped = True
                return
            stack.append((target, (*steps, target), taken, now))


def _bounded_return(graph: nx.DiGraph, steps: tuple[str, ...], target: str) -> bool:
    """True when going back to `target` closes a walk that takes a bounded edge.

    The walk runs from the last visit of `target` through the current step and back;
    its bounded edge limits how often it repeats. Inside a bounded loop the forward
    edges revisit steps too (the second `register → review` of a corrected
    application), which is allowed for the same reason.
    """
    last = len(steps) - 1 - steps[::-1].index(target)
    walk = (*steps[last:], target)
    return any(graph.edges[a, b].get("max_repeats") for a, b in pairwise(walk))

