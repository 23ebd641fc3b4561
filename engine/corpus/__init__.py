"""All specs of some directories: read (on several cores, optionally from the
cache) and checked against each other (`reading`, `cross_check`), and which version of a
standard or a regulation was in force on a day (`lookup`); providers' catalogues of
services (`catalog`) and where each service stands on a day (`catalog_listing`); the spec
root a file belongs to (`spec_root`).

May import: `engine.spec`, `engine.calendar`, `engine.support`.
"""

from __future__ import annotations

from engine.corpus.catalog import Catalog, CatalogEntry
from engine.corpus.catalog_listing import CatalogListing, ServiceRow, list_catalogs
from engine.corpus.lookup import Corpus, CorpusResult
from engine.corpus.reading import check_paths, iter_spec_files, load_corpus, load_corpus_for
from engine.corpus.spec_root import ROOT_MARKER, spec_root

__all__ = [
    "ROOT_MARKER", "Catalog", "CatalogEntry", "CatalogListing", "Corpus", "CorpusResult", "ServiceRow",
    "check_paths", "iter_spec_files", "list_catalogs", "load_corpus", "load_corpus_for", "spec_root",
]
