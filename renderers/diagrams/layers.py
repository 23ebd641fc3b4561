"""Rows: the layered (Sugiyama) part of the diagram layout.

A process graph is turned into members placed in rows (layers) and lanes
(`renderers.diagrams.arrangement`):

1. Cycles are broken by a depth-first search from `start`: an edge to a step still
   on the search path is a *return* (a correction loop) and is drawn back upwards.
2. Every labelled edge (an outcome of a decision) and every return gets a *turn*
   member right after its source: the box its label is written in. A return runs
   from there up to its target's side.
3. Rows are the longest-path layering of what is left (an acyclic graph); an edge
   that spans several rows gets one *dummy* member per row it crosses, so that no
   line is drawn through a box.
4. Members are ordered within each lane row, and their cross-axis coordinates fitted,
   by `renderers.diagrams.row_order`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import pairwise

import networkx as nx

from renderers.diagrams.arrangement import CORRIDOR, GAP, LANE_PAD, Arrangement, Chain, Member, Size
from renderers.diagrams.row_order import fit_rows, order_rows

__all__ = ["GAP", "LANE_PAD", "Arrangement", "Chain", "Member", "arrange"]


def arrange(graph: nx.DiGraph, start: str, lane_of: Mapping[str, int], lanes: int,
            node_size: Size, turn_size: Callable[[Mapping[str, object]], tuple[float, float]],
            min_lane_width: Sequence[float]) -> Arrangement:
    """Rows, lanes and cross positions of every member of `graph`.

    Args:
        graph: the compiled channel graph (nodes in step order).
        start: the node the depth-first search for returns begins at.
        lane_of: the lane of each node.
        lanes: how many lanes there are.
        node_size: (main, cross) extent of a node's box.
        turn_size: (main, cross) extent of an edge's label box, from its attributes.
        min_lane_width: the least cross extent of each lane (its header's).
    """
    members: dict[str, Member] = {}
    for node in graph.nodes:
        main, cross = node_size(node)
        members[node] = Member(str(node), "node", lane_of[node], main, cross)
    back = _back_edges(graph, start)
    dag: dict[str, list[str]] = {m: [] for m in members}
    pending: list[tuple[str, str, list[str], bool, Mapping[str, object]]] = []
    for index, (source, target, attrs) in enumerate(graph.edges(data=True)):
        is_back = (source, target) in back
        path = [source]
        if is_back or attrs.get("label") is not None:
            main, cross = turn_size(attrs)
            turn = Member(f"turn:{index}", "turn", lane_of[source], main, cross)
            members[turn.id] = turn
            dag[turn.id] = []
            dag[source].append(turn.id)
            path.append(turn.id)
            if not is_back:
                dag[turn.id].append(target)
        else:
            dag[source].append(target)
        path.append(target)
        pending.append((source, target, path, is_back, attrs))
    _rank(members, dag)
    shared: dict[tuple[str, int], Member] = {}
    chains = [_chain(members, shared, path, is_back, lane_of[target], source, target, attrs)
              for source, target, path, is_back, attrs in pending]
    rows = _rows(members.values(), lanes)
    lane_width, room = [], []
    for lane in range(lanes):
        widest = max([0.0, *(_row_width(row[lane]) for row in rows)])
        boxes = max([0.0, *(_row_width([m for m in row[lane] if m.kind != "dummy"])
                            for row in rows)])
        corridor = CORRIDOR if any(m.kind == "dummy" for row in rows for m in row[lane]) else 0.0
        width = max(min_lane_width[lane], widest + 2 * LANE_PAD, boxes + corridor + 2 * LANE_PAD)
        lane_width.append(width)
        room.append(corridor)
    lane_start = [sum(lane_width[:lane]) for lane in range(lanes)]
    lane_axis = [start + (width - room[lane]) / 2
                 for lane, (start, width) in enumerate(zip(lane_start, lane_width, strict=True))]
    arrangement = Arrangement(members, rows, chains, lane_start, lane_width, lane_axis)
    order_rows(arrangement)
    fit_rows(arrangement)
    return arrangement


def _back_edges(graph: nx.DiGraph, start: str) -> set[tuple[str, str]]:
    """Edges to a node still on the depth-first path: the returns to break."""
    state: dict[str, int] = {}  # 1 on the path, 2 finished
    back: set[tuple[str, str]] = set()
    roots = [start] if start in graph else []
    roots += [n for n in graph.nodes if n != start]
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(graph.successors(root)))]
        while stack:
            node, successors = stack[-1]
            nxt = next(successors, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(graph.successors(nxt))))
            elif state[nxt] == 1:
                back.add((node, nxt))
    return back


def _rank(members: dict[str, Member], dag: dict[str, list[str]]) -> None:
    """Longest-path layering, in a stable topological order (Kahn's, by creation order)."""
    order = {name: index for index, name in enumerate(members)}
    indegree = dict.fromkeys(members, 0)
    for targets in dag.values():
        for target in targets:
            indegree[target] += 1
    ready = [(order[n], n) for n, d in indegree.items() if d == 0]
    heapq.heapify(ready)
    while ready:
        _, name = heapq.heappop(ready)
        for target in dag[name]:
            members[target].rank = max(members[target].rank, members[name].rank + 1)
            indegree[target] -= 1
            if indegree[target] == 0:
                heapq.heappush(ready, (order[target], target))


def _chain(members: dict[str, Member], shared: dict[tuple[str, int], Member], path: list[str],
           is_back: bool, target_lane: int, source: str, target: str,
           attrs: Mapping[str, object]) -> Chain:
    """The members of one edge, with a dummy for each row a hop skips.

    Long lines running down to the same step share their dummies (`shared`, by target
    and row): they join one line, as a bus, instead of running side by side. (Many
    refusals end in the one refusal symbol; without sharing, each would be a line of
    its own down the applicant's lane, and the dummies would grow with the square
    of the process's length.) Returns keep their own.
    """
    chain: list[Member] = [members[path[0]]]
    for a_name, b_name in pairwise(path):
        a, b = members[a_name], members[b_name]
        step = 1 if b.rank > a.rank else -1
        bundled = step == 1 and b.kind == "node"
        for rank in range(a.rank + step, b.rank, step):
            dummy = shared.get((b.id, rank)) if bundled else None
            if dummy is None:
                dummy = Member(f"dummy:{len(members)}", "dummy", target_lane, 0.0, 0.0, rank)
                members[dummy.id] = dummy
                if bundled:
                    shared[b.id, rank] = dummy
            chain.append(dummy)
        chain.append(b)
    for a, b in pairwise(chain):
        upper, lower = (a, b) if b.rank == a.rank + 1 else (b, a)
        if lower.rank == upper.rank + 1 and lower not in upper.down:
            upper.down.append(lower)
            lower.up.append(upper)
    return Chain(source, target, tuple(chain), is_back, attrs)


def _rows(members: Iterable[Member], lanes: int) -> list[list[list[Member]]]:
    items = list(members)
    height = max((m.rank for m in items), default=0) + 1
    rows: list[list[list[Member]]] = [[[] for _ in range(lanes)] for _ in range(height)]
    for member in items:
        rows[member.rank][member.lane].append(member)
    return rows


def _row_width(row: Sequence[Member]) -> float:
    return sum(m.cross for m in row) + GAP * max(len(row) - 1, 0)
