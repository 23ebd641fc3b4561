"""Real specs as trees that can hold what YAML can say and a dict cannot, written back as YAML.

The loader's grammar-aware fuzz (`fuzz_mutations`, used by `test_fuzz.py`) reads a spec of
`specs/`, `tests/data/valid/` or a schedules file of the tests into a tree of `Map` (a
mapping as [key, value] pairs, so a key may come twice), `Seq`, scalars, `Raw` (a scalar
written verbatim: an escape, an alias) and `Decorated` (a node behind a tag or an anchor),
changes it in place through its slots, and writes it back as block YAML with `emit`.
Unchanged, a spec is written back to the same data (`test_fuzz_grammar.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from engine.spec import Document, read_document
from tests.specdata import DATA, ROOT, SPECS, VALID

#: Offices' own hours (`kind: schedules`, issue 16): none is in `specs/` yet.
SCHEDULES = [DATA / "reception" / "schedules" / "offices.yaml",
             ROOT / "tests" / "calendar" / "authored-offices.yaml"]
#: Every spec of the project and of the tests (scenario files are not specs).
BASES = sorted([*(p for root in (SPECS, VALID) for p in root.rglob("*.yaml")
                  if "scenarios" not in p.parts), *SCHEDULES])


class Map(list):  # type: ignore[type-arg]
    """A mapping as a list of [key, value] pairs: a key may come twice."""


class Seq(list):  # type: ignore[type-arg]
    """A sequence."""


@dataclass
class Raw:
    """A scalar written exactly as `text` (an escape, an alias, a tagged value)."""

    text: str


@dataclass
class Decorated:
    """A node with a tag or an anchor (`prefix`: `!!int`, `&a`) written before it."""

    prefix: str
    node: Any


def to_tree(data: Any) -> Any:
    """Plain data as a tree of `Map`, `Seq` and scalars."""
    if isinstance(data, dict):
        return Map([key, to_tree(value)] for key, value in data.items())
    if isinstance(data, list):
        return Seq(to_tree(item) for item in data)
    return data


@cache
def base_data(path: Path) -> Any:
    """The data of a base spec, read once."""
    return read_document(path).data


_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def yaml_lines(text: str) -> list[str]:
    """The lines of `text` as YAML counts them (it breaks lines at CR, NEL, LS and PS too)."""
    return _BREAKS.split(text)


def assert_inside(document: Document, text: str) -> None:
    """Every error of `document` stands at a line and column of `text` (or just after it)."""
    lines = yaml_lines(text)
    for error in document.errors:
        line, col = error.location.line, error.location.col
        assert 1 <= line <= len(lines) + 1, error
        width = len(lines[line - 1]) if line <= len(lines) else 0
        assert 1 <= col <= width + 2, error


# --------------------------------------------------------------------------- writing YAML

_ESCAPED = re.compile("[\\\\\"\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e"
                      "\u2066-\u2069\ufeff\ufffe\uffff]")


def quote(text: str) -> str:
    """`text` as a double-quoted YAML scalar, every special character escaped."""
    def one(match: re.Match[str]) -> str:
        char = match.group()
        return "\\" + char if char in '\\"' else (
            f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
    return '"' + _ESCAPED.sub(one, text) + '"'


@cache
def _plain_is_text(text: str) -> bool:
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False


def scalar(value: Any) -> str:
    """A scalar as YAML text: plain where it reads back the same, else quoted."""
    if isinstance(value, Raw):
        return value.text
    if value is None:
        return "~"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return ".nan" if value != value else (".inf" if value > 0 else "-.inf") \
            if value in (float("inf"), float("-inf")) else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = (re.fullmatch(r"[\w«(][\w .,()«»/–-]*", text) and not text.endswith(" ")
             and len(text) < 200 and _plain_is_text(text))
    return text if plain else quote(text)


def _attach(head: str, value: Any, indent: int) -> list[str]:
    prefix = ""
    while isinstance(value, Decorated):
        prefix, value = f"{prefix} {value.prefix}", value.node
    if isinstance(value, Map | Seq) and value:
        return [head + prefix, *_block(value, indent + 2)]
    text = "{}" if isinstance(value, Map) else "[]" if isinstance(value, Seq) else scalar(value)
    return [f"{head}{prefix} {text}"]


def _block(node: Map | Seq, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for entry in node:
        if isinstance(node, Map):
            key, value = entry
            lines.extend(_attach(f"{pad}{scalar(key)}:", value, indent))
        else:
            lines.extend(_attach(f"{pad}-", entry, indent))
    return lines


def emit(tree: Any) -> str:
    """The tree as block YAML."""
    if isinstance(tree, Map | Seq) and tree:
        return "\n".join(_block(tree, 0)) + "\n"
    return _attach("---", tree, 0)[0] + "\n"


# --------------------------------------------------------------------------- places in a tree

#: A place a value stands: its mapping or sequence, and its index there.
Slot = tuple[Any, int]


def slots(tree: Any) -> list[Slot]:
    """Every place a value stands in the tree: (its mapping or sequence, its index)."""
    found: list[Slot] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        while isinstance(node, Decorated):
            node = node.node
        if isinstance(node, Map | Seq):
            for index, entry in enumerate(node):
                found.append((node, index))
                stack.append(entry[1] if isinstance(node, Map) else entry)
    return found


def get(slot: Slot) -> Any:
    """The value at a place."""
    container, index = slot
    return container[index][1] if isinstance(container, Map) else container[index]


def put(slot: Slot, value: Any) -> None:
    """Put `value` at a place."""
    container, index = slot
    if isinstance(container, Map):
        container[index][1] = value
    else:
        container[index] = value
