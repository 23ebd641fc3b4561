"""The order of members within lane rows, and their cross-axis positions.

The last two steps of the layered layout (`renderers.diagrams.layers` makes the rows):

1. Members of one lane in one row are ordered by barycentre sweeps (down, up, ...),
   keeping the order with the fewest crossings; lanes themselves keep their order.
2. Cross-axis coordinates are fitted to where each member's neighbours are (long
   lines straight, a lane's steps on one axis) under the lane's bounds and minimum
   gaps, by pool-adjacent-violators in each lane row.

Everything is linear or n log n in the number of members per sweep; the number of
sweeps is fixed, so a 100-step graph is laid out in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from renderers.diagrams.arrangement import GAP, LANE_PAD, Arrangement, Member

__all__ = ["fit_rows", "order_rows"]

_SWEEPS = 8
_FITS = 6


def order_rows(arrangement: Arrangement) -> None:
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


def fit_rows(arrangement: Arrangement) -> None:
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
