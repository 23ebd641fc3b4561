"""What the layered layout arranges: members in rows and lanes, the chains of the edges.

A `Member` is one thing placed in a row (a graph node, a turn that holds an edge's label,
or a dummy where a long edge crosses a row); a `Chain` is the members one edge passes; an
`Arrangement` is all of them by row and lane, with the lanes' cross extents. The gaps
between members are here too. `renderers.diagrams.layers` makes an arrangement,
`renderers.diagrams.row_order` orders and places its rows, `renderers.diagrams.routes`
routes its chains.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["CORRIDOR", "GAP", "LANE_PAD", "Arrangement", "Chain", "Member", "MemberKind", "Size"]

#: The least space between two members of a lane row, and between a lane's edge and
#: its outermost member (half of it is where returns run beside a box).
GAP = 28
LANE_PAD = 20
#: Room kept beside a lane's steps for the long lines that pass through the lane.
CORRIDOR = 2 * GAP

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
