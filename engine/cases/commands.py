"""Commands on cases as records: what `Executor` and `CaseBook` take one call at a time.

A batch (`engine.cases.batch.run_batch`, `CaseBook.apply_many`, `reglament case apply`) takes
a sequence of them. `parse_command` reads one from its JSON form, one object per line
in `reglament case apply`:

    {"op": "open", "case": "2024-0001", "service": "school-admission",
     "channel": "provider_office", "received": "2024-03-20T17:00:00+05:00",
     "applicant": "860306300458", "documents": ["application"], "command_id": "desk-1:open"}
    {"op": "act", "case": "2024-0001", "step": "register", "at": "2024-03-20T17:05:00+05:00",
     "by": "clerk-12", "outcome": null, "ground": null, "command_id": "desk-1:register"}
    {"op": "refuse", "case": "2024-0001", "ground": "unreliable_documents",
     "at": "2024-03-21T10:00:00+05:00", "by": "head-1"}

The commands about complaints (`appeal`, `appeal_extend`, `appeal_decide`,
`appeal_revise`) are in `engine.cases.appeal_commands`, with their JSON form.
`regulation` (instead of or beside `service`), `documents`, `outcome`, `ground` (of
`act`) and `command_id` may be left out.

Every way in checks a command before anything is decided or written: `parse_command`
(JSON), `command_problem` (Python: `CaseBook.apply_many`, `run_batch`), the command line.
A case id is a non-blank string (`case_id_problem`: one message everywhere); no text
may hold a lone surrogate (`text_problem`: not valid Unicode; SQLite cannot store it);
both, and the JSON readers of a field, are in `engine.cases.command_text`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from engine.cases.appeal_commands import (
    APPEAL_FIELDS,
    Appeal,
    DecideAppeal,
    ExtendAppeal,
    ReviseAppeal,
    parse_appeal,
)
from engine.cases.command_text import (
    CommandFormatError,
    case_id_problem,
    check_json_text,
    json_instant,
    json_maybe,
    json_text,
    show,
    text_problem,
)

__all__ = ["OPS", "Appeal", "Command", "CommandFormatError", "Complete", "DecideAppeal",
           "ExtendAppeal", "Open", "Refuse", "ReviseAppeal", "case_id_problem",
           "command_problem", "parse_command", "text_problem"]


class Open(NamedTuple):
    """Open a case (`Executor.open`, `CaseBook.open`)."""

    case_id: str
    service: str
    channel: str
    received: dt.datetime
    applicant: str
    documents: tuple[str, ...]
    regulation: str | None = None
    command_id: str | None = None


class Complete(NamedTuple):
    """Complete the active step of a case (`Executor.complete`, `CaseBook.complete`)."""

    case_id: str
    step: str
    at: dt.datetime
    by: str
    outcome: str | None = None
    ground: str | None = None
    command_id: str | None = None


class Refuse(NamedTuple):
    """Refuse the service with a ground (`Executor.refuse`, `CaseBook.refuse`)."""

    case_id: str
    ground: str
    at: dt.datetime
    by: str
    command_id: str | None = None


Command = Open | Complete | Refuse | Appeal | ExtendAppeal | DecideAppeal | ReviseAppeal

#: The `op` of each kind of command in JSON, as the `reglament case` verbs name them.
OPS: dict[type[Command], str] = {
    Open: "open", Complete: "act", Refuse: "refuse",
    **{record: op for op, (record, _) in APPEAL_FIELDS.items()}}

_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # op: (required keys, optional keys)
    "open": (("case", "channel", "received", "applicant"),
             ("service", "regulation", "documents", "command_id")),
    "act": (("case", "step", "at", "by"), ("outcome", "ground", "command_id")),
    "refuse": (("case", "ground", "at", "by"), ("command_id",)),
    **{op: (("case", *(key for key, _, shape in fields if shape != "text?")),
            tuple(key for key, _, shape in fields if shape == "text?"))
       for op, (_, fields) in APPEAL_FIELDS.items()},
}


def parse_command(data: object) -> Command:
    """The command of one decoded JSON object.

    Raises:
        CommandFormatError: not an object, an unknown `op`, a missing or unknown key, a
            value of the wrong type, an instant that is not ISO 8601 with its offset.

    Examples:
        >>> parse_command({"op": "refuse", "case": "c1", "ground": "unreliable_documents",
        ...                "at": "2024-03-21T10:00:00+05:00", "by": "head-1"}).ground
        'unreliable_documents'
        >>> parse_command({"op": "close", "case": "c1"})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        engine.cases.command_text.CommandFormatError: unknown "op": "close" (hint: one of open, act, refuse, ...)
    """
    if not isinstance(data, Mapping):
        raise CommandFormatError(f"expected a JSON object, got {type(data).__name__} "
                                 '(hint: one command per line, e.g. {"op": "act", ...})')
    op = data.get("op")
    if not isinstance(op, str) or op not in _FIELDS:
        shown = "no \"op\"" if op is None else f'unknown "op": {show(op)}'
        raise CommandFormatError(f"{shown} (hint: one of {', '.join(_FIELDS)})")
    required, optional = _FIELDS[op]
    missing = [key for key in required if key not in data]
    if op == "open" and "service" not in data and "regulation" not in data:
        missing.append("service")
    if missing:
        raise CommandFormatError(f'"{op}" lacks {", ".join(missing)} (hint: an "{op}" command '
                                 f"has {', '.join(required)}; optional: {', '.join(optional)})")
    unknown = sorted(set(data) - {"op", *required, *optional})
    if unknown:
        raise CommandFormatError(f'"{op}" has unknown key(s) {", ".join(unknown)} (hint: an '
                                 f'"{op}" command has {", ".join(required)}; optional: '
                                 f"{', '.join(optional)})")
    case_id = data.get("case")
    problem = case_id_problem(case_id)
    if problem is not None:
        raise CommandFormatError(f'"case": {problem}')
    assert isinstance(case_id, str)
    if op == "open":
        service = json_maybe(data, "service")
        regulation = json_maybe(data, "regulation")
        documents = data.get("documents", [])
        if not isinstance(documents, list) or not all(isinstance(d, str) for d in documents):
            raise CommandFormatError(f'"documents": expected a list of document ids, got '
                                     f'{show(documents)} (hint: "documents": ["application"])')
        for document in documents:
            check_json_text("documents", document)
        return Open(case_id, service or regulation or "", json_text(data, "channel"),
                    json_instant(data, "received"), json_text(data, "applicant"), tuple(documents),
                    regulation, json_maybe(data, "command_id"))
    if op in APPEAL_FIELDS:
        return parse_appeal(op, case_id, data)
    if op == "act":
        return Complete(case_id, json_text(data, "step"), json_instant(data, "at"),
                        json_text(data, "by"), json_maybe(data, "outcome"),
                        json_maybe(data, "ground"),
                        json_maybe(data, "command_id"))
    return Refuse(case_id, json_text(data, "ground"), json_instant(data, "at"),
                  json_text(data, "by"), json_maybe(data, "command_id"))


_TEXT, _MAYBE, _TEXTS, _INSTANT = "a string", "a string or None", "a sequence of strings", "a datetime"
_INT = "an integer"
_SHAPE_OF = {"text": _TEXT, "text?": _MAYBE, "instant": _INSTANT, "int": _INT}
#: The type of each field after the case id, per kind of command.
_SHAPES: dict[type, tuple[tuple[str, str], ...]] = {
    Open: (("service", _TEXT), ("channel", _TEXT), ("received", _INSTANT), ("applicant", _TEXT),
           ("documents", _TEXTS), ("regulation", _MAYBE), ("command_id", _MAYBE)),
    Complete: (("step", _TEXT), ("at", _INSTANT), ("by", _TEXT), ("outcome", _MAYBE),
               ("ground", _MAYBE), ("command_id", _MAYBE)),
    Refuse: (("ground", _TEXT), ("at", _INSTANT), ("by", _TEXT), ("command_id", _MAYBE)),
    **{record: tuple((name, _SHAPE_OF[shape]) for _, name, shape in fields)
       for record, fields in APPEAL_FIELDS.values()},
}


def command_problem(command: object) -> str | None:
    """Why `command` cannot be decided (a field of the wrong type, a blank case id, text
    that is not valid Unicode), or None when it can: checked before anything is written.

    Examples:
        >>> command_problem(Refuse("c1", "unreliable_documents", dt.datetime(2024, 3, 21), 7))
        'refuse c1: "by" must be a string, got 7'
    """
    if _plain(command):
        return None
    shapes = _SHAPES.get(type(command))
    if shapes is None:
        return (f"not a command: {show(command)} (hint: Open, Complete, Refuse or one of the "
                "appeal commands)")
    assert isinstance(command, Open | Complete | Refuse | Appeal | ExtendAppeal | DecideAppeal
                      | ReviseAppeal)
    problem = case_id_problem(command.case_id)
    if problem is not None:
        return problem
    for name, shape in shapes:
        value = getattr(command, name)
        if value is None and shape == _MAYBE:
            continue
        texts: tuple[object, ...] | list[object] = ()
        if shape == _INT:
            ok = type(value) is int
        elif shape == _INSTANT:
            ok = isinstance(value, dt.datetime)
        elif shape == _TEXTS:
            ok = isinstance(value, tuple | list) and all(isinstance(v, str) for v in value)
            texts = value if ok else ()
        else:
            ok, texts = isinstance(value, str), (value,)
        if not ok:
            return f'{OPS[type(command)]} {command.case_id}: "{name}" must be {shape}, got {show(value)}'
        if shape not in (_INSTANT, _INT):
            for text in texts:
                assert isinstance(text, str)
                problem = text_problem(text)
                if problem is not None:
                    return f'{OPS[type(command)]} {command.case_id}: "{name}": {problem}'
    return None


#: Per kind of command, the positions of its texts, of its optional texts, of its instant,
#: and of its documents (None: it has none).
_PLAIN: dict[type, tuple[tuple[int, ...], tuple[int, ...], int, int | None]] = {
    Complete: ((0, 1, 3), (4, 5, 6), 2, None),
    Refuse: ((0, 1, 3), (4,), 2, None),
    Open: ((0, 1, 2, 4), (6, 7), 3, 5),
}


def _plain(command: object) -> bool:
    """True for the usual command, at a fraction of the full check's cost: every field of
    its type, every text ASCII, the case id not blank. False says: check it in full."""
    layout = _PLAIN.get(type(command))
    if layout is None:
        return False
    assert isinstance(command, tuple)
    texts, maybes, at, documents = layout
    for n in texts:
        text = command[n]
        if type(text) is not str or not text.isascii():
            return False
    for n in maybes:
        maybe = command[n]
        if maybe is not None and (type(maybe) is not str or not maybe.isascii()):
            return False
    if documents is not None:
        listed = command[documents]
        if type(listed) is not tuple or not all(type(d) is str and d.isascii() for d in listed):
            return False
    case_id = command[0]
    return isinstance(command[at], dt.datetime) and case_id != "" and not case_id.isspace()
