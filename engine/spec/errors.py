"""Located errors: every problem in a spec points at `file:line:col`.

A `SpecError` renders as `file.yaml:12:5: breadcrumb: what was expected, what was found (hint)`,
e.g. `spec.yaml:12:5: processes.gov_corp[id=register].duration: expected ... (hint: ...)`.
Loaders collect all errors of a file and raise them together as `SpecErrors`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from engine.support.text_escapes import escape_char

__all__ = ["ExecutionError", "Location", "Severity", "SpecError", "SpecErrors", "breadcrumb"]

#: `note`: what a verdict rests on, said once where the spec states it (never a failure).
Severity = Literal["error", "warning", "acknowledged", "note"]


@dataclass(frozen=True, order=True)
class Location:
    """A position in a file; `line` and `col` are 1-based (0 when unknown)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class SpecError:
    """One problem found in a spec, with where it is and what to do about it."""

    location: Location
    breadcrumb: str
    message: str
    code: str = "spec"
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.breadcrumb}: " if self.breadcrumb else ""
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        # One finding per line, and nothing a terminal would interpret or that would reorder
        # the line: line breaks show as \n, other control characters as \xNN, and (should a
        # message ever quote one: the loader refuses them) bidirectional controls, lone
        # surrogates and the noncharacters U+FFFE/U+FFFF as \u and four hex digits.
        text = f"{self.location}: {prefix}{where}{self.message}"
        return _CONTROL.sub(_escape, text)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    return escape_char(match.group())


class SpecErrors(Exception):
    """All the errors found in one or more spec files."""

    def __init__(self, errors: Iterable[SpecError]) -> None:
        self.errors: list[SpecError] = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def breadcrumb(path: Sequence[str | int], data: object) -> str:
    """Render a path into data as a breadcrumb naming list items by their id.

    Examples:
        >>> data = {"processes": {"gov_corp": [{"id": "accept"}, {"id": "register"}]}}
        >>> breadcrumb(("processes", "gov_corp", 1, "duration"), data)
        'processes.gov_corp[id=register].duration'
        >>> breadcrumb(("documents", 0), {"documents": ["x"]})
        'documents[0]'
    """
    out = ""
    node: object = data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            out += f"[id={ident}]" if isinstance(ident, str) and ident else f"[{part}]"
            node = item
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


class ExecutionError(Exception):
    """A command that does not fit the case; nothing was changed.

    Raised by the executor (`engine.cases.executor`, which exports it too) and what it relies on.
    """
