"""A regulation compiled into one networkx graph per channel (`compile`) — or, where no
text gives the steps, the minimal process a standard implies (`implied`) — the
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
from engine.process.implied import (
    IMPLIED_LABEL, IMPLIED_NOTE, IMPLIED_SUFFIX, implied_id, implied_regulation, implied_standard,
)
from engine.process.paths import Path, enumerate_paths
from engine.process.structure import check_structure

__all__ = [
    "END_PREFIX", "IMPLIED_LABEL", "IMPLIED_NOTE", "IMPLIED_SUFFIX", "START",
    "CompiledRegulation", "Path", "check_counter_time", "check_structure", "compile_channel",
    "compile_regulation", "enumerate_paths", "implied_id", "implied_regulation",
    "implied_standard", "outcome_node", "outcome_step",
]
