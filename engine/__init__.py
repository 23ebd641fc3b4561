"""Reglament engine: load, check and use specs of Kazakhstan's public services.

The engine is a pipeline, one sub-package per stage (docs/architecture.md):

    spec      YAML read with positions, schema, checks, typed model
    calendar  the working-day calendar of Kazakhstan (beside every stage after spec)
    corpus    all specs of some directories, cross-checked, looked up by date
    process   a regulation compiled to one networkx graph per channel, its paths
    verify    every path against the legal term; the check of a corpus, its reports
    cases     cases run through the graph, the journal, batches and cohorts
    scenarios scenario tests of specs
    support   helpers that know nothing of public services (forking, a pickle store)

A stage imports only the stages above it in this list (and `support`); this module
imports the stages and names the most used parts of their API:

- load: `load_spec` (one file), `load_corpus` / `check_paths` (directories),
  `read_document` (plain data with located errors);
- model: `Standard`, `Regulation` and their parts; `Duration`, `parse_duration`;
- errors: `SpecError` (located), `SpecErrors` (all of them, raised together).
"""

from __future__ import annotations

from engine.corpus import Corpus, CorpusResult, check_paths, load_corpus
from engine.spec import (
    BUILTIN_CHANNELS,
    STATUTORY_GROUNDS,
    Act,
    Actor,
    Amendment,
    Appeal,
    Channel,
    Cost,
    Document,
    Duration,
    DurationError,
    Location,
    Outcome,
    RefusalGround,
    Regulation,
    RequiredDocument,
    Result,
    SpecError,
    SpecErrors,
    Standard,
    Step,
    Text,
    is_valid_on,
    load_spec,
    parse_duration,
    read_document,
)
from engine.spec import bundle as schema

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
