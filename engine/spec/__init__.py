"""The first stage: a spec file read into a typed model.

YAML is read keeping every node's position (`yamlsource`, through the engine's one file
reader `engine.support.bounded_read`; the nodes are built into `Parsed` data by `yamlbuild`,
and the characters no spec may hold are in `characters`), validated against the JSON
Schema of its kind (`schema`, answered first by the compiled test of `schema_compiler`,
with messages an analyst can act on: `schema_messages`), checked for what a schema
cannot say (`checks`, `lookalike`, `identity`, `duration`) and built (`build`) into
frozen dataclasses: `texts` (`Text`, `Act`), `standard_model` (a standard's records),
`regulation_model` (a regulation's), all importable from `model`, which adds `Spec`.
`loader` is the entry point. Every error is a located `SpecError` (`errors`).

May import: `engine.support` only.
"""

from __future__ import annotations

from engine.spec.build import build_regulation, build_standard, text
from engine.spec.checks import check_document, did_you_mean
from engine.spec.duration import (
    DURATION_PATTERN, MAX_AMOUNT, UNITS, Duration, DurationError, Unit, parse_duration,
)
from engine.spec.errors import ExecutionError, Location, Severity, SpecError, SpecErrors, breadcrumb
from engine.spec.identity import Identifier, IdentifierError, check_digit, parse_identifier
from engine.spec.loader import BUILDERS, Document, load_spec, read_document, read_document_bytes
from engine.spec.lookalike import LOOKALIKES, Lookalike, find_lookalikes, lookalike_errors
from engine.spec.model import Spec, is_valid_on
from engine.spec.regulation_model import (
    Acknowledgement, Actor, Amendment, DayReading, Ending, Outcome, Regulation, Step,
)
from engine.spec.schema import BUNDLE_PATH, KINDS, Validator, bundle, bundle_text, validator_for
from engine.spec.schema_messages import schema_errors
from engine.spec.standard_model import (
    BUILTIN_CHANNELS, STATUTORY_GROUNDS, Appeal, Channel, Cost, RefusalGround, RequiredDocument,
    Result, Standard,
)
from engine.spec.texts import Act, Text
from engine.spec.yamlsource import MAX_BYTES, MAX_DEPTH, MAX_NODES, Parsed, parse_text, read_yaml

__all__ = [
    "BUILDERS", "BUILTIN_CHANNELS", "BUNDLE_PATH", "DURATION_PATTERN", "KINDS", "LOOKALIKES",
    "MAX_AMOUNT", "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "STATUTORY_GROUNDS", "UNITS",
    "Acknowledgement", "Act", "Actor", "Amendment", "Appeal", "Channel", "Cost", "DayReading", "Document",
    "Duration", "DurationError", "Ending", "ExecutionError", "Identifier", "IdentifierError",
    "Location", "Lookalike", "Outcome", "Parsed", "RefusalGround", "Regulation",
    "RequiredDocument", "Result", "Severity", "Spec", "SpecError", "SpecErrors", "Standard",
    "Step", "Text", "Unit", "Validator", "breadcrumb", "build_regulation", "build_standard",
    "bundle", "bundle_text", "check_digit", "check_document", "did_you_mean", "find_lookalikes",
    "is_valid_on", "load_spec", "lookalike_errors", "parse_duration", "parse_identifier",
    "parse_text", "read_document", "read_document_bytes", "read_yaml", "schema_errors", "text",
    "validator_for",
]
