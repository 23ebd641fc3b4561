"""Reglament engine: load, check and use specs of Kazakhstan's public services.

The public API, by stage:

- load: `load_spec` (one file), `load_corpus` / `check_paths` (directories),
  `read_document` (plain data with located errors);
- model: `Standard`, `Regulation` and their parts; `Duration`, `parse_duration`;
- errors: `SpecError` (located), `SpecErrors` (all of them, raised together).
"""

from __future__ import annotations

from engine.corpus import Corpus, CorpusResult, check_paths, load_corpus
from engine.duration import Duration, DurationError, parse_duration
from engine.errors import Location, SpecError, SpecErrors
from engine.loader import Document, load_spec, read_document
from engine.model import (
    BUILTIN_CHANNELS,
    STATUTORY_GROUNDS,
    Act,
    Actor,
    Amendment,
    Appeal,
    Channel,
    Cost,
    Outcome,
    RefusalGround,
    Regulation,
    RequiredDocument,
    Result,
    Standard,
    Step,
    Text,
    is_valid_on,
)
from engine.schema import bundle as schema

__all__ = [
    "BUILTIN_CHANNELS",
    "STATUTORY_GROUNDS",
    "Act",
    "Actor",
    "Amendment",
    "Appeal",
    "Channel",
    "Corpus",
    "CorpusResult",
    "Cost",
    "Document",
    "Duration",
    "DurationError",
    "Location",
    "Outcome",
    "RefusalGround",
    "Regulation",
    "RequiredDocument",
    "Result",
    "SpecError",
    "SpecErrors",
    "Standard",
    "Step",
    "Text",
    "check_paths",
    "is_valid_on",
    "load_corpus",
    "load_spec",
    "parse_duration",
    "read_document",
    "schema",
]
