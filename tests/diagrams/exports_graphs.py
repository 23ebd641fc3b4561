"""The compiled channel graphs the export tests run on.

Every channel of every regulation in `specs/`; `bpmn_data/`, a made-up regulation with
what the corpus lacks (a return for correction, two outcomes into one step, several ways
into one end, texts full of quotes, backslashes and markup characters); and a small
corpus from `benchmarks/generate_corpus.py` (fixed seed: ten channels of up to 19 nodes,
three of them with bounded returns, portal processes and conditions), named
`generated:<regulation-id>/<channel>`.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import networkx as nx

from benchmarks.generate_corpus import generate
from engine.corpus import Corpus, load_corpus
from engine.process import compile_regulation

__all__ = ["CORRECTION", "LANGS", "all_graphs", "graph"]

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
DATA = Path(__file__).resolve().parent / "bpmn_data"
#: The made-up regulation's only channel.
CORRECTION = "export-correction/provider_office"
LANGS = ("kk", "ru")
#: Size and seed of the generated corpus (specs, standards and regulations in pairs).
GENERATED, SEED = 8, 1


@cache
def all_graphs() -> dict[str, nx.DiGraph]:
    """`regulation-id/channel` -> compiled graph: the corpus's, `bpmn_data/`'s, then the generated."""
    graphs: dict[str, nx.DiGraph] = {}
    for directory in (SPECS, DATA):
        graphs.update(_compiled(load_corpus([directory])))
    with tempfile.TemporaryDirectory(prefix="reglament-exports-") as directory:
        generate(GENERATED, directory, SEED)
        graphs.update(_compiled(load_corpus([directory]), "generated:"))
    return graphs


def _compiled(corpus: Corpus, prefix: str = "") -> dict[str, nx.DiGraph]:
    graphs = {}
    for regulation in corpus.regulations:
        standard = corpus.standard_of(regulation)
        assert standard is not None, regulation.id
        for channel, compiled in compile_regulation(regulation, standard).graphs.items():
            graphs[f"{prefix}{regulation.id}/{channel}"] = compiled
    return graphs


def graph(name: str) -> nx.DiGraph:
    """One compiled graph by `regulation-id/channel`."""
    return all_graphs()[name]
