"""The one YAML reader of the project: safe, strict, and position-keeping.

It decodes the bytes itself (so a BOM or a non-UTF-8 byte gets a clear message),
composes the YAML node tree with PyYAML's safe machinery (the C parser when
available), and builds plain Python values while recording the line and column
of every key and item. Duplicate keys, anchors and aliases, tabs in indentation,
non-string keys and oversized files are errors, never silently accepted.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from engine.spec.errors import Location, SpecError, breadcrumb

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Parsed", "parse_text", "read_yaml"]

#: Files larger than this are refused before parsing.
MAX_BYTES = 1_048_576
#: Nesting and node-count bounds keep a hostile file from exhausting memory.
MAX_DEPTH = 64
MAX_NODES = 200_000

_BOM = b"\xef\xbb\xbf"
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_Path = tuple[str | int, ...]
_STR_TAG = "tag:yaml.org,2002:str"
#: Tags a plain spec may carry (implicitly, or written out); `!!binary`, `!!set`,
#: `!!python/...` and local tags such as `!foo` are refused.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                        ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))

try:  # the C loader is ~10x faster; fall back to pure Python where it is missing
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader, with the tags of short scalars remembered.

    The parser asks the resolver for the tag of every node, in Python even under the C
    loader: a third of the time of composing a spec. The safe loader has no path
    resolvers, so a tag depends only on the node's kind, its text and how it was
    written; keys and short values repeat thousands of times across a corpus.
    """

    _tags: ClassVar[dict[tuple[Any, str, tuple[bool, bool]], str]] = {}

    def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode or len(value) > 40:
            return str(super().resolve(kind, value, implicit))
        key = (kind, value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            if len(self._tags) > 50_000:
                self._tags.clear()
            tag = self._tags[key] = super().resolve(kind, value, implicit)
        return tag


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


def read_yaml(path: str | Path) -> Parsed:
    """Read one YAML file; problems are collected in `Parsed.errors`, never raised."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            return _fail(name, 1, 1, f"file is {size} bytes, over the limit of {MAX_BYTES} "
                         "(hint: split the spec; a real regulation is far smaller)", "too-large")
        raw = Path(path).read_bytes()
    except OSError as exc:
        return _fail(name, 0, 0, f"cannot read the file: {exc.strerror or exc}", "io")
    return parse_bytes(raw, name)


def parse_bytes(raw: bytes, name: str) -> Parsed:
    """Decode and parse the bytes of a YAML file named `name`."""
    if len(raw) > MAX_BYTES:
        return _fail(name, 1, 1, f"file is {len(raw)} bytes, over the limit of {MAX_BYTES} "
                     "(hint: split the spec; a real regulation is far smaller)", "too-large")
    if raw.startswith(_BOM):
        return _fail(name, 1, 1, "file starts with a byte-order mark (BOM) "
                     "(hint: save it as UTF-8 without BOM)", "bom")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        # count characters, not bytes, before the bad byte (editors show columns in characters)
        col = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        return _fail(name, line, col, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 "
                     "(hint: save the file as UTF-8; Windows-1251 and UTF-16 are not accepted)",
                     "encoding")
    return parse_text(text, name)


def parse_text(text: str, name: str) -> Parsed:
    """Parse YAML text (already decoded) into plain data with positions."""
    out = Parsed(name, text=text)
    for match in _TAB_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        out.errors.append(SpecError(Location(name, line, match.end() - match.start()), "",
                                    "tab character in indentation "
                                    "(hint: YAML indents with spaces only)", "tab"))
    if out.errors:
        return out
    control = _CONTROL.search(text)
    if control:
        index = control.start()
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        return _fail(name, line, col, f"control character U+{ord(text[index]):04X} "
                     "(hint: remove it; it is often left by copying from a PDF)", "control")
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if exc.context and "single document" in exc.context:
            problem = f"{exc.context.strip()}, {problem}"
        return _fail(name, line, col, f"YAML syntax error: {problem}{_syntax_hint(problem)}",
                     "syntax")
    except yaml.YAMLError as exc:
        return _fail(name, 1, 1, f"YAML error: {exc}", "syntax")
    if node is None or node.tag == "tag:yaml.org,2002:null":  # nothing, or only "---" / "~"
        return _fail(name, 1, 1, "the file is empty (hint: a spec starts with `kind:`)", "empty")
    out.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
    builder = _Builder(out, loader)
    out.data = builder.build(node, (), 0)
    for path, location, message, code in builder.pending:
        crumb = breadcrumb(path, out.data) if path is not None else ""
        out.errors.append(SpecError(location, crumb, message, code))
    if builder.aliased:
        out.errors.extend(_alias_errors(text, name))
    return out


def _alias_errors(text: str, name: str) -> list[SpecError]:
    """One error per anchor that is used, at its first alias, saying how often it is used.

    The composed tree shares one node among an anchor and its aliases, so positions of the
    aliases themselves come from the event stream.
    """
    anchors: dict[str, int] = {}
    uses: dict[str, list[Location]] = {}
    try:
        for event in yaml.parse(text, Loader=_Loader):
            mark = event.start_mark
            if mark is None:  # pragma: no cover - the parser marks every event
                continue
            if isinstance(event, yaml.AliasEvent) and event.anchor is not None:
                uses.setdefault(event.anchor, []).append(
                    Location(name, mark.line + 1, mark.column + 1))
            elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                anchors.setdefault(event.anchor, mark.line + 1)
    except yaml.YAMLError:  # pragma: no cover - the text was composed without error already
        pass
    errors = []
    for anchor, locations in uses.items():
        more = f", and is used {len(locations)} times" if len(locations) > 1 else ""
        errors.append(SpecError(
            locations[0], "", f'YAML alias "*{anchor}" is not allowed (it repeats the value '
            f'anchored as "&{anchor}" at line {anchors.get(anchor, 0)}{more}) '
            "(hint: write the value out; specs are read by people)", "alias"))
    return errors


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return " (hint: a value containing ': ' must be quoted)"
    if "could not find expected ':'" in problem:
        return " (hint: check the indentation and that every key ends with ':')"
    if "found character '\\t'" in problem or "tab" in problem:
        return " (hint: YAML indents with spaces only)"
    if "did not find expected key" in problem:
        return (" (hint: check this line's indentation against the keys above it; a value that "
                "starts with a quote must end with the same quote)")
    if "expected alphabetic or numeric character" in problem:
        return (" (hint: a value starting with * or & is read as a YAML alias or anchor; "
                "put it in quotes)")
    if "found unexpected end of stream" in problem or "found unexpected ':'" in problem:
        return " (hint: a quote or bracket is not closed)"
    if "another document" in problem:
        return " (hint: one spec per file; remove the second `---` and what follows, or split the file)"
    return ""


def _fail(name: str, line: int, col: int, message: str, code: str) -> Parsed:
    out = Parsed(name)
    out.errors.append(SpecError(Location(name, line, col), "", message, code))
    return out


class _Builder:
    """Builds plain values from composed nodes, enforcing the strict rules."""

    def __init__(self, out: Parsed, loader: Any) -> None:
        self.out = out
        self.loader = loader
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
        if node.tag not in _PLAIN_TAGS:
            self._error(node, f'YAML tag "{_short_tag(node.tag)}" is not allowed (hint: remove '
                        "it; a spec holds only text, numbers, true/false, lists and mappings)",
                        "tag", path)
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
        return self._scalar(node, path)

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
            key = (self._scalar(key_node, path) if isinstance(key_node, yaml.ScalarNode)
                   and key_node.tag in _PLAIN_TAGS else None)
            if not isinstance(key, str):
                if isinstance(key_node, yaml.ScalarNode):
                    shown, hint = key_node.value, f'quote it: "{key_node.value}"'
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
            self._error(node, f'cannot read value "{node.value}": {problem}', "scalar", path)
            return None
        except ValueError:  # e.g. an impossible date such as 2024-02-30
            self._error(node, f'"{node.value}" is not a valid date '
                        "(hint: dates are YYYY-MM-DD and must exist)", "scalar", path)
            return None
        return _yaml12(node, value)


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
