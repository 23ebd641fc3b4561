"""The streaming OCEL 2.0 reader gives the batches and findings of the reader that read the
document whole (`tests.audit.ocel_whole`), on the synthetic logs (their objects after their
events) and on documents laid out otherwise; hostile input is a `LogError` or a located
finding, never another exception."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.audit import LogError, LogFinding
from engine.audit.read_ocel import MAX_DEPTH, read_ocel
from tests.audit.ocel_whole import read_ocel_whole
from tests.audit.synthetic_support import write

ZONE = "Asia/Almaty"
HINT = "(hint: the OCEL 2.0 JSON format, ocel-standard.org)"
Reader = Callable[[str | Path, str, list[LogFinding], int], Iterator[pa.RecordBatch]]
#: A small valid document: two cases, one event of each kind the reader tells apart.
SMALL = json.dumps({
    "objectTypes": [{"name": "case", "attributes": []}],
    "events": [
        {"id": "e1", "type": "a", "time": "2019-03-20T10:00:00+06:00",
         "attributes": [{"name": "resource", "value": "r1"}, {"name": "outcome", "value": 1}],
         "relationships": [{"objectId": "c1", "qualifier": "case"}]},
        {"id": "e2", "type": "b", "time": "2019-03-20", "relationships": [{"objectId": 2}]},
        {"id": "e3", "type": "c", "time": "2019-03-21T10:00:00Z", "relationships": []},
        "not an event",
    ],
    "objects": [{"id": "c1", "type": "case", "attributes": [
        {"name": "service", "value": "s"}, {"name": "channel", "value": "k"}]},
        {"id": 2, "type": "case"}, {"id": "o", "type": "order"}],
}, ensure_ascii=False).encode("utf-8")


def _outcome(reader: Reader, path: Path, batch_rows: int = 65_536) -> object:
    """The batches and findings a reader gives, or its `LogError`."""
    findings: list[LogFinding] = []
    try:
        batches = [b.to_pylist() for b in reader(path, ZONE, findings, batch_rows)]
    except LogError as error:
        return str(error)
    return batches, [str(f) for f in findings]


def _same(path: Path, batch_rows: int = 65_536) -> object:
    streamed = _outcome(read_ocel, path, batch_rows)
    assert streamed == _outcome(read_ocel_whole, path, batch_rows)
    return streamed


def _file(tmp: Path, data: bytes | str, name: str = "log.jsonocel") -> Path:
    path = tmp / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(("cases", "batch_rows"), [(1, 65_536), (60, 7), (400, 1000)])
def test_synthetic_logs_read_as_when_read_whole(tmp_path: Path, cases: int,
                                                batch_rows: int) -> None:
    written = write(tmp_path, "ocel", cases=cases)
    batches, _ = _same(written.log, batch_rows)  # type: ignore[misc]
    assert sum(len(b) for b in batches) > 0


def test_objects_before_between_or_after_events_read_alike(tmp_path: Path) -> None:
    written = write(tmp_path, "ocel", cases=40)
    document = json.loads(written.log.read_text(encoding="utf-8"))
    events, objects = document.pop("events"), document.pop("objects")
    after = _same(written.log, 50)
    before = _file(tmp_path, json.dumps({"objects": objects, "events": events, **document}))
    between = _file(tmp_path, json.dumps({"a": 1, "objects": objects, "b": [{}],
                                          "events": events, "c": {"events": 2}}), "b.json")
    assert _same(before, 50) == after
    assert _same(between, 50) == after


@pytest.mark.parametrize("text", [
    # the last of a key given twice counts, as in json.load
    '{"events": [{"type": "a"}], "objects": [{"id": "c", "type": "case"}], "events": '
    '[{"type": "b", "time": "2019-01-01T00:00:00Z", "relationships": [{"objectId": "c"}]}]}',
    '{"objects": [{"id": "c", "type": "case"}], "events": [{"type": "b", "time": '
    '"2019-01-01T00:00:00Z", "relationships": [{"objectId": "c"}]}], "objects": []}',
    # keys that ijson's prefixes would mistake for the items of `events`
    '{"events": [], "events.item": {"type": "x", "relationships": [{"objectId": "c"}]}, '
    '"objects": [{"id": "c", "type": "case"}]}',
    '{"": {"events": [{"type": "x"}]}, "events": [{"type": "y", "relationships": '
    '[{"objectId": "c"}], "time": "2019-01-01T00:00:00Z"}], "objects": [{"id": "c", "type": "case"}]}',
    '{"objects": {"item": {"id": "c", "type": "case"}}, "events": [{"type": "x", "time": '
    '"2019-01-01T00:00:00Z", "relationships": [{"objectId": "c"}]}]}',
    '{"events": {"item": {"type": "x"}}}',
])
def test_keys_given_twice_or_with_dots_read_as_json_load_reads_them(tmp_path: Path,
                                                                    text: str) -> None:
    _same(_file(tmp_path, text))


def test_numbers_where_strings_are_expected_read_as_their_text(tmp_path: Path) -> None:
    text = ('{"objects": [{"id": 7, "type": "case", "attributes": [{"name": "service", "value": '
            '1.10}, {"name": "channel", "value": 1E2}]}], "events": [{"type": 5, "time": 1.5, '
            '"relationships": [{"objectId": 7}]}, {"type": 123456789012345678901234567890, '
            '"time": "2019-01-01T00:00:00Z", "attributes": [{"name": "resource", "value": 1e400}, '
            '{"name": "ground", "value": [1.5, {"a": -0.0}]}], "relationships": [{"objectId": 7.0}'
            ', {"objectId": 7}]}]}')
    batches, findings = _same(_file(tmp_path, text))  # type: ignore[misc]
    assert [(r["case_id"], r["activity"], r["resource"], r["service"], r["channel"], r["ground"])
            for r in batches[0]] == [("7", "123456789012345678901234567890", "inf", "1.1",
                                      "100.0", "[1.5, {'a': -0.0}]")]
    assert [f.split(": ", 3)[1:3] for f in findings] == [["event 1", "timestamp"]]


def test_relationships_or_attributes_not_a_list_are_none(tmp_path: Path) -> None:
    """(The whole-document reader failed with a TypeError on a number here.)"""
    log = _file(tmp_path, '{"objects": [{"id": "c", "type": "case", "attributes": 5}], "events": '
                '[{"type": "x", "relationships": 5}, {"type": "x", "attributes": true, '
                '"relationships": [{"objectId": "c"}], "time": "2019-01-01T00:00:00Z"}]}')
    findings: list[LogFinding] = []
    rows = [r for b in read_ocel(log, ZONE, findings) for r in b.to_pylist()]
    assert [(r["case_id"], r["resource"], r["service"], r["line"]) for r in rows] == [
        ("c", None, None, 2)]
    assert [str(f) for f in findings] == [
        f'{log}: event 1: relationships: expected a relationship to an object of type "case" '
        "(hint: each event relates to the case it belongs to)"]


@pytest.mark.parametrize(("text", "where", "said"), [
    ('{"events": [', "1:13", "parse error: premature EOF"),
    ("", "1:1", "parse error: premature EOF"),
    ('{"events": [{"type": "x"}]}\n{"events": []}', "2:1", "parse error: trailing garbage"),
    ('{\n "events": [\n  {"type": tru}]}', "3:15", "lexical error: invalid string in json text."),
    ('{"events": [NaN]}', "1:13", "lexical error: invalid char in json text."),
    # a token cut short by the end, after a whole document (yajl alone lets it pass)
    ('{"events": []} "ab', "1:19", "parse error: trailing garbage"),
    ('{"events": []} tru', "1:19", "parse error: trailing garbage"),
    (b'{"events": ["\xff"]}', "1:14", "lexical error: invalid bytes in UTF8 string."),
    ('{"events": ["ж", тест]}', "1:18", "lexical error: invalid char in json text."),
])
def test_json_that_does_not_parse_is_a_located_log_error(tmp_path: Path, text: str | bytes,
                                                         where: str, said: str) -> None:
    log = _file(tmp_path, text)
    with pytest.raises(LogError) as raised:
        list(read_ocel(log, ZONE, []))
    assert str(raised.value) == f"{log}:{where}: cannot read the log as OCEL 2.0 JSON: {said} {HINT}"


def test_a_document_cut_anywhere_is_a_log_error_at_its_end(tmp_path: Path) -> None:
    for cut in range(0, len(SMALL), 7):
        log = _file(tmp_path, SMALL[:cut])
        with pytest.raises(LogError, match=rf"^{log}:1:{cut + 1}: cannot read the log as "
                                           "OCEL 2.0 JSON: parse error: premature EOF"):
            list(read_ocel(log, ZONE, []))


@pytest.mark.parametrize("text", ['[{"events": []}]', '"events"', "5", "null", "{}",
                                  '{"events": {}}', '{"events": "abc"}', '{"events": null}',
                                  '{"objects": []}', '{"events": [], "events": 1}'])
def test_a_document_not_shaped_as_ocel_is_a_log_error(tmp_path: Path, text: str) -> None:
    log = _file(tmp_path, text)
    assert _same(log) == (f'{log}: expected an OCEL 2.0 JSON object with "objects" and '
                          f'"events" {HINT}')


def test_deep_nesting_is_a_log_error_and_shallow_nesting_is_read(tmp_path: Path) -> None:
    deep = _file(tmp_path, '{"events": [' + "[" * 100_000 + "]" * 100_000 + "]}")
    with pytest.raises(LogError, match=f"nested deeper than {MAX_DEPTH} levels"):
        list(read_ocel(deep, ZONE, []))
    nested = "[" * (MAX_DEPTH - 8) + '"x"' + "]" * (MAX_DEPTH - 8)
    shallow = _file(tmp_path, SMALL.decode().replace('"a"', nested, 1), "shallow.json")
    assert _same(shallow)[1] == [  # type: ignore[index]
        f"{shallow}: event 3: relationships: expected a relationship to an object of type "
        '"case" (hint: each event relates to the case it belongs to)',
        f"{shallow}: event 4: expected an event object",
        f'{shallow}: event 2: timestamp: expected an ISO 8601 instant like 2019-03-20T17:00:00+06:00'
        ', got "2019-03-20" (hint: the moment the action was completed, with its UTC offset or in '
        "the mapping's timezone)"]


def test_huge_strings_are_read(tmp_path: Path) -> None:
    huge = "ж" * 3_000_000
    log = _file(tmp_path, SMALL.decode().replace('"e1"', json.dumps(huge))
                .replace('"r1"', json.dumps(huge + "r")).replace('"c1"', json.dumps(huge)))
    batches, _ = _same(log)  # type: ignore[misc]
    assert batches[0][0]["resource"] == huge + "r"


def _mutated(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    for at, kind, byte in edits:
        at %= len(data) + 1
        if kind == 0:
            data = data[:at] + data[at + 1:]
        elif kind == 1:
            data = data[:at] + bytes([byte]) + data[at:]
        else:
            data = data[:at] + bytes([byte]) + data[at + 1:]
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(SMALL)), st.integers(0, 2),
                          st.sampled_from(b'{}[]",:.0e-\\ \n\xffacsNu')), min_size=1, max_size=4))
def test_a_mutated_document_reads_as_when_read_whole_or_is_a_log_error(
        tmp_path: Path, edits: list[tuple[int, int, int]]) -> None:
    log = _file(tmp_path, _mutated(SMALL, edits))
    streamed = _outcome(read_ocel, log)  # raises nothing but a LogError
    try:
        whole = _outcome(read_ocel_whole, log)
    except (TypeError, ValueError, UnicodeError):
        return  # the whole-document reader failed with a traceback: nothing to keep
    if isinstance(whole, str) or isinstance(streamed, str):
        # JSON both refuse, though not in the same words (json.load's own NaN excepted)
        assert isinstance(streamed, str)
        assert isinstance(whole, str) or b"NaN" in log.read_bytes()
    else:
        assert streamed == whole
