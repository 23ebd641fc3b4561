"""A regulation compiled into one networkx graph per channel (`compile`), the
graph's shape checked (`structure`: reachability, ends, decisions), its paths from
receipt to an end enumerated (`paths`), and counter times checked (`counter`).

May import: `engine.spec`, `engine.calendar`.
"""

from __future__ import annotations

from engine.process.compile import (
    END_PREFIX, START, CompiledRegulation, compile_channel, compile_regulation, outcome_node,
    outcome_step,
)
from engine.process.counter import check_counter_time
from engine.process.paths import Path, enumerate_paths
from engine.process.structure import check_structure

__all__ = [
    "END_PREFIX", "START", "CompiledRegulation", "Path", "check_counter_time",
    "check_structure", "compile_channel", "compile_regulation", "enumerate_paths",
    "outcome_node", "outcome_step",
]
