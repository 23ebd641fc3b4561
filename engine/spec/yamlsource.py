"""The one YAML reader of the project: safe, strict, and position-keeping.

It reads the file through the engine's one file reader (`engine.support.bounded_read`:
regular files only, at most `MAX_BYTES`), decodes the bytes itself (so a BOM or a
non-UTF-8 byte gets a clear message), refuses the characters of `engine.spec.characters`
as written anywhere in the file, composes the YAML node tree with PyYAML's safe machinery
(the C parser when available), and builds plain Python values while recording the line
and column of every key and item (`engine.spec.yamlbuild`). Duplicate keys, anchors and aliases, tags written out,
numbers too long, tabs in indentation, non-string keys, control and bidirectional
characters, and oversized files or anything but a file are errors, never silently accepted.

Most specs are written in a small part of YAML (block mappings and lists, one-line scalars and
flows, comments), which `engine.spec.yamlfast` reads line by line in a third of the time of
PyYAML's C parser alone, to the very same `Parsed`. `parse_text` tries it first and composes
with PyYAML whatever it does not answer for: any other construct, and every file with an
error, so that each message comes from one place. `fast=False` skips it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

import yaml

from engine.spec import characters, yamlfast
from engine.spec.errors import Location, SpecError, breadcrumb
from engine.spec.parsed import Parsed
from engine.spec.yamlbuild import MAX_DEPTH, MAX_NODES, Builder
from engine.support.bounded_read import MAX_FILE_BYTES, FileRefused, read_regular_file

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Parsed", "parse_bytes", "parse_text",
           "read_yaml"]

#: Files larger than this are refused, and no more than one byte over it is ever read.
MAX_BYTES = MAX_FILE_BYTES

_BOM = b"\xef\xbb\xbf"
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)

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


def read_yaml(path: str | Path) -> Parsed:
    """Read one YAML file; problems are collected in `Parsed.errors`, never raised.

    Anything but a regular file (a directory, a named pipe, a device), a file over
    `MAX_BYTES` and a file that cannot be read are an error at `path:1:1`.
    """
    name = str(path)
    try:
        raw = read_regular_file(path, MAX_BYTES)
    except FileRefused as exc:
        return _fail(name, 1, 1, str(exc), exc.code)
    return parse_bytes(raw, name)


def parse_bytes(raw: bytes, name: str, *, fast: bool = True) -> Parsed:
    """Decode and parse the bytes of a YAML file named `name` (`fast`: as `parse_text`)."""
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
    return parse_text(text, name, fast=fast)


def parse_text(text: str, name: str, *, fast: bool = True) -> Parsed:
    """Parse YAML text (already decoded) into plain data with positions.

    With `fast` (the default), `engine.spec.yamlfast` reads the text when it holds only the
    YAML it knows, to the same result; `fast=False` always composes it with PyYAML.
    """
    if fast:
        scanned = yamlfast.scan(text, name)
        if scanned is not None:
            return scanned
    out = Parsed(name, text=text)
    for match in _TAB_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        out.errors.append(SpecError(Location(name, line, match.end() - match.start()), "",
                                    "tab character in indentation "
                                    "(hint: YAML indents with spaces only)", "tab"))
    if out.errors:
        return out
    index, count = characters.first_in_file(text)
    if index >= 0:
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        char = text[index]
        more = f", and {count - 1} more in the file" if count > 1 else ""
        return _fail(name, line, col, f"{characters.describe(char)}{more} "
                     f"(hint: {characters.hint(char)})", "character")
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
        surrogate = _surrogate_escape(text, name, mark.index) \
            if mark and "invalid Unicode character escape" in problem else None
        if surrogate is not None:
            return surrogate
        if exc.context and "single document" in exc.context:
            problem = f"{exc.context.strip()}, {problem}"
        return _fail(name, line, col, f"YAML syntax error: {problem}{_syntax_hint(problem)}",
                     "syntax")
    except yaml.YAMLError as exc:
        return _fail(name, 1, 1, f"YAML error: {exc}", "syntax")
    if node is None or (isinstance(node, yaml.ScalarNode)
                        and node.tag == "tag:yaml.org,2002:null"):  # nothing, or "---" / "~"
        return _fail(name, 1, 1, "the file is empty (hint: a spec starts with `kind:`)", "empty")
    out.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
    builder = Builder(out, loader, _explicit_tags(text))
    out.data = builder.build(node, (), 0)
    for path, location, message, code in builder.pending:
        crumb = breadcrumb(path, out.data) if path is not None else ""
        out.errors.append(SpecError(location, crumb, message, code))
    if builder.aliased:
        out.errors.extend(_alias_errors(text, name))
    return out


#: Where a tag may start: "!" at the start of a line, after a blank, a flow indicator, "?", ":"
#: or "-" (a text such as "Attention!" does not match, and then the events are not read).
_TAG_START = re.compile(r"(?:^|[\s,\[{?:-])!", re.MULTILINE)


def _explicit_tags(text: str) -> dict[tuple[int, str], str]:
    """The tags written out in `text`, by where their node starts and its kind (an offset in
    `text`, and "scalar", "sequence" or "mapping": a mapping and its first key start at
    the same offset).

    A composed node keeps the tag it resolved to, not whether it was written out, and
    `!!str 403003` or `!!str` on a mapping compose like plain text and a plain mapping: only
    the events say that a tag was written. They are read again only when the text holds
    something that may start one.
    """
    found: dict[tuple[int, str], str] = {}
    if _TAG_START.search(text) is None:
        return found
    try:
        for event in yaml.parse(text, Loader=_Loader):
            kind = _EVENT_KINDS.get(type(event))
            tag = getattr(event, "tag", None)
            if kind is not None and tag is not None and event.start_mark is not None:
                found[(event.start_mark.index, kind)] = tag
    except yaml.YAMLError:  # pragma: no cover - the text was composed without error already
        pass
    return found


_EVENT_KINDS: dict[type, str] = {yaml.ScalarEvent: "scalar", yaml.SequenceStartEvent: "sequence",
                                 yaml.MappingStartEvent: "mapping"}


_SURROGATE_ESCAPE = re.compile(r"\\(?:u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2})")


def _surrogate_escape(text: str, name: str, index: int) -> Parsed | None:
    """The error of a lone surrogate written as an escape, which the C parser reports as
    "found invalid Unicode character escape code" just after it (the pure-Python parser lets
    it through, and `engine.spec.yamlbuild` refuses it in the value)."""
    start = text.rfind("\\", 0, index + 1)
    match = _SURROGATE_ESCAPE.match(text, start) if start >= 0 else None
    if match is None:
        return None
    char = chr(int(match.group()[2:], 16))
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return _fail(name, line, col, f"{characters.describe(char)}, written as the escape "
                 f"{match.group()} (hint: {characters.hint(char)})", "character")


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
