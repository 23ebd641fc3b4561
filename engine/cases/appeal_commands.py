"""Commands about complaints (appeals) on a case, as records: what `Executor` and `CaseBook`
take, and what `reglament case apply` reads from JSON Lines (`engine.cases.commands`):

    {"op": "appeal", "case": "2024-0001", "appeal": "A-1", "body": "provider",
     "complainant": "860306300458", "substance": "refused without a ground",
     "at": "2024-04-01T10:00:00+05:00", "by": "clerk-3"}
    {"op": "appeal_extend", "case": "2024-0001", "appeal": "A-1", "days": 5,
     "reason": "a check on site", "at": "2024-04-05T10:00:00+05:00", "by": "head-1"}
    {"op": "appeal_decide", "case": "2024-0001", "appeal": "A-1", "decision": "satisfied",
     "document": "12-3/45", "examined_by": "head-1", "at": "2024-04-05T11:00:00+05:00",
     "by": "head-1"}
    {"op": "appeal_revise", "case": "2024-0001", "appeal": "A-1",
     "revision": "annulled by the court", "at": "2024-05-05T11:00:00+05:00", "by": "lawyer-1"}

`command_id` is optional in each, as in every command; `parse_appeal` reads one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from engine.cases.command_text import CommandFormatError, json_instant, json_maybe, json_text, show

__all__ = ["APPEAL_FIELDS", "Appeal", "AppealCommand", "DecideAppeal", "ExtendAppeal",
           "ReviseAppeal", "parse_appeal"]


class Appeal(NamedTuple):
    """File a complaint about a case with a body (`CaseBook.appeal`)."""

    case_id: str
    appeal: str
    body: str
    complainant: str
    substance: str
    at: dt.datetime
    by: str
    command_id: str | None = None


class ExtendAppeal(NamedTuple):
    """Extend the examination of a complaint by working days (`CaseBook.extend_appeal`)."""

    case_id: str
    appeal: str
    days: int
    reason: str
    at: dt.datetime
    by: str
    command_id: str | None = None


class DecideAppeal(NamedTuple):
    """Record the decision on a complaint (`CaseBook.decide_appeal`)."""

    case_id: str
    appeal: str
    decision: str
    document: str
    examined_by: str
    at: dt.datetime
    by: str
    command_id: str | None = None


class ReviseAppeal(NamedTuple):
    """Record a revision of the decision on a complaint (`CaseBook.revise_appeal`)."""

    case_id: str
    appeal: str
    revision: str
    at: dt.datetime
    by: str
    command_id: str | None = None


AppealCommand = Appeal | ExtendAppeal | DecideAppeal | ReviseAppeal

#: Per op: the record and its fields after the case id, each with its JSON key and shape
#: ("text", "int", "instant", "text?"), in the record's order.
APPEAL_FIELDS: dict[str, tuple[type[AppealCommand], tuple[tuple[str, str, str], ...]]] = {
    "appeal": (Appeal, (("appeal", "appeal", "text"), ("body", "body", "text"),
                        ("complainant", "complainant", "text"),
                        ("substance", "substance", "text"), ("at", "at", "instant"),
                        ("by", "by", "text"), ("command_id", "command_id", "text?"))),
    "appeal_extend": (ExtendAppeal, (("appeal", "appeal", "text"), ("days", "days", "int"),
                                     ("reason", "reason", "text"), ("at", "at", "instant"),
                                     ("by", "by", "text"),
                                     ("command_id", "command_id", "text?"))),
    "appeal_decide": (DecideAppeal, (("appeal", "appeal", "text"),
                                     ("decision", "decision", "text"),
                                     ("document", "document", "text"),
                                     ("examined_by", "examined_by", "text"),
                                     ("at", "at", "instant"), ("by", "by", "text"),
                                     ("command_id", "command_id", "text?"))),
    "appeal_revise": (ReviseAppeal, (("appeal", "appeal", "text"),
                                     ("revision", "revision", "text"),
                                     ("at", "at", "instant"), ("by", "by", "text"),
                                     ("command_id", "command_id", "text?"))),
}


def parse_appeal(op: str, case_id: str, data: Mapping[str, object]) -> AppealCommand:
    """The command about a complaint of one decoded JSON object whose `op` is in
    `APPEAL_FIELDS` (its keys already checked by `engine.cases.commands.parse_command`).

    Raises:
        CommandFormatError: a value of the wrong type or an instant without its offset.
    """
    record, fields = APPEAL_FIELDS[op]
    values: list[object] = [case_id]
    for key, _, shape in fields:
        if shape == "int":
            value = data.get(key)
            if type(value) is not int:
                raise CommandFormatError(f'"{key}": expected a whole number, got {show(value)}')
            values.append(value)
        else:
            values.append(json_instant(data, key) if shape == "instant" else
                          json_maybe(data, key) if shape == "text?" else json_text(data, key))
    return record(*values)  # type: ignore[arg-type]
