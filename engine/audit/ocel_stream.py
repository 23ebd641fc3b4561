"""The items under a top-level key of a JSON document, from ijson's parse events, and ijson's
errors as located `LogError`s: what the streaming OCEL 2.0 reader (`read_ocel`) stands on.

`top_level_items` counts the depth itself rather than trust ijson's prefixes, which join keys
with dots: a top-level key "events.item" and the items of the list "events" share the prefix
`events.item`, and so does a list "events" in an object under the key "". `guarded` says
where JSON that does not parse stops: ijson's message does not, so the file is parsed again
up to the chunk that fails and that chunk byte by byte (only when it fails).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar

import ijson

from engine.audit.events import LogError

__all__ = ["HINT", "MAX_DEPTH", "Shape", "guarded", "top_level_items"]

#: Deeper values are refused: an OCEL 2.0 document is six levels deep, and writing out a
#: value nested a thousand levels (as `str` does) would exhaust Python's recursion limit.
MAX_DEPTH = 256
HINT = "(hint: the OCEL 2.0 JSON format, ocel-standard.org)"
_OPEN = frozenset({"start_map", "start_array"})
_CLOSE = frozenset({"end_map", "end_array"})
_CHUNK = 1 << 16
#: UTF-8's continuation bytes: a column counts characters, as `json`'s errors did.
_CONTINUATION = bytes(range(0x80, 0xC0))
_ERRORS = (ijson.JSONError, UnicodeDecodeError)
T = TypeVar("T")


@dataclass
class Shape:
    """What a walk saw of the document's top level."""

    #: The parse event the document begins with (`start_map` for an object).
    top: str = ""
    #: The top-level object's keys in order, each with the parse event its value begins with.
    keys: list[tuple[str, str]] = field(default_factory=list)


def top_level_items(name: str, tokens: Iterable[tuple[str, Any]], wanted: str,
                    shape: Shape) -> Iterator[tuple[int, Any]]:
    """The items of each list under the top-level key `wanted`, built one at a time from
    `tokens` (ijson's `basic_parse`), each with which `wanted` key it came under (the first
    is 1); what the walk saw of the top level goes to `shape`.

    Raises:
        LogError: for a value nested deeper than `MAX_DEPTH`.
    """
    depth, occurrence, key, listed = 0, 0, "", False
    builder: Any = None
    for event, value in tokens:
        if builder is None and depth < 3:
            if depth == 0:
                shape.top = shape.top or event
            elif depth == 1 and shape.top == "start_map":
                if event == "map_key":
                    key = value
                elif event not in _CLOSE:
                    shape.keys.append((key, event))
                    occurrence += key == wanted
                    listed = key == wanted and event == "start_array"
            elif depth == 2 and listed and event not in _CLOSE:
                builder = ijson.ObjectBuilder()
        if event in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                raise LogError(f"{name}: cannot read the log as OCEL 2.0 JSON: values nested "
                               f"deeper than {MAX_DEPTH} levels {HINT}")
        elif event in _CLOSE:
            depth -= 1
        if builder is not None:
            builder.event(event, value)
            if depth == 2:
                yield occurrence, builder.value
                builder = None


def guarded(name: str, items: Iterator[T]) -> Iterator[T]:
    """`items`, with ijson's errors and the file's made `LogError`s that say where."""
    try:
        yield from items
    except _ERRORS as error:
        raise LogError(f"{name}:{_where(name)}: cannot read the log as OCEL 2.0 JSON: "
                       f"{_said(error)} {HINT}") from None
    except OSError as error:
        raise LogError(f"{name}: cannot read the log: {error.strerror or error}") from None


def _said(error: Exception) -> str:
    """ijson's message, its first line (the rest draws the place with an arrow)."""
    text = error.args[0] if isinstance(error, ijson.JSONError) and error.args else str(error)
    if isinstance(text, bytes):  # yajl's message about bytes that are not UTF-8 is bytes
        text = text.decode("utf-8", errors="replace")
    lines = str(text).strip().splitlines()
    return lines[0][:200] if lines else type(error).__name__


def _where(name: str) -> str:
    """`line:column` (both from 1) of the first byte ijson cannot take; the end of the file
    for a document that stops short."""
    try:
        with open(name, "rb") as file:
            offset = _stop(file)
            file.seek(0)
            return _line_column(file, offset)
    except OSError:
        return "1"


def _parser() -> tuple[Any, list[Any]]:
    sink = ijson.sendable_list()
    return ijson.basic_parse_coro(sink), sink


def _stop(file: IO[bytes]) -> int:
    parser, sink = _parser()
    done = 0
    while chunk := file.read(_CHUNK):
        try:
            parser.send(chunk)
        except _ERRORS:
            return done + _stop_in(file, done, chunk)
        sink.clear()
        done += len(chunk)
    with contextlib.suppress(*_ERRORS):  # it stopped short: the end is where
        parser.close()
    return done


def _stop_in(file: IO[bytes], before: int, chunk: bytes) -> int:
    """Where in `chunk`, read after `before` bytes, the parse fails: the bytes before it
    parsed again, then it byte by byte."""
    parser, sink = _parser()
    file.seek(0)
    while before > 0:
        part = file.read(min(_CHUNK, before))
        before -= len(part)
        parser.send(part)
        sink.clear()
    for at in range(len(chunk)):
        try:
            parser.send(chunk[at:at + 1])
        except _ERRORS:
            return at
        sink.clear()
    return len(chunk)


def _line_column(file: IO[bytes], offset: int) -> str:
    line, column = 1, 0
    while offset > 0 and (chunk := file.read(min(_CHUNK, offset))):
        offset -= len(chunk)
        if b"\n" in chunk:
            line += chunk.count(b"\n")
            chunk, column = chunk[chunk.rfind(b"\n") + 1:], 0
        column += len(chunk.translate(None, _CONTINUATION))
    return f"{line}:{column + 1}"
