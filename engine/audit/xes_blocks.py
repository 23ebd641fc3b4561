"""An XES file cut into blocks of whole traces, each read alone (by a Dask worker) into the
rows and findings `read_xes` makes of them in the whole file.

Planning, on the client, one pass over the bytes (`trace_starts`): a regular expression stops
at each `<!--`, `<![CDATA[`, `<?`, `<!DOCTYPE` and `<trace` or `<prefix:trace` tag; a comment,
CDATA section, processing instruction or document type declaration is skipped to its end, so
a `<trace` inside one is not taken. XML allows no raw `<` in an attribute value or in text, so
a `<trace` there makes the file ill-formed. A block starts at a trace every `block_bytes` or
more; the head (the bytes before the first trace) must parse as the start of the document
with the root as its only open element and no trace in it, else the file is one block. The
scan reads 442 MB of XES in 0.7 s, against some 30 s for lxml to read the events.

Reading (`read_xes_block`): the head, newlines, the block's bytes and the root's end tag make a
document that `parse_xes` reads, the single machine's code. The newlines put the block on its
own lines of the file, so that libxml2 numbers its events as it does in the whole file
(`read_xes.BIG_LINE`: from line 65,535 on, the number of an element is that of a nearby text,
found through its children and siblings; a block from that line on is numbered from 65,536
and shifted). A plan is a guess from bytes, checked by the reading: a block cut where the
whole file's parse is not between two traces of the root leaves an element open or closes one
that is not, and does not parse; `engine.audit.on_dask` then reads the file as one block.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

import pyarrow as pa
from lxml import etree

from engine.audit.events import LogFinding
from engine.audit.read_xes import BIG_LINE, _local, parse_xes, read_xes

__all__ = ["XesSpan", "plan_xes", "read_xes_block", "trace_starts"]

#: A head (the bytes before the first trace) longer than this makes the file one block: each
#: block reads it again.
HEAD_BYTES = 16 << 20
_OPENER = re.compile(rb"<(?:!--|!\[CDATA\[|\?|!DOCTYPE|(?:[^\s<>/!?:=\"']{1,200}:)?trace[\s/>])")
_CLOSER = {b"<!--": b"-->", b"<![": b"]]>", b"<?": b"?>"}
#: A document type declaration: its internal subset holds declarations (with quoted values),
#: comments, processing instructions and parameter references. Possessive: a declaration not
#: yet read to its end does not match, rather than ending at a `]` inside a value.
_DOCTYPE = re.compile(rb"""<!DOCTYPE(?:[^\[>"']|"[^"]*"|'[^']*')*+(?:\[(?:<!--.*?-->|<\?.*?\?>"""
                      rb"""|<![A-Z](?:[^"'>]|"[^"]*"|'[^']*')*+>|[^\]"'<])*+\]\s*)?>""", re.S)
_LOOKBACK = 256  # an opener split by the end of a chunk is shorter than this


class XesSpan(NamedTuple):
    """A block: the file's bytes `start`..`stop`, the first on line `first`, read after the
    file's first `head` bytes and followed by `close` (the root's end tag; empty for the last
    block). `head` 0: the whole file, read as it is."""

    start: int
    stop: int
    first: int
    head: int = 0
    close: str = ""


class _Scan:
    """A window on a file's bytes: `data` starts at the file's offset `base`."""

    def __init__(self, file: BinaryIO, chunk_bytes: int) -> None:
        self.file, self.chunk_bytes = file, chunk_bytes
        self.data, self.base = b"", 0

    def fill(self) -> bool:
        """Append a chunk; False at the end of the file."""
        chunk = self.file.read(self.chunk_bytes)
        self.data += chunk
        return bool(chunk)

    def drop(self, upto: int) -> None:
        self.data, self.base = self.data[upto:], self.base + upto


def trace_starts(file: BinaryIO, chunk_bytes: int = 1 << 20) -> Iterator[int]:
    """The offsets of the `<trace` (or `<prefix:trace`) tags of an XML file, in order, not
    those inside comments, CDATA sections, processing instructions or the DTD."""
    scan, at = _Scan(file, chunk_bytes), 0
    while True:
        found = _OPENER.search(scan.data, at)
        if found is None:  # keep what may be the start of an opener cut by the chunk's end
            last = scan.data.rfind(b"<", max(at, len(scan.data) - _LOOKBACK))
            scan.drop(last if last >= 0 else len(scan.data))
            at = 0
            if not scan.fill():
                return
            continue
        token = found.group()
        if token.endswith((b"trace", b"trace>", b"trace/")) or token[-1:].isspace():
            yield scan.base + found.start()
            at = found.end()
            continue
        scan.drop(found.start() if token == b"<!DOCTYPE" else found.end())
        at = _skip(scan, token)
        if at < 0:
            return  # never ends: no trace after it


def _skip(scan: _Scan, token: bytes) -> int:
    """The end of the comment, CDATA, instruction or DTD opened by `token`; -1 if none."""
    if token == b"<!DOCTYPE":
        while True:
            declared = _DOCTYPE.match(scan.data)
            if declared:
                return declared.end()
            if len(scan.data) > HEAD_BYTES or not scan.fill():
                return -1
    closer = _CLOSER[token[:3] if token.startswith(b"<![") else token]
    while True:
        end = scan.data.find(closer)
        if end >= 0:
            return end + len(closer)
        scan.drop(max(0, len(scan.data) - len(closer) + 1))
        if not scan.fill():
            return -1


def plan_xes(path: str, block_bytes: int, chunk_bytes: int = 1 << 20) -> list[XesSpan]:
    """The blocks of an XES file, in order: runs of whole traces of `block_bytes` or more, or
    the whole file as one block when its head does not allow cutting it."""
    size = os.path.getsize(path)
    whole = [XesSpan(0, size, 1)]
    with open(path, "rb") as file:
        starts = trace_starts(file, chunk_bytes)
        first = next(starts, None)
        if first is None or first > HEAD_BYTES:
            return whole
        cuts = [first]
        for start in starts:
            if start - cuts[-1] >= block_bytes:
                cuts.append(start)
        file.seek(0)
        root = _root(file.read(first))
    if root is None:
        return whole
    stops = [*cuts[1:], size]
    return [XesSpan(start, stop, line, first, f"</{root}>" if stop < size else "")
            for start, stop, line in zip(cuts, stops, _lines_at(path, cuts, chunk_bytes),
                                         strict=True)]


def _root(head: bytes) -> str | None:
    """The root's name as written in its tag, if the head opens it, no other element stays
    open and no trace is in it; else None."""
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False,
                                 no_network=True, remove_comments=True)
    try:
        parser.feed(head)
        events = list(parser.read_events())
    except etree.XMLSyntaxError:
        return None
    open_: list[etree._Element] = []
    for action, element in events:
        if action == "end":
            open_.pop()
        elif _local(element.tag) == "trace":
            return None
        else:
            open_.append(element)
    if len(open_) != 1:
        return None
    name = etree.QName(open_[0]).localname
    return f"{open_[0].prefix}:{name}" if open_[0].prefix else name


def _lines_at(path: str, offsets: list[int], chunk_bytes: int) -> list[int]:
    """The line each offset is on (libxml2 counts `\\n` only)."""
    lines, line, done = [], 1, 0
    with open(path, "rb") as file:
        for offset in offsets:
            while done < offset:
                data = file.read(min(chunk_bytes, offset - done))
                if not data:
                    break
                line, done = line + data.count(b"\n"), done + len(data)
            lines.append(line)
    return lines


def read_xes_block(path: str, block: XesSpan, zone: str, findings: list[LogFinding]
                   ) -> list[pa.RecordBatch]:
    """A block's event rows as `read_xes` makes them of the whole file `path`; findings to
    `findings`.

    Raises:
        LogError: the block does not parse (the file, or the plan, is at fault).
    """
    if block.head == 0:  # the whole file
        return list(read_xes(path, zone, findings))
    with open(path, "rb") as file:
        head = file.read(block.head)
        file.seek(block.start)
        body = file.read(block.stop - block.start)
    start = head.count(b"\n") + 1  # the line the block would start on after the head
    if block.first < BIG_LINE:
        pad, shift = block.first - start, 0
    else:  # every line of the block past BIG_LINE, as in the file; shifted back after
        pad = max(0, BIG_LINE + 1 - start)
        shift = block.first - start - pad
    document = io.BytesIO(b"".join((head, b"\n" * pad, body, block.close.encode("utf-8"))))
    return list(parse_xes(document, path, zone, findings, line_shift=shift))
