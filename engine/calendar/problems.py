"""The located problems of one calendar or schedules document, collected as it is read.

`Problems` gathers `SpecError`s located at a `KeyPath` (the keys and list positions of
a node) of a read document (`SpecSource`: `engine.spec.loader.Document` or `Parsed`); the
readers of `engine.calendar.spec_sections` and `engine.calendar.schedule_reading` add to it.
"""

from __future__ import annotations

from typing import Any, Protocol

from engine.spec.errors import Location, Severity, SpecError, breadcrumb

__all__ = ["KeyPath", "Problems", "SpecSource"]

#: The path of a node in the document: keys and list positions.
KeyPath = tuple[str | int, ...]


class SpecSource(Protocol):
    """What the calendar needs of a read document (`engine.spec.loader.Document`, `Parsed`)."""

    @property
    def path(self) -> str: ...

    @property
    def data(self) -> Any: ...

    def location(self, path: KeyPath, *, value: bool = False) -> Location: ...


class Problems:
    """The located problems of one document, collected as its sections are read."""

    def __init__(self, source: SpecSource) -> None:
        self.source = source
        self.errors: list[SpecError] = []

    def add(self, path: KeyPath, message: str, code: str = "calendar",
            severity: Severity = "error", *, at_key: bool = False) -> None:
        """A problem at `path`, located at its value (at its key with `at_key`); a warning
        when `severity` says so."""
        crumb = breadcrumb(path, self.source.data)
        self.errors.append(SpecError(self.source.location(path, value=not at_key), crumb,
                                     message, code, severity))
