"""Helpers that know nothing of public services: the one reader of the files the engine
is given (`bounded_read`: regular files only, and never more than a limit), the one way a
file is replaced (`atomic_write`), the one spelling of an escaped character
(`text_escapes`), work shared
out on forked processes (`forking`), values kept between runs as pickles (`pickle_store`),
and an integer key per row of a table (`row_keys`).

May import: nothing from the engine.
"""

from __future__ import annotations

from engine.support.atomic_write import replace_atomically
from engine.support.bounded_read import (
    MAX_FILE_BYTES, READ_CHUNK, FileRefused, read_regular_file,
)
from engine.support.forking import MIN_PER_WORKER, fork_map, usable_cores, workers_for
from engine.support.pickle_store import (
    CACHE_DIR, PickleStore, engine_fingerprint, file_digest, spec_key,
)
from engine.support.text_escapes import escape_char

__all__ = [
    "CACHE_DIR", "MAX_FILE_BYTES", "MIN_PER_WORKER", "READ_CHUNK", "FileRefused",
    "PickleStore", "engine_fingerprint", "escape_char", "file_digest", "fork_map",
    "read_regular_file", "replace_atomically", "spec_key", "usable_cores", "workers_for",
]
