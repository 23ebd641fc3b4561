"""What one line of plain YAML holds, read as `engine.spec.yamlsource` would read it, or
nothing when that is not certain (`shape`, for `engine.spec.yamlfast`).

A line is an indentation, an optional `- ` entry, an optional simple key (letters, digits,
`_`, `.`, `-`, read as text), then nothing, a comment, or a value written on the line: a plain
scalar, a single-quoted one, a double-quoted one whose only escapes are `\\"` and `\\\\`, or a
flow sequence or mapping of those (`[a, "b"]`, `{kk: x, ru: "y, z"}`), nested, on the line.
A plain scalar is typed by PyYAML's resolver and the slow path's own `Builder`, so that
`yes`, `09:00`, `0123` and `2015-07-26` are what they are there, and one the slow path
refuses (`2015-02-30`, a number of too many digits) is left to it.

Everything else gives `UNSURE`: a value that starts with an indicator (`&`, `*`, `!`, `|`,
`>`, `%`, `@`, a backquote, `? `, `- `), a quote or bracket not closed on the line, other
escapes, quoted or complex keys, `key:value` without a space, a plain scalar holding `: `,
a key given twice in a flow mapping, flows nested deeper than `MAX_FLOW_DEPTH`.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import yaml

from engine.spec.parsed import Parsed
from engine.spec.yamlbuild import Builder

__all__ = ["BLANK", "FLOW", "LIST", "MAP", "MAX_FLOW_DEPTH", "NOTHING", "SCALAR", "UNSURE", "Node", "Shape",
           "shape"]

#: A line: its indentation, a "-" entry and the spaces after it, a simple key (its ":" and the
#: spaces after it left out), and the rest, which never starts with a space.
_LINE = re.compile(r"( *)(?:(-)( +|$))?(?:([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}):(?: +|$))?(.*)").match
_SINGLE = re.compile(r"'((?:[^']|'')*)'").match
_DOUBLE = re.compile(r'"((?:[^"\\]|\\["\\])*)"').match
_ESCAPE = re.compile(r'\\(["\\])')
#: What may follow a value on its line: spaces, and a comment after at least one of them.
_END = re.compile(r" *$| +#").match
#: A plain scalar inside a flow (trailing spaces included), of characters that end none there.
_PLAIN_IN_FLOW = re.compile(r"""[^-?:,\[\]{}#&*!|>'"%@` ][^,\[\]{}#:?]*""").match
_KEY_IN_FLOW = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}): +").match
#: A plain scalar may not start with these (YAML's indicators; "-", "?" and ":" followed by
#: a space are checked apart).
_NOT_PLAIN = frozenset("[]{}#&*!|>'\"%@`,")
_RESOLVER = yaml.resolver.Resolver()
#: The first characters with which a plain scalar may be read as something but text.
_TYPED_START = frozenset(key for key in _RESOLVER.yaml_implicit_resolvers if key)
#: The first characters of a value that is something else than text as it stands.
_SPECIAL = _NOT_PLAIN | _TYPED_START | frozenset("-?:'\"")
_MARK = yaml.Mark("", 0, 0, 0, None, 0)
_STR_TAG = "tag:yaml.org,2002:str"
_REFUSED = object()
_MISSING = object()
_typed_cache: dict[str, Any] = {}
_keys: dict[str, str | None] = {}

#: The deepest nesting of flows on one line the reader takes.
MAX_FLOW_DEPTH = 8
#: The kinds of value on a line (`Shape`) and of nodes of a flow (`Node`).
NOTHING, SCALAR, FLOW, LIST, MAP = range(5)
#: A node of a flow: its kind (SCALAR, LIST, MAP), its column, then a scalar's value and the
#: column just after it; a list's nodes; or a mapping's entries (key, its column, node).
Node = tuple[int, int, Any, int]
#: What a line holds: its indentation; the column of what follows its "-", or -1; its key, or
#: ""; the kind of its value (NOTHING: none on the line, so on the next lines or null);
#: the value (a scalar's, or a flow's `Node`); the column where it starts (where its null
#: would stand, for NOTHING); the length of a scalar as written, or the depth of a flow.
Shape = tuple[int, int, str, int, Any, int, int]
#: A blank or comment line, and a line the reader is not sure of.
BLANK: tuple[()] = ()
UNSURE = False


def _typed(text: str) -> Any:
    """A plain scalar read as the slow path reads it, or `_REFUSED` where that is an error (an
    impossible date, a number too long, a tag it resolves to but may not)."""
    value = _typed_cache.get(text, _MISSING)
    if value is not _MISSING:
        return value
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR_TAG:  # what `Builder` would give, without building one
        value = text
    else:
        builder = Builder(Parsed(""), yaml.constructor.SafeConstructor())
        value = builder.build(yaml.ScalarNode(tag, text, _MARK, _MARK), (), 0)
        if builder.pending:
            value = _REFUSED
    if len(text) <= 40:
        if len(_typed_cache) > 20_000:
            _typed_cache.clear()
        _typed_cache[text] = value
    return value


def _key(text: str) -> str | None:
    """A simple key as the slow path reads it (interned), or None when it is not text."""
    key = _keys.get(text, _MISSING)
    if key is _MISSING:
        value = _typed(text) if text[0] in _TYPED_START else text
        key = sys.intern(value) if isinstance(value, str) else None
        if len(_keys) > 20_000:
            _keys.clear()
        _keys[text] = key
    return key  # type: ignore[return-value]


