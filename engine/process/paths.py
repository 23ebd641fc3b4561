"""Enumerate the start-to-end paths of a process graph.

A loop may be taken only as often as its bound (`max_repeats` on the outcome that
returns) allows, so every path is finite; the verifier needs all of them, since
the longest is not always the latest on the calendar.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from engine.process.compile import END_PREFIX, START

__all__ = ["Path", "enumerate_paths"]

#: A guard against a combinatorial explosion in hand-written specs.
MAX_PATHS = 10_000


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
    At most `limit` paths (default `MAX_PATHS`) are produced.
    """
    cap = MAX_PATHS if limit is None else limit
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
