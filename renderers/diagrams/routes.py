"""Orthogonal edge routes through the gutters between rows.

Every hop of an edge joins members of two adjacent rows, so it only ever runs in
the gutter between them, where there are no boxes: down from the source's port to
a *track* (a line across the gutter), along it, and down into the target. All hops
leaving one member share a track (a decision's outcomes fork there); every other
hop gets its own, so no two lines run along each other. A return climbs the same
way: out of its label's side, up beside the boxes (in the gap every box keeps on
its side), and into its target's side.

Tracks in a gutter are ordered so that a line dropping into a box never runs along
a line leaving the box above it: a hop leaving at a cross position where another
hop arrives is given the higher track. The gutter grows with its tracks.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from itertools import pairwise

from renderers.diagrams.arrangement import GAP, Arrangement, Chain, Member

__all__ = ["GUTTER_PAD", "MIN_GUTTER", "TRACK_GAP", "Placement", "Point", "place"]

#: Space between a row and its gutter's first or last track, and between two tracks.
GUTTER_PAD = 14
TRACK_GAP = 8
MIN_GUTTER = 40

Point = tuple[float, float]  # (main, cross)


@dataclass
class _Net:
    """Hops that share a track: top ends leave the row above, bottom ends enter below."""

    top: set[float] = field(default_factory=set)
    bottom: set[float] = field(default_factory=set)
    track: float | None = None

    @property
    def span(self) -> tuple[float, float]:
        xs = self.top | self.bottom
        return min(xs), max(xs)


@dataclass(frozen=True)
class Placement:
    """Where rows start along the main axis, their sizes, and each chain's points."""

    row_start: tuple[float, ...]
    row_size: tuple[float, ...]
    extent: float
    points: tuple[tuple[Point, ...], ...]  # one per chain, (main, cross)


def _side(member: Member) -> float:
    """The cross position of the line beside a member (the middle of the gap on its side)."""
    return member.c + member.cross / 2 + GAP / 2


def _hops(chain: Chain) -> list[tuple[Member, float, float, bool]]:
    """Each hop of a chain: (the member above the gutter, x above, x below, climbing)."""
    hops = []
    for a, b in pairwise(chain.members):
        if b.rank > a.rank:
            hops.append((a, a.c, b.c, False))
        else:  # a return climbing: from a turn's side or a dummy to a node's side or a dummy
            low = _side(a) if a.kind == "turn" else a.c
            high = _side(b) if b.kind == "node" else b.c
            hops.append((b, high, low, True))
    return hops


def place(arrangement: Arrangement, start: float) -> Placement:
    """Row positions along the main axis from `start`, gutters sized to their tracks."""
    rows = arrangement.rows
    sizes = [max((m.main for cell in row for m in cell), default=0.0) for row in rows]
    nets: list[dict[object, _Net]] = [{} for _ in rows]
    hop_nets: dict[tuple[int, int], _Net] = {}
    for index, chain in enumerate(arrangement.chains):
        for number, (upper, up_x, low_x, climbing) in enumerate(_hops(chain)):
            gutter = nets[upper.rank]
            key: object = (index, number) if climbing else upper.id
            net = gutter.setdefault(key, _Net())
            net.top.add(up_x)
            net.bottom.add(low_x)
            hop_nets[index, number] = net
    gutters = [_assign_tracks(list(g.values())) for g in nets[:-1]]
    row_start = [start]
    for size, room in zip(sizes, gutters, strict=False):
        row_start.append(row_start[-1] + size + room)
    for rank, gutter_nets in enumerate(nets[:-1]):
        top = row_start[rank] + sizes[rank]
        tracks = sorted({n.track for n in gutter_nets.values() if n.track is not None})
        first = top + (gutters[rank] - TRACK_GAP * max(len(tracks) - 1, 0)) / 2
        for net in gutter_nets.values():
            if net.track is not None:
                net.track = first + TRACK_GAP * net.track
    points = tuple(_points(chain, index, hop_nets, row_start, sizes)
                   for index, chain in enumerate(arrangement.chains))
    extent = row_start[-1] + sizes[-1] if rows else start
    return Placement(tuple(row_start), tuple(sizes), extent, points)


def _assign_tracks(nets: list[_Net]) -> float:
    """Give each net with a horizontal run a track index; return the gutter's size."""
    running = [n for n in nets if n.span[0] != n.span[1]]
    above: dict[int, set[int]] = {i: set() for i in range(len(running))}
    for i, p in enumerate(running):
        for j, q in enumerate(running):
            if i != j and p.top & q.bottom:
                above[j].add(i)  # p leaves where q arrives: p's track must be higher
    order = {i: (running[i].span, i) for i in above}
    ready = [(order[i], i) for i in above if not above[i]]
    heapq.heapify(ready)
    done: set[int] = set()
    while len(done) < len(running):
        if not ready:  # a cycle of constraints: take the leftmost net and go on
            rest = min(i for i in above if i not in done)
            ready.append((order[rest], rest))
        _, i = heapq.heappop(ready)
        if i in done:
            continue
        running[i].track = float(len(done))
        done.add(i)
        for j in above:
            if j not in done and i in above[j]:
                above[j].discard(i)
                if not above[j]:
                    heapq.heappush(ready, (order[j], j))
    return max(float(MIN_GUTTER), 2 * GUTTER_PAD + TRACK_GAP * max(len(running) - 1, 0))


def _points(chain: Chain, index: int, nets: dict[tuple[int, int], _Net],
            row_start: list[float], sizes: list[float]) -> tuple[Point, ...]:
    """The corner points of one chain, from its source's port to its target's port."""
    def end(member: Member) -> float:
        return row_start[member.rank] + sizes[member.rank]

    first = chain.members[0]
    points: list[Point] = [(row_start[first.rank] + first.main, first.c)]
    for number, (a, b) in enumerate(pairwise(chain.members)):
        track = nets[index, number].track
        if b.rank > a.rank:  # down: a's bottom, the track, b's top
            points.append((end(a) if a.kind == "dummy" else row_start[a.rank] + a.main, a.c))
            if track is not None:
                points += [(track, a.c), (track, b.c)]
            points.append((row_start[b.rank], b.c))
            continue
        if a.kind == "turn":  # out of the label's side, up the gap beside it
            middle = row_start[a.rank] + a.main / 2
            points += [(middle, a.c), (middle, _side(a))]
            low = _side(a)
        else:  # a dummy: the line already runs up through its row
            low = a.c
        points.append((row_start[a.rank], low))
        high = _side(b) if b.kind == "node" else b.c
        if track is not None:
            points += [(track, low), (track, high)]
        points.append((end(b), high))
        if b.kind == "node":
            side = row_start[b.rank] + b.side
            points += [(side, high), (side, b.c + b.cross / 2)]
        else:
            points.append((row_start[b.rank], b.c))
    return _simplify(points)


def _simplify(points: list[Point]) -> tuple[Point, ...]:
    """Without repeated points and without middle points of straight runs."""
    kept: list[Point] = []
    for point in points:
        if kept and kept[-1] == point:
            continue
        if len(kept) >= 2:
            (m1, c1), (m2, c2) = kept[-2], kept[-1]
            if (m1 == m2 == point[0]) or (c1 == c2 == point[1]):
                kept[-1] = point
                continue
        kept.append(point)
    return tuple(kept)
