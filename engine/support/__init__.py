"""Helpers that know nothing of public services: work shared out on forked
processes (`forking`), values kept between runs as pickles (`pickle_store`), and an
integer key per row of a table (`row_keys`).

May import: nothing from the engine.
"""

from __future__ import annotations

from engine.support.forking import MIN_PER_WORKER, fork_map, usable_cores, workers_for
from engine.support.pickle_store import (
    CACHE_DIR, PickleStore, engine_fingerprint, file_digest, spec_key,
)

__all__ = [
    "CACHE_DIR", "MIN_PER_WORKER", "PickleStore", "engine_fingerprint", "file_digest",
    "fork_map", "spec_key", "usable_cores", "workers_for",
]
