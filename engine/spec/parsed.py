"""The plain data of one YAML file with where each piece of it stands (`Parsed`).

`engine.spec.yamlsource` makes it; the schema messages, the checks and the builders
locate what they find through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.spec.errors import Location, SpecError

__all__ = ["Parsed", "YamlPath"]

#: A path into the data: keys of mappings and indexes of lists.
YamlPath = tuple[str | int, ...]
_Path = YamlPath


@dataclass
class Parsed:
    """The plain data of one YAML file, with where each piece of it stands."""

    path: str
    data: Any = None
    positions: dict[_Path, tuple[int, int]] = field(default_factory=dict)
    value_positions: dict[_Path, tuple[int, int]] = field(default_factory=dict)
    errors: list[SpecError] = field(default_factory=list)
    text: str = ""
    spans: dict[_Path, tuple[int, int]] = field(default_factory=dict)

    def location(self, path: _Path, *, value: bool = False) -> Location:
        """Where `path` stands (its key; with `value=True`, its value).

        Falls back to the nearest enclosing element that has a position.
        """
        table = self.value_positions if value else self.positions
        probe = tuple(path)
        while probe:
            if probe in table:
                line, col = table[probe]
                return Location(self.path, line, col)
            probe = probe[:-1]
        line, col = self.positions.get((), (1, 1))
        return Location(self.path, line, col)

    def locate_in_value(self, path: _Path, needle: str, occurrence: int, offset: int) -> Location:
        """Where character `offset` of the `occurrence`-th `needle` in a scalar value stands.

        Searches the scalar's source text, so it is exact for plain, quoted and block
        scalars alike; falls back to the value's start.
        """
        span = self.spans.get(tuple(path))
        if span is not None:
            start, end = span
            at = start - 1
            for _ in range(occurrence + 1):
                at = self.text.find(needle, at + 1, end)
                if at < 0:
                    break
            if at >= 0:
                index = at + offset
                line = self.text.count("\n", 0, index) + 1
                col = index - (self.text.rfind("\n", 0, index) + 1) + 1
                return Location(self.path, line, col)
        return self.location(path, value=True)

    def error(self, path: _Path, breadcrumb: str, message: str, code: str) -> None:
        self.errors.append(SpecError(self.location(path), breadcrumb, message, code))
