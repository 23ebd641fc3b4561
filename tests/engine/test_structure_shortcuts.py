"""The graph walks of `engine.process.structure` answer as networkx does (issue 19).

`check_structure` finds what is reachable from the start and what reaches an end with one
walk each, and lists the cycles of a graph (networkx's `simple_cycles`) only when the
edges without `max_repeats` hold one; on random graphs these agree with networkx's
`descendants`, `ancestors` and an unbounded cycle among `simple_cycles`.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.process.structure import _no_unbounded_cycle, _reached

NODES = ["start", "a", "b", "c", "d", "end:result", "end:refusal"]
edges = st.lists(st.tuples(st.sampled_from(NODES), st.sampled_from(NODES),
                           st.sampled_from([None, 0, 1, 2])), max_size=14)


def _graph(found: list[tuple[str, str, int | None]]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(NODES)
    for source, target, bound in found:
        graph.add_edge(source, target, max_repeats=bound)
    return graph


@settings(max_examples=400, deadline=None)
@given(found=edges)
def test_the_walks_answer_as_networkx(found: list[tuple[str, str, int | None]]) -> None:
    graph = _graph(found)
    successors = dict(graph.adjacency())
    predecessors = {n: list(graph.predecessors(n)) for n in graph}
    assert _reached(successors, ["start"]) - {"start"} == nx.descendants(graph, "start")
    ends = ["end:result", "end:refusal"]
    assert _reached(predecessors, ends) == set(ends).union(*(nx.ancestors(graph, e) for e in ends))
    unbounded = any(not any(graph.edges[edge]["max_repeats"]
                            for edge in zip(cycle, cycle[1:] + cycle[:1], strict=True))
                    for cycle in nx.simple_cycles(graph))
    assert _no_unbounded_cycle(graph) == (not unbounded)
