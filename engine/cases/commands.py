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

`regulation` (instead of or beside `service`), `documents`, `outcome`, `ground` (of
`act`) and `command_id` may be left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from engine.calendar import CalendarError, parse_instant

__all__ = ["OPS", "Command", "CommandFormatError", "Complete", "Open", "Refuse", "parse_command"]


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


Command = Open | Complete | Refuse

#: The `op` of each kind of command in JSON, as the `reglament case` verbs name them.
OPS: dict[type[Open] | type[Complete] | type[Refuse], str] = {
    Open: "open", Complete: "act", Refuse: "refuse"}

_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # op: (required keys, optional keys)
    "open": (("case", "channel", "received", "applicant"),
             ("service", "regulation", "documents", "command_id")),
    "act": (("case", "step", "at", "by"), ("outcome", "ground", "command_id")),
    "refuse": (("case", "ground", "at", "by"), ("command_id",)),
}


class CommandFormatError(ValueError):
    """A command whose JSON form is not one: the message says what and gives a hint."""


def parse_command(data: object) -> Command:
    """The command of one decoded JSON object.

    Raises:
        CommandFormatError: not an object, an unknown `op`, a missing or unknown key, a
            value of the wrong type, an instant that is not ISO 8601 with its offset.

    Examples:
        >>> parse_command({"op": "refuse", "case": "c1", "ground": "unreliable_documents",
        ...                "at": "2024-03-21T10:00:00+05:00", "by": "head-1"}).ground
        'unreliable_documents'
        >>> parse_command({"op": "close", "case": "c1"})
        Traceback (most recent call last):
        ...
        engine.cases.commands.CommandFormatError: unknown "op": "close" (hint: one of open, act, refuse)
    """
    if not isinstance(data, Mapping):
        raise CommandFormatError(f"expected a JSON object, got {type(data).__name__} "
                                 '(hint: one command per line, e.g. {"op": "act", ...})')
    op = data.get("op")
    if op not in _FIELDS:
        shown = "no \"op\"" if op is None else f'unknown "op": {_show(op)}'
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
    if op == "open":
        service = _maybe(data, "service")
        regulation = _maybe(data, "regulation")
        documents = data.get("documents", [])
        if not isinstance(documents, list) or not all(isinstance(d, str) for d in documents):
            raise CommandFormatError(f'"documents": expected a list of document ids, got '
                                     f'{_show(documents)} (hint: "documents": ["application"])')
        return Open(_text(data, "case"), service or regulation or "", _text(data, "channel"),
                    _instant(data, "received"), _text(data, "applicant"), tuple(documents),
                    regulation, _maybe(data, "command_id"))
    if op == "act":
        return Complete(_text(data, "case"), _text(data, "step"), _instant(data, "at"),
                        _text(data, "by"), _maybe(data, "outcome"),
                        _maybe(data, "ground"),
                        _maybe(data, "command_id"))
    return Refuse(_text(data, "case"), _text(data, "ground"), _instant(data, "at"),
                  _text(data, "by"), _maybe(data, "command_id"))


def _text(data: Mapping[str, object], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise CommandFormatError(f'"{key}": expected a non-empty string, got {_show(value)}')
    return value


def _maybe(data: Mapping[str, object], key: str) -> str | None:
    return None if data.get(key) is None else _text(data, key)


def _instant(data: Mapping[str, object], key: str) -> dt.datetime:
    value = _text(data, key)
    try:
        return parse_instant(value)
    except CalendarError as error:
        raise CommandFormatError(f'"{key}": {error}') from None


def _show(value: object) -> str:
    shown = repr(value) if not isinstance(value, str) else f'"{value}"'
    return shown if len(shown) <= 40 else f"{shown[:37]}..."
