"""XES files cut into blocks of whole traces (`engine.audit.xes_blocks`), without a cluster: the
scan finds the tags of traces and no `<trace` inside a comment, CDATA section, processing
instruction or DTD, whatever the size of its chunks; the blocks, each read alone, give the rows,
lines and findings of the whole file, past libxml2's line 65,535 too; a head that cannot be
repeated makes the file one block."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.audit.events import LogError, LogFinding
from engine.audit.read_xes import read_xes
from engine.audit.xes_blocks import XesSpan, plan_xes, read_xes_block, trace_starts
from tests.audit.conftest import DATA
from tests.audit.synthetic_support import write

ZONE = "Asia/Almaty"
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE log [\n  <!ENTITY t "<trace>">\n  <!-- <trace> ] -->\n  <?pi <trace>?>\n]>\n'
        '<log xmlns="http://www.xes-standard.org/">\n  <string key="concept:name" value="x"/>\n')


def _trace(case: str, stamp: str = "2019-03-28T10:00:00+06:00", junk: str = "") -> str:
    return (f'  <trace>\n    <string key="concept:name" value="{case}"/>{junk}\n'
            f'    <event>\n      <string key="concept:name" value="a &lt;trace b"/>\n'
            f'      <date key="time:timestamp" value="{stamp}"/>\n    </event>\n  </trace>\n')


#: Pieces between traces, each with a `<trace` that is not a tag.
JUNK = ["<!-- <trace> -->", "<![CDATA[ <trace> ]]>", "<?note <trace ?>", "\n\n", "<!---->",
        '<string key="k" value="a > b"/>', "<!-- - ->]]> <trace -->"]


def _read(path: Path, spans: list[XesSpan]) -> tuple[pa.Table, list[LogFinding]]:
    findings: list[LogFinding] = []
    batches = [batch for span in spans for batch in read_xes_block(str(path), span, ZONE,
                                                                   findings)]
    return pa.Table.from_batches(batches), findings


def _whole(path: Path) -> tuple[pa.Table, list[LogFinding]]:
    findings: list[LogFinding] = []
    return pa.Table.from_batches(list(read_xes(path, ZONE, findings))), findings


def test_the_scan_finds_only_the_tags_of_traces_at_any_chunk_size() -> None:
    body = _trace("c-1") + "".join(JUNK) + _trace("c-2", junk=JUNK[1]) + \
        '  <x:trace xmlns:x="http://www.xes-standard.org/"/>\n  <traces/>\n' + _trace("c-3")
    data = (HEAD + body + "</log>\n").encode()
    real = b'<trace>\n    <string key="concept:name" value="c-'
    expected = [data.index(real), data.index(real, data.index(b"c-1")), data.index(b"<x:trace"),
                data.rindex(real)]
    for chunk in range(1, 80):
        assert list(trace_starts(io.BytesIO(data), chunk)) == expected, chunk


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(JUNK), st.booleans()), min_size=1, max_size=12),
       st.integers(1, 64), st.integers(1, 900))
def test_the_blocks_read_alone_give_the_traces_of_the_whole_document(
        pieces: list[tuple[str, bool]], chunk: int, block_bytes: int) -> None:
    body = "".join(_trace(f"c-{n}", "yesterday" if bad else "2019-03-28T10:00:00+06:00",
                          junk) + junk for n, (junk, bad) in enumerate(pieces))
    with tempfile.TemporaryDirectory() as where:
        path = Path(where) / "log.xes"
        path.write_text(HEAD + body + "</log>\n", encoding="utf-8")
        spans = plan_xes(str(path), block_bytes, chunk)
        data = path.read_bytes()
        assert all(data.startswith(b"<trace>", span.start) for span in spans)
        assert [s.stop for s in spans[:-1]] == [s.start for s in spans[1:]]
        assert spans[-1].stop == len(data)
        whole, found = _whole(path)
        blocks, found_in_blocks = _read(path, spans)
    assert blocks.equals(whole)
    assert found_in_blocks == found
    assert len(found) == sum(bad for _, bad in pieces)


def test_past_line_65535_the_blocks_give_libxml2s_lines(tmp_path: Path) -> None:
    # libxml2 numbers an element past 65,535 by the text after its tag: the line after <event>
    log = write(tmp_path, "xes", cases=1_500).log
    spans = plan_xes(str(log), 200_000)
    assert len(spans) > 5
    assert spans[-1].first > 65_535
    whole, found = _whole(log)
    blocks, found_in_blocks = _read(log, spans)
    assert blocks.equals(whole)
    assert found_in_blocks == found
    lines = log.read_bytes().split(b"\n")
    last = whole["line"].to_pylist()[-1]
    assert last > 65_535
    assert lines[last - 2].strip() == b"<event>"


@pytest.mark.parametrize("text", [
    '<trace><string key="concept:name" value="c"/></trace>',  # the root is a trace
    f'<log><{"p" * 300}:trace xmlns:{"p" * 300}="u"/><trace/></log>',  # a trace not scanned
    "<log><event><trace/></event></log>",  # no trace a child of the root
    "<log></log>",
])
def test_a_head_that_cannot_be_repeated_makes_one_block(tmp_path: Path, text: str) -> None:
    path = tmp_path / "log.xes"
    path.write_text(text, encoding="utf-8")
    assert plan_xes(str(path), 1) == [XesSpan(0, len(text), 1)]


def test_an_ill_formed_block_does_not_parse(tmp_path: Path) -> None:
    # a raw `<` in a value is not XML: a block cut there fails, as the whole file does
    path = tmp_path / "log.xes"
    path.write_text(HEAD + _trace("c-1") + '  <string key="k" value="<trace>"/>\n' +
                    _trace("c-2") + "</log>\n", encoding="utf-8")
    with pytest.raises(LogError):
        _whole(path)
    with pytest.raises(LogError):
        _read(path, plan_xes(str(path), 1))


def test_the_hand_written_log_in_blocks_of_any_size() -> None:
    whole = _whole(DATA / "log.xes")
    for block_bytes in (1, 700, 5_000, 1 << 20):
        assert _read(DATA / "log.xes", plan_xes(str(DATA / "log.xes"), block_bytes)) == whole
