"""The rows of a journal: events written as rows, and rows read back strictly as events.

Every row is written by `rows` (the payload as JSON with sorted keys, `payload_json`).
Read back by `read_events`, a row must be what reglament writes: its case, the next
sequence number of the case (no gap), a kind of event it knows, an integer instant, and
a JSON object with exactly the fields of its kind, each of its type, every text valid
Unicode. Anything else (a row edited by hand, a damaged file) is a `ReplayError` that
names the journal, the case and the sequence number of the row — never an event
skipped or guessed at, so a case is shown as the journal holds it or not at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from engine.cases.journal_files import ReplayError
from engine.cases.state import Event

__all__ = ["PAYLOAD_FIELDS", "payload_json", "read_events", "row_at", "rows"]

#: The fields of each kind of event's payload: "text", "text?" (or null), "texts" (a list),
#: "int" (an integer: days, or an instant in microseconds).
PAYLOAD_FIELDS: dict[str, dict[str, str]] = {
    "opened": {"service": "text", "standard_version": "text", "regulation": "text",
               "regulation_version": "text", "channel": "text", "applicant": "text",
               "documents": "texts"},
    "acceptance_refused": {"missing": "texts", "article": "text"},
    "step_completed": {"step": "text", "outcome": "text?", "by": "text", "ground": "text?"},
    "refused": {"ground": "text", "by": "text"},
    "appealed": {"appeal": "text", "body": "text", "complainant": "text", "substance": "text",
                 "rule": "text", "due": "int", "by": "text"},
    "appeal_extended": {"appeal": "text", "days": "int", "due": "int", "reason": "text",
                        "by": "text"},
    "appeal_decided": {"appeal": "text", "decision": "text", "document": "text",
                       "examined_by": "text", "by": "text"},
    "appeal_revised": {"appeal": "text", "revision": "text", "by": "text"},
}
#: Instants a row may hold: those of Python's datetime (years 1 to 9999), in microseconds.
_FIRST, _LAST = -62_135_596_800_000_000, 253_402_300_799_999_999
_SURROGATE = re.compile("[\ud800-\udfff]")
#: The payload's JSON: sorted keys, UTF-8 text (one encoder, not one per event).
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
#: A JSON string as that encoder writes it (quotes, escapes; non-ASCII kept).
_STRING = json.encoder.encode_basestring


def rows(events: Iterable[Event]) -> Iterator[tuple[str, int, str, str, int, str]]:
    """The rows of events, payloads as JSON with sorted keys."""
    for e in events:
        yield e.case_id, e.seq, e.kind, e.command_id, e.at, payload_json(e.payload)


def payload_json(payload: Mapping[str, object]) -> str:
    """`json.dumps(payload, ensure_ascii=False, sort_keys=True)`, the same text, faster.

    An event's payload holds strings, None, booleans, integers and lists of strings;
    those are written here directly (a tenth of the encoder's time on a small dict),
    anything else by the encoder.

    Examples:
        >>> payload_json({"step": "register", "outcome": None, "missing": ["a", "ә"]})
        '{"missing": ["a", "ә"], "outcome": null, "step": "register"}'
    """
    parts = []
    for key in sorted(payload):
        value = payload[key]
        if type(key) is not str:
            return _ENCODER(dict(payload))
        if type(value) is str:
            text = _STRING(value)
        elif value is None:
            text = "null"
        elif type(value) is bool:
            text = "true" if value else "false"
        elif type(value) is int:
            text = int.__repr__(value)
        elif isinstance(value, list | tuple) and type(value) in (list, tuple) and all(
                type(v) is str for v in value):
            text = f"[{', '.join(map(_STRING, value))}]"
        else:
            return _ENCODER(dict(payload))
        parts.append(f"{_STRING(key)}: {text}")
    return f"{{{', '.join(parts)}}}"


def row_at(where: str, case_id: object, seq: object, problem: str) -> str:
    """The message of a row that cannot be read or replayed: journal, case, sequence number.

    Examples:
        >>> row_at("cases.db", "c1", 3, 'unknown event kind "teleported"')[:40]
        "cases.db: case 'c1', event 3: unknown ev"
    """
    return (f"{where}: case {case_id!r}, event {seq!r}: {problem} (hint: the journal holds "
            "what reglament did not write there, or was written with other specs: restore it "
            "from a backup, or load the specs it was written with)")


def read_events(found: Iterable[tuple[Any, ...]], case_id: str, after: int,
                where: str) -> list[Event]:
    """The events of the rows of one case, read strictly (see the module's doc).

    `found` are `(case_id, seq, kind, command_id, at, payload)` rows ordered by `seq`,
    those past `after`.

    Raises:
        ReplayError: for the first row that is not what reglament writes.
    """
    events: list[Event] = []
    expected = after + 1
    for case, seq, kind, command_id, at, payload in found:
        if type(seq) is not int:
            raise ReplayError(row_at(where, case_id, seq, "its sequence number is not an integer"))
        if seq != expected:
            raise ReplayError(row_at(where, case_id, expected,
                                     f"this event is missing (the next one is event {seq})"))
        problem = _row_problem(case, case_id, kind, command_id, at)
        data: object = None
        if problem is None:
            data, problem = _payload(kind, payload)
        if problem is not None:
            raise ReplayError(row_at(where, case_id, seq, problem))
        assert isinstance(data, dict)
        events.append(Event(case, seq, kind, command_id, at, data))
        expected += 1
    return events


def _row_problem(case: object, case_id: str, kind: object, command_id: object,
                 at: object) -> str | None:
    if case != case_id:
        return f"its case id is {case!r}"
    if not isinstance(kind, str) or kind not in PAYLOAD_FIELDS:
        return (f"unknown event kind {kind!r} (this version of reglament knows "
                f"{', '.join(PAYLOAD_FIELDS)})")
    if not isinstance(command_id, str) or not _valid(command_id):
        return f"its command id {command_id!r} is not valid text"
    if type(at) is not int or not _FIRST <= at <= _LAST:
        return f"its instant {at!r} is not microseconds since the epoch"
    return None


def _payload(kind: str, payload: object) -> tuple[dict[str, Any] | None, str | None]:
    """The payload of a row of `kind` as a dict, or why it is not one."""
    if not isinstance(payload, str):
        return None, f"its payload is {type(payload).__name__}, not JSON text"
    try:
        data = json.loads(payload)
    except (ValueError, RecursionError) as error:
        return None, f"its payload is not JSON ({error})"
    if not isinstance(data, dict):
        return None, f"its payload is {type(data).__name__}, not a JSON object"
    fields = PAYLOAD_FIELDS[kind]
    missing = [key for key in fields if key not in data]
    if missing:
        return None, f'its "{kind}" payload lacks {", ".join(missing)}'
    unknown = sorted(set(data) - set(fields))
    if unknown:
        return None, f'its "{kind}" payload has unknown field(s) {", ".join(unknown)}'
    for key, shape in fields.items():
        value = data[key]
        if value is None and shape == "text?":
            continue
        if shape == "int":
            ok = type(value) is int and _FIRST <= value <= _LAST
        elif shape == "texts":
            ok = isinstance(value, list) and all(isinstance(v, str) and _valid(v) for v in value)
        else:
            ok = isinstance(value, str) and _valid(value)
        if not ok:
            wanted = {"text": "text", "text?": "text or null", "texts": "a list of texts",
                      "int": "an integer"}[shape]
            return None, f'its payload\'s "{key}" is {_short(value)}, not {wanted}'
    return data, None


def _valid(text: str) -> bool:
    """True unless `text` holds a lone surrogate (not valid Unicode; SQLite cannot store it)."""
    return text.isascii() or _SURROGATE.search(text) is None


def _short(value: object) -> str:
    shown = json.dumps(value, ensure_ascii=True)
    return shown if len(shown) <= 40 else f"{shown[:37]}..."
