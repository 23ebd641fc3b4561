"""Load one spec file: read the YAML, validate the schema, check, build the model.

`read_document` returns the checked plain data with every error collected;
`load_spec` returns the typed model or raises `SpecErrors` with all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.spec.build import build_regulation, build_standard
from engine.spec.checks import check_document, did_you_mean
from engine.spec.errors import Location, SpecError, SpecErrors
from engine.spec.lookalike import lookalike_errors
from engine.spec.model import Regulation, Standard
from engine.spec.schema import KINDS, validator_for
from engine.spec.schema_messages import schema_errors
from engine.spec.yamlsource import Parsed, parse_bytes, read_yaml

__all__ = ["BUILDERS", "Document", "load_spec", "read_document", "read_document_bytes"]

_Path = tuple[str | int, ...]

#: How each kind of document becomes a model object; the calendar registers its own.
BUILDERS: dict[str, Callable[[Parsed], Any]] = {
    "standard": build_standard,
    "regulation": build_regulation,
}


@dataclass
class Document:
    """A read and checked spec document: its plain data, kind, and all its findings.

    `errors` holds every finding, warnings included; `blocking` only those that keep
    the document from being built.
    """

    parsed: Parsed
    kind: str
    errors: list[SpecError]

    @property
    def blocking(self) -> list[SpecError]:
        """The findings of severity error."""
        return [e for e in self.errors if e.severity == "error"]

    @property
    def path(self) -> str:
        return self.parsed.path

    @property
    def data(self) -> Any:
        return self.parsed.data

    @property
    def text(self) -> str:
        """The text the document was read from."""
        return self.parsed.text

    def location(self, path: _Path, *, value: bool = False) -> Location:
        """Where an element of the document stands, as `file:line:col`."""
        return self.parsed.location(path, value=value)


def read_document(path: str | Path) -> Document:
    """Read a spec file and run every single-file check on it."""
    return _check(read_yaml(path))


def read_document_bytes(raw: bytes, name: str) -> Document:
    """Like `read_document`, for bytes already in memory (`name` is used in messages)."""
    return _check(parse_bytes(raw, name))


def _check(parsed: Parsed) -> Document:
    errors = list(parsed.errors)
    if errors:
        return Document(parsed, "", errors)
    data = parsed.data
    kinds = ", ".join(KINDS[:-1]) + f" or {KINDS[-1]}" if len(KINDS) > 1 else KINDS[0]
    if not isinstance(data, dict):
        text = str(data)
        got = "a list" if isinstance(data, list) else (
            f'"{text}"' if len(text) <= 60 else f'"{text[:57]}..." ({len(text)} characters)')
        errors.append(SpecError(parsed.location(()), "", "expected a mapping with `kind:` at the "
                                f"top, got {got} (hint: a spec starts with "
                                f"`kind: {' | '.join(KINDS)}`)", "type"))
        return Document(parsed, "", errors)
    kind = data.get("kind")
    if kind not in KINDS:
        if "kind" in data:
            where: _Path = ("kind",)
            hint = did_you_mean(str(kind), KINDS) if isinstance(kind, str) else \
                f"write one of: {', '.join(KINDS)}"
            got = f'"{kind}"'
        else:
            where, hint, got = (), "the first key of a spec says what it is", "no kind"
        errors.append(SpecError(parsed.location(where, value=True), "kind",
                                f"expected kind {kinds}, got {got} (hint: {hint})", "kind"))
        return Document(parsed, "", errors)
    found = schema_errors(parsed, kind, validator_for(kind).iter_errors(data))
    errors.extend(found)
    errors.extend(lookalike_errors(parsed))
    if not found:
        errors.extend(check_document(parsed, kind))
    return Document(parsed, kind, sorted(set(errors)))


def load_spec(path: str | Path) -> Standard | Regulation | Any:
    """Load one spec file into its model object.

    Raises:
        SpecErrors: every located error of the file, when there is any.
    """
    document = read_document(path)
    if document.blocking:
        raise SpecErrors(document.blocking)
    return BUILDERS[document.kind](document.parsed)
