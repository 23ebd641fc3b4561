"""Check the time at the counter against the standard's maximum service time.

A standard sets, per channel, the longest an applicant may be served at the counter
(`max_service`, e.g. 15 min). The steps a regulation marks `at_counter: true` are
done with the applicant present; on every path their total must fit.
"""

from __future__ import annotations

import networkx as nx

from engine.process.paths import enumerate_paths
from engine.spec.errors import SpecError
from engine.spec.model import Channel, Step

__all__ = ["check_counter_time"]


def check_counter_time(graph: nx.DiGraph) -> list[SpecError]:
    """One finding per path whose counter steps exceed the channel's `max_service`."""
    channel: Channel = graph.graph["channel"]
    limit = channel.max_service
    if limit is None or limit.is_day_based:
        return []
    findings = []
    seen: set[tuple[str, ...]] = set()
    for path in enumerate_paths(graph):
        steps: list[Step] = [graph.nodes[s]["step"] for s in path.steps]
        counter = [s for s in steps if s.at_counter]
        key = tuple(s.id for s in counter)
        if not counter or key in seen:
            continue
        seen.add(key)
        timed = [s for s in counter if s.duration is not None and not s.duration.is_day_based]
        if len(timed) != len(counter):
            continue  # an untimed counter step: the deadline check reports it
        total = sum(s.duration.minutes for s in timed if s.duration is not None)
        if total > limit.minutes:
            parts = "+".join(str(s.duration.minutes) for s in timed if s.duration is not None)
            findings.append(SpecError(
                counter[0].location, f"processes.{channel.id}[id={counter[0].id}]",
                f"time at the counter {parts} min = {total} min > max_service {limit} "
                f"(steps {', '.join(key)}) (hint: the standard allows at most {limit} of "
                "service at the counter)", "max-service"))
    return findings
