"""The compiled channel graphs the export tests run on.

Every channel of every regulation in `specs/`, plus `bpmn_data/`: a made-up regulation
with what the corpus lacks (a return for correction, two outcomes into one step, several
ways into one end, texts full of quotes, backslashes and markup characters).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import networkx as nx

from engine.compile import compile_regulation
from engine.corpus import load_corpus

__all__ = ["CORRECTION", "LANGS", "all_graphs", "graph"]

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
DATA = Path(__file__).resolve().parent / "bpmn_data"
#: The made-up regulation's only channel.
CORRECTION = "export-correction/provider_office"
LANGS = ("kk", "ru")


@cache
def all_graphs() -> dict[str, nx.DiGraph]:
    """`regulation-id/channel` -> compiled graph, the corpus's first, then `bpmn_data/`'s."""
    graphs: dict[str, nx.DiGraph] = {}
    for directory in (SPECS, DATA):
        corpus = load_corpus([directory])
        for regulation in corpus.regulations:
            standard = corpus.standard_of(regulation)
            assert standard is not None, regulation.id
            for channel, compiled in compile_regulation(regulation, standard).graphs.items():
                graphs[f"{regulation.id}/{channel}"] = compiled
    return graphs


def graph(name: str) -> nx.DiGraph:
    """One compiled graph by `regulation-id/channel`."""
    return all_graphs()[name]
