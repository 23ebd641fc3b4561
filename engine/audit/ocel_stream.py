"""The items under a top-level key of a JSON document, from ijson's parse events, and ijson's
errors as located `LogError`s: what the streaming OCEL 2.0 reader (`read_ocel`) stands on.

`top_level_items` counts the depth itself rather than trust ijson's prefixes, which join keys
with dots: a top-level key "events.item" and the items of the list "events" share the prefix
`events.item`, and so does a list "events" in an object under the key "". `guarded` says
where JSON that does not parse stops: ijson's message does not, so the file is parsed again
up to the chunk that fails, and again for each halving of that chunk (only when it fails:
about 17 parses of what comes before the error).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar

import ijson

from engine.audit.events import LogError

__all__ = ["HINT", "MAX_DEPTH", "Chunks", "Shape", "guarded", "top_level_items"]

#: Deeper values are refused: an OCEL 2.0 document is six levels deep, and writing out a
#: value nested a thousand levels (as `str` does) would exhaust Python's recursion limit.
MAX_DEPTH = 256
HINT = "(hint: the OCEL 2.0 JSON format, ocel-standard.org)"
_OPEN = frozenset({"start_map", "start_array"})
_CLOSE = frozenset({"end_map", "end_array"})
_CHUNK = 1 << 16
_MOST = 1 << 26
_SENTINEL = b' "'
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
            offset = min(_stop(file), os.fstat(file.fileno()).st_size)
            file.seek(0)
            return _line_column(file, offset)
    except OSError:
        return "1"


class Chunks:
    """A file read by chunks of 64 KiB, each twice the last while they hold no quote (up to
    64 MiB): yajl lexes a token that spans chunks again from its start at each chunk, so a
    string of n chunks cost n² (a 6 MB one, two seconds); growing chunks make it linear."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file, self.size, self.ended = file, _CHUNK, False

    def read(self, size: int = -1) -> bytes:
        if size == 0 or self.ended:  # ijson asks for nothing first, to tell bytes from text
            return b""
        chunk = self.file.read(self.size)
        self.size = _CHUNK if b'"' in chunk else min(self.size * 2, _MOST)
        if not chunk:
            # yajl lets a token cut short by the end pass after a whole document (`{} "ab`,
            # `{} tru`), which json.load refused; after ' "' each such tail is an error,
            # while after a whole document it is one more string cut short
            self.ended, chunk = True, _SENTINEL
        return chunk


def _stop(file: IO[bytes]) -> int:
    """The offset of the byte the parse fails at: the chunk found by parsing as the reader
    did, the byte in it by halving the part of it given after the chunks before it."""
    events = ijson.sendable_list()
    parser = ijson.basic_parse_coro(events)
    chunks, sizes = Chunks(file), list[int]()
    while chunk := chunks.read():
        try:
            parser.send(chunk)
        except _ERRORS:
            good, bad = 0, len(chunk)  # chunk[:good] parses, chunk[:bad] does not
            while bad - good > 1:
                half = (good + bad) // 2
                good, bad = (half, bad) if _parses(file, sizes, chunk[:half]) else (good, half)
            return sum(sizes) + bad - 1
        events.clear()
        sizes.append(len(chunk))
    with contextlib.suppress(*_ERRORS):  # it stopped short: the end is where
        parser.close()
    return sum(sizes)


def _parses(file: IO[bytes], sizes: list[int], tail: bytes) -> bool:
    """Whether the chunks of `sizes` and then `tail` parse (as far as they go)."""
    events = ijson.sendable_list()
    parser = ijson.basic_parse_coro(events)
    file.seek(0)
    try:
        for size in sizes:
            parser.send(file.read(size))
            events.clear()
        parser.send(tail)
    except _ERRORS:
        return False
    return True


def _line_column(file: IO[bytes], offset: int) -> str:
    line, column = 1, 0
    while offset > 0 and (chunk := file.read(min(_CHUNK, offset))):
        offset -= len(chunk)
        if b"\n" in chunk:
            line += chunk.count(b"\n")
            chunk, column = chunk[chunk.rfind(b"\n") + 1:], 0
        column += len(chunk.translate(None, _CONTINUATION))
    return f"{line}:{column + 1}"
