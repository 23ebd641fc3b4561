"""Rows and their order: the layered (Sugiyama) part of the diagram layout.

A process graph is turned into members placed in rows (layers) and lanes:

1. Cycles are broken by a depth-first search from `start`: an edge to a step still
   on the search path is a *return* (a correction loop) and is drawn back upwards.
2. Every labelled edge (an outcome of a decision) and every return gets a *turn*
   member right after its source: the box its label is written in. A return runs
   from there up to its target's side.
3. Rows are the longest-path layering of what is left (an acyclic graph); an edge
   that spans several rows gets one *dummy* member per row it crosses, so that no
   line is drawn through a box.
4. Members of one lane in one row are ordered by barycentre sweeps (down, up, ...),
   keeping the order with the fewest crossings; lanes themselves keep their order.
5. Cross-axis coordinates are fitted to where each member's neighbours are (long
   lines straight, a lane's steps on one axis) under the lane's bounds and minimum
   gaps, by pool-adjacent-violators in each lane row.

Everything is linear or n log n in the number of members per sweep; the number of
sweeps is fixed, so a 100-step graph is laid out in milliseconds.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

import networkx as nx

__all__ = ["GAP", "LANE_PAD", "Arrangement", "Chain", "Member", "arrange"]

#: The least space between two members of a lane row, and between a lane's edge and
#: its outermost member (half of it is where returns run beside a box).
GAP = 28
LANE_PAD = 20
#: Room kept beside a lane's steps for the long lines that pass through the lane.
CORRIDOR = 2 * GAP
_SWEEPS = 8
_FITS = 6

MemberKind = Literal["node", "turn", "dummy"]


@dataclass(eq=False)  # members are told apart by identity
class Member:
    """One thing placed in a row: a graph node, a turn (an edge's label box) or a dummy."""

    id: str
    kind: MemberKind
    lane: int
    main: float  # extent along the flow (0 for dummies)
    cross: float  # extent across the flow
    rank: int = 0
    side: float = 0.0  # where along the main axis a return meets its side
    c: float = 0.0  # centre on the cross axis
    up: list[Member] = field(default_factory=list)  # neighbours one row above
    down: list[Member] = field(default_factory=list)  # neighbours one row below


@dataclass(frozen=True)
class Chain:
    """The members one graph edge passes, source first; `back` for a return."""

    source: str
    target: str
    members: tuple[Member, ...]
    back: bool
    attrs: Mapping[str, object]


@dataclass
class Arrangement:
    """Members by row and lane, the chains of the edges, and the lanes' cross extents."""

    members: dict[str, Member]
    rows: list[list[list[Member]]]  # rows[rank][lane] in order
    chains: list[Chain]
    lane_start: list[float]
    lane_width: list[float]
    lane_axis: list[float]  # where a lane's steps stand when nothing pulls them aside


Size = Callable[[str], tuple[float, float]]


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
    _order(arrangement)
    _fit(arrangement)
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


def _order(arrangement: Arrangement) -> None:
    """Barycentre sweeps within lane rows; keep the order with the fewest crossings."""
    rows = arrangement.rows
    _place_all(arrangement, lambda m: None)
    best = _crossings(rows)
    best_order = [[list(cell) for cell in row] for row in rows]
    for sweep in range(_SWEEPS):
        downward = sweep % 2 == 0
        ranks = range(1, len(rows)) if downward else range(len(rows) - 2, -1, -1)
        for rank in ranks:
            for lane, cell in enumerate(rows[rank]):
                if len(cell) < 2:  # nothing to order
                    continue
                keys = {id(m): _barycentre(m.up if downward else m.down, m.c) for m in cell}
                cell.sort(key=lambda m, k=keys: k[id(m)])  # type: ignore[misc]
                _place(cell, arrangement, lane, lambda m, k=keys: k[id(m)])  # type: ignore[misc]
        count = _crossings(rows)
        if count < best:
            best, best_order = count, [[list(cell) for cell in row] for row in rows]
    arrangement.rows = best_order


def _barycentre(neighbours: Sequence[Member], default: float) -> float:
    if not neighbours:
        return default
    return sum(n.c for n in neighbours) / len(neighbours)


def _crossings(rows: list[list[list[Member]]]) -> int:
    """Pairs of hops between two adjacent rows that cross (by cross positions)."""
    total = 0
    for row in rows[:-1]:
        hops = [(m.c, n.c) for cell in row for m in cell for n in m.down]
        for index, (a1, b1) in enumerate(hops):
            for a2, b2 in hops[index + 1:]:
                if (a1 - a2) * (b1 - b2) < 0:
                    total += 1
    return total


def _fit(arrangement: Arrangement) -> None:
    """Cross positions that keep lines straight and a lane's steps on one axis.

    Sweeps alternate down and up so that a position settles from both sides.
    """
    _place_all(arrangement, lambda m: None)
    corridors = [start + width - LANE_PAD
                 for start, width in zip(arrangement.lane_start, arrangement.lane_width, strict=True)]
    wishes = [lambda m, at=at: _wish(m, at) for at in corridors]
    cells = [(lane, cell) for row in arrangement.rows for lane, cell in enumerate(row) if cell]
    for sweep in range(_FITS):
        for lane, cell in cells if sweep % 2 == 0 else reversed(cells):
            _place(cell, arrangement, lane, wishes[lane])


def _wish(member: Member, corridor: float) -> float | None:
    """Where a member would like to be.

    A step: on the axis of its neighbours in the same lane (a lane's steps in one
    column), else where the packing puts it (the lane's middle). A label: under the
    decision it belongs to. A dummy: in the lane's corridor along its far edge, so a
    long line never runs on the axis of the lane's steps (where it would seem to
    leave or enter a box it passes).
    """
    if member.kind == "turn":
        return _barycentre(member.up[:1], member.c)
    if member.kind == "node":
        near = [n for n in (*member.up, *member.down)
                if n.lane == member.lane and n.kind == "node"]
        return _barycentre(near, member.c) if near else None
    return corridor


def _place_all(arrangement: Arrangement, wish: Callable[[Member], float | None]) -> None:
    for row in arrangement.rows:
        for lane, cell in enumerate(row):
            _place(cell, arrangement, lane, wish)


def _place(cell: list[Member], arrangement: Arrangement, lane: int,
           wish: Callable[[Member], float | None]) -> None:
    """Centres for one lane row, in order, as near their wishes as the gaps allow.

    The offsets of the tightest packing are subtracted, a non-decreasing fit of the
    rest is found by pool-adjacent-violators, and the result is clamped to the lane.
    """
    if not cell:
        return
    low = arrangement.lane_start[lane] + LANE_PAD
    high = low + arrangement.lane_width[lane] - 2 * LANE_PAD
    centre = arrangement.lane_axis[lane]
    offsets = [0.0]
    for a, b in pairwise(cell):
        offsets.append(offsets[-1] + (a.cross + b.cross) / 2 + GAP)
    span = offsets[-1] + (cell[0].cross + cell[-1].cross) / 2
    packed_start = centre - span / 2 + cell[0].cross / 2
    targets = []
    for member, offset in zip(cell, offsets, strict=True):
        wanted = wish(member)
        targets.append((packed_start + offset if wanted is None else wanted) - offset)
    fitted = _non_decreasing(targets)
    lowest = low + cell[0].cross / 2
    highest = high - cell[-1].cross / 2 - offsets[-1]
    for member, value, offset in zip(cell, fitted, offsets, strict=True):
        member.c = float(round(min(max(value, lowest), highest) + offset))


def _non_decreasing(values: Sequence[float]) -> list[float]:
    """The least-squares non-decreasing fit of `values` (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight]
    for value in values:
        blocks.append([value, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, weight = blocks.pop()
            previous = blocks[-1]
            total = previous[1] + weight
            previous[0] = (previous[0] * previous[1] + mean * weight) / total
            previous[1] = total
    fitted: list[float] = []
    for mean, weight in blocks:
        fitted.extend([mean] * int(weight))
    return fitted
