"""All specs of some directories: read (on several cores, optionally from the
cache) and checked against each other (`reading`, `cross_check`), and which version of a
standard or a regulation was in force on a day (`lookup`).

May import: `engine.spec`, `engine.calendar`, `engine.support`.
"""

from __future__ import annotations

from engine.corpus.lookup import Corpus, CorpusResult
from engine.corpus.reading import check_paths, iter_spec_files, load_corpus

__all__ = [
    "Corpus", "CorpusResult", "check_paths", "iter_spec_files", "load_corpus",
]