def _quoted(line: str, at: int) -> tuple[str, int] | None:
    """The quoted scalar at `at` of `line` and the column just after its closing quote."""
    if line[at] == "'":
        match = _SINGLE(line, at)
        if match is None:
            return None
        text = match.group(1)
        return (text.replace("''", "'") if "''" in text else text), match.end()
    match = _DOUBLE(line, at)
    if match is None:
        return None
    text = match.group(1)
    return (_ESCAPE.sub(r"\1", text) if "\\" in text else text), match.end()


def _scalar(line: str, at: int) -> tuple[Any, int] | None:
    """The value of the scalar written from `at` to the end of `line` (not in a flow), and the
    length it is written in."""
    first = line[at]
    if first in "'\"":
        found = _quoted(line, at)
        if found is None or _END(line, found[1]) is None:
            return None
        return found[0], found[1] - at
    if first in _NOT_PLAIN or (first in "-?:" and line[at + 1:at + 2] in ("", " ")):
        return None
    cut = line.find(" #", at)
    text = (line[at:] if cut < 0 else line[at:cut]).rstrip(" ")
    if ": " in text or text[-1] == ":":
        return None
    value = _typed(text) if first in _TYPED_START else text
    return None if value is _REFUSED else (value, len(text))


def _spaces(line: str, at: int) -> int:
    """The column of the first character at or after `at` that is not a space."""
    while line.startswith(" ", at):
        at += 1
    return at


def _flow(line: str, at: int, depth: int) -> tuple[Node, int] | None:
    """The flow node at `at` of `line` and the column after it; nested up to `depth`."""
    first = line[at:at + 1]
    if first in ("[", "{"):
        if not depth:
            return None
        closing = "]" if first == "[" else "}"
        children: list[Any] = []
        keys: set[str] = set()
        here = _spaces(line, at + 1)
        if line.startswith(closing, here):
            return (LIST if first == "[" else MAP, at, (), 0), here + 1
        while True:
            if first == "{":
                key_match = _KEY_IN_FLOW(line, here)
                key = _key(key_match.group(1)) if key_match is not None else None
                if key is None or key in keys:
                    return None
                keys.add(key)
                found = _flow(line, key_match.end(), depth - 1)  # type: ignore[union-attr]
                if found is None:
                    return None
                children.append((key, here, found[0]))
            else:
                found = _flow(line, here, depth - 1)
                if found is None:
                    return None
                children.append(found[0])
            here = _spaces(line, found[1])
            if line.startswith(closing, here):
                return (LIST if first == "[" else MAP, at, tuple(children), 0), here + 1
            if not line.startswith(",", here):
                return None
            here = _spaces(line, here + 1)
            if line[here:here + 1] in ("", closing):  # a comma before the end: left to PyYAML
                return None
    if first in ("'", '"'):
        quoted = _quoted(line, at)
        return None if quoted is None else ((SCALAR, at, quoted[0], quoted[1]), quoted[1])
    plain = _PLAIN_IN_FLOW(line, at)
    if plain is None:
        return None
    text = plain.group().rstrip(" ")
    value = _typed(text) if first in _TYPED_START else text
    end = at + len(text)
    return None if value is _REFUSED else ((SCALAR, at, value, end), end)


def _depth(node: Node) -> int:
    if node[0] == SCALAR:
        return 0
    children = node[2] if node[0] == LIST else [entry[2] for entry in node[2]]
    return 1 + max((_depth(child) for child in children), default=0)


def shape(line: str) -> Shape | tuple[()] | bool:
    """What `line` holds: a `Shape`; `BLANK` for a blank or comment line; `UNSURE`."""
    spaces, dash, after_dash, written_key, rest = _LINE(line).groups()  # type: ignore[union-attr]
    if written_key is not None:
        key = _keys.get(written_key) or _key(written_key)
        if key is None:
            return UNSURE
    elif dash is None:
        return BLANK if not rest or rest[0] == "#" else UNSURE
    else:
        key = ""
    col = len(spaces)
    item = col + 1 + len(after_dash) if dash is not None else -1
    if not rest or rest[0] == "#":
        at = (item if dash is not None else col) + len(written_key) + 1 if key else col + 1
        return col, item, key, NOTHING, None, at, 0
    at = len(line) - len(rest)
    first = rest[0]
    if first not in _SPECIAL:  # text as it stands, unless a comment or ": " follows
        if "#" in rest:
            cut = rest.find(" #")
            if cut >= 0:
                rest = rest[:cut]
        if rest[-1] == " ":
            rest = rest.rstrip(" ")
        if ": " in rest or rest[-1] == ":":
            return UNSURE
        return col, item, key, SCALAR, rest, at, len(rest)
    if first in "[{":
        flow = _flow(line, at, MAX_FLOW_DEPTH)
        if flow is None or _END(line, flow[1]) is None:
            return UNSURE
        return col, item, key, FLOW, flow[0], at, _depth(flow[0])
    found = _scalar(line, at)
    return UNSURE if found is None else (col, item, key, SCALAR, found[0], at, found[1])
