"""YAML nodes built into plain values, strictly, with the position of every piece.

`engine.spec.yamlsource` composes the node tree of a file and hands it to a `Builder`, which
builds dicts, lists and scalars read as YAML 1.2 reads them, records where each key and
value stands in the `Parsed` result, and refuses what a spec may not hold: duplicate keys,
aliases and merge keys, any tag written out (`!!str` too), keys that are not text, numbers
of more than `MAX_DIGITS` digits, nesting and node counts beyond the bounds, and the
characters of `engine.spec.characters` in a decoded key or value (written as escapes: those
written as they are were refused with the file).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from typing import Any

import yaml

from engine.spec import characters
from engine.spec.errors import Location
from engine.spec.parsed import Parsed, YamlPath

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "MAX_NODES", "Builder"]

#: Nesting and node-count bounds keep a hostile file from exhausting memory.
MAX_DEPTH = 64
MAX_NODES = 200_000
#: The most digits of a whole number a spec may write unquoted. A spec's numbers are counts,
#: amounts in tenge and years; a longer one is a mistake (an ИИН written without quotes has
#: 12 digits, and the schema asks to quote it), and a number of thousands of digits cannot even
#: be turned back into text by Python (its limit on int-string conversion).
MAX_DIGITS = 15

_Path = YamlPath
_STR_TAG = "tag:yaml.org,2002:str"
#: Tags a plain scalar or collection resolves to. A tag written out is refused whatever it is
#: (`!!str` too: the events tell `engine.spec.yamlsource` where one is written).
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                        ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _may_refuse_key(node: yaml.ScalarNode) -> bool:
    """Whether a key may hold a refused character: a double-quoted one may (an escape), any
    other only a tab or a line feed as written (allowed in a file, refused in a key)."""
    value: str = node.value
    return node.style == '"' or "\t" in value or "\n" in value


def _shown(text: str) -> str:
    """A scalar as a message quotes it: whole when short, its start and length when long."""
    return f'"{text}"' if len(text) <= 60 else f'"{text[:57]}..." ({len(text)} characters)'


def _advance(segment: str, line: int, col: int) -> tuple[int, int]:
    """The line and column just after `segment`, which starts at `line`:`col`."""
    breaks = list(_BREAK.finditer(segment))
    if not breaks:
        return line, col + len(segment)
    return line + len(breaks), len(segment) - breaks[-1].end() + 1


class Builder:
    """Builds plain values from composed nodes, enforcing the strict rules."""

    def __init__(self, out: Parsed, loader: Any,
                 explicit: dict[tuple[int, str], str] | None = None) -> None:
        self.out = out
        self.loader = loader
        #: The tags written out (`!!bool`, `!foo`, `!`), by the offset in the text where their
        #: node starts and its kind (`yamlsource._explicit_tags`).
        self.explicit = explicit or {}
        self.seen: set[int] = set()
        self.count = 0
        self.aliased = False
        #: Errors found while building, with the path their breadcrumb is rendered from
        #: once the data is complete (a list item is named by an id that may come later).
        self.pending: list[tuple[_Path | None, Location, str, str]] = []

    def _error(self, node: yaml.Node, message: str, code: str, path: _Path | None = None) -> None:
        mark = node.start_mark
        self.pending.append((path, Location(self.out.path, mark.line + 1, mark.column + 1),
                             message, code))

    def build(self, node: yaml.Node, path: _Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self._error(node, f"more than {MAX_NODES} YAML nodes "
                            "(hint: the file is not a plausible spec)", "too-large")
            return None
        if depth > MAX_DEPTH:
            self._error(node, f"nesting deeper than {MAX_DEPTH} levels "
                        "(hint: the file is not a plausible spec)", "too-deep")
            return None
        if id(node) in self.seen:
            self.aliased = True  # reported, with the aliases' own positions, by _alias_errors
            return None
        self.seen.add(id(node))
        written = self._written_tag(node)
        if written is not None or node.tag not in _PLAIN_TAGS:
            self._error(node, _tag_message(written or node.tag), "tag", path)
            return None
        self.out.value_positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            result = []
            for index, item in enumerate(node.value):
                child = (*path, index)  # one tuple for every table the item is kept in
                self.out.positions[child] = (item.start_mark.line + 1, item.start_mark.column + 1)
                result.append(self.build(item, child, depth + 1))
            return result
        self.out.spans[path] = (node.start_mark.index, node.end_mark.index)
        # Refused characters as written were refused with the file (`characters.first_in_file`);
        # only an escape, so only a double-quoted scalar, can bring one into a value.
        if isinstance(node, yaml.ScalarNode) and node.style == '"' \
                and characters.in_value(node.value):
            return self._refuse_characters(node, path, key=False)
        value = self._scalar(node, path)
        if _too_large(node, value):
            self._error(node, _unusable_number(node.value), "scalar", path)
            return None
        return value

    def _mapping(self, node: yaml.MappingNode, path: _Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._error(key_node, "merge keys (<<) are not allowed "
                            "(hint: write the keys out)", "alias", path)
                continue
            if id(key_node) in self.seen:
                self.aliased = True
                continue
            self.seen.add(id(key_node))
            written = self._written_tag(key_node)
            if written is not None:
                self._error(key_node, _tag_message(written), "tag", path)
                continue
            if isinstance(key_node, yaml.ScalarNode) and _may_refuse_key(key_node) \
                    and characters.in_key(key_node.value):
                key: Any = self._refuse_characters(key_node, path, key=True)
            else:
                key = (self._scalar(key_node, path) if isinstance(key_node, yaml.ScalarNode)
                       and key_node.tag in _PLAIN_TAGS else None)
            if not isinstance(key, str):
                if isinstance(key_node, yaml.ScalarNode):
                    value = key_node.value
                    shown = value if len(value) <= 60 else f"{value[:57]}..."
                    hint = f"quote it: {_shown(value)}"
                else:
                    shown = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                    hint = "a key is a single word"
                self._error(key_node, f"keys must be text, got {shown} (hint: {hint})",
                            "key-type", path)
                continue
            if key in result:
                first = self.out.positions.get((*path, key), (0, 0))
                self._error(key_node, f'duplicate key "{key}" (first defined at line {first[0]}) '
                            "(hint: remove one of them; YAML would silently keep the last)",
                            "duplicate-key", (*path, key))
                continue
            key = sys.intern(key)  # the same few keys thousands of times: keep one of each
            child = (*path, key)
            self.out.positions[child] = (key_node.start_mark.line + 1,
                                         key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _written_tag(self, node: yaml.Node) -> str | None:
        """The tag written before `node`, if any (`"!"` composes into the tag it resolves to)."""
        # `id` is "scalar", "sequence" or "mapping", a class attribute of PyYAML's nodes
        written = self.explicit.get((node.start_mark.index, str(getattr(node, "id", ""))))
        return written if written is not None and written in (node.tag, "!") else None

    def _refuse_characters(self, node: yaml.ScalarNode, path: _Path, *, key: bool) -> str:
        """Report the first refused character of a scalar where it is written (at its escape,
        in a double-quoted scalar), and return the scalar as text made safe: every refused
        character becomes U+FFFD, so that no later message (a breadcrumb naming an item by
        its id, say) can carry one."""
        value: str = node.value
        found = characters.in_key(value) if key else characters.in_value(value)
        assert found is not None
        char = found.group()
        clean, count = characters.replaced(value, key=key)
        start, end = node.start_mark.index, node.end_mark.index
        written = characters.find_in_scalar(self.out.text[start:end], node.style == '"', char)
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        escape = ""
        if written is not None:
            offset, escape = written
            line, col = _advance(self.out.text[start:start + offset], line, col)
        what = "key" if key else "value"
        message = (f"{characters.describe(char)}"
                   + (f", written as the escape {escape}," if escape else "")
                   + f" at character {found.start() + 1} of the {what}"
                   + (f", and {count - 1} more after it" if count > 1 else "")
                   + f" (hint: {characters.hint(char, key=key)})")
        self.pending.append((path, Location(self.out.path, line, col), message, "character"))
        return clean

    def _scalar(self, node: yaml.Node, path: _Path) -> Any:
        if node.tag == _STR_TAG and type(node) is yaml.ScalarNode:
            # Nearly every scalar of a spec is text: PyYAML would construct it as its value
            # (and `_yaml12` would keep it), so take the value without the constructor's
            # bookkeeping.
            return node.value
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self._error(node, f"cannot read value {_shown(node.value)}: {problem}", "scalar", path)
            return None
        except Exception:  # a text the constructor of its tag cannot read (`!!bool calendar`)
            self._error(node, self._unreadable(node), "scalar", path)
            return None
        return _yaml12(node, value)

    def _unreadable(self, node: yaml.Node) -> str:
        """Why a plain scalar cannot be read as what it looks like: an impossible date, or a
        number of thousands of digits (tags written out were refused before)."""
        if node.tag == "tag:yaml.org,2002:timestamp":
            return (f"{_shown(node.value)} is not a valid date "
                    "(hint: dates are YYYY-MM-DD and must exist)")
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            return _unusable_number(node.value)
        return f"cannot read value {_shown(node.value)} (hint: quote it)"  # pragma: no cover


#: What to write instead of a tag a spec may not carry, by tag.
_TAG_HINTS = {
    "!!str": "a value is text as it is written; quote it if YAML would read it otherwise",
    "!!int": "write the number in digits", "!!float": "write the number in digits",
    "!!bool": "write true or false", "!!timestamp": "write a date as YYYY-MM-DD",
    "!!null": "leave the value out, or remove the key",
    "!!map": "a mapping needs no tag", "!!seq": "a list needs no tag",
}


def _tag_message(tag: str) -> str:
    """The error of a tag written out: every tag is refused, with what to write instead."""
    short = _short_tag(tag)
    hint = _TAG_HINTS.get(short, "a spec holds only text, numbers, true/false, lists and "
                          "mappings")
    return f'YAML tag "{short}" is not allowed (hint: remove it; {hint})'


def _too_large(node: yaml.Node, value: Any) -> bool:
    """Whether a number has more than `MAX_DIGITS` digits, or is written in digits so large
    that it reads as infinite (`.inf` and `.nan` written as such are left to the checks of the
    key, which say what the key expects)."""
    if isinstance(value, float):
        return not math.isfinite(value) and \
            str(node.value).lstrip("+-").lower() not in (".inf", ".nan")
    return isinstance(value, int) and not isinstance(value, bool) and \
        abs(value) >= 10 ** MAX_DIGITS


def _unusable_number(text: str) -> str:
    """The error of a number a spec cannot hold: too long to read, or too large."""
    hint = f"hint: a spec's numbers have at most {MAX_DIGITS} digits; quote it if it is text"
    if len(text) > 40:
        return f"a number of {len(text)} characters is too long to read ({hint})"
    return f"the number {text} is too large ({hint})"


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") \
        else tag


def _yaml12(node: yaml.Node, value: Any) -> Any:
    """Read scalars as YAML 1.2 (and so VS Code) does, not as YAML 1.1.

    YAML 1.1 turns `18:30` into the number 1110, `no` into false and `0123` into
    83; analysts mean text. Dates become ISO text, the form the schema checks.
    """
    if getattr(node, "style", None):
        return value  # quoted or block scalars are already text
    raw = str(node.value)
    if isinstance(value, bool) and raw.lower() not in ("true", "false"):
        return raw
    if isinstance(value, int | float) and not isinstance(value, bool) and (
        ":" in raw or "_" in raw or (raw.lstrip("+-").startswith("0") and raw.lstrip("+-") != "0"
                                     and not raw.lstrip("+-").startswith("0."))
    ):
        return raw
    if isinstance(value, dt.datetime):
        return raw  # a date with a time is not a date: show it as written
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
