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

`command_id` is optional in each, as in every command.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

__all__ = ["APPEAL_FIELDS", "Appeal", "AppealCommand", "DecideAppeal", "ExtendAppeal",
           "ReviseAppeal"]


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
