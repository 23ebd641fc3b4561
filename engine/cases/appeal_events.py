"""The events of complaints (appeals) about a case: deciding them from commands, folding them.

`appeal_events` checks a command about a complaint against the case's state and returns its
event, or raises `ExecutionError` saying why not: an id filed twice, an unknown body or
decision, a complaint the case does not have, an extension beyond the rule's maximum or
after the due instant, a decision taken twice or before the filing, a revision of an
undecided complaint. A complaint may follow a closed case (that is when most are filed).
The due instant is decided once, when the complaint is filed, by the rule in force on its
day (`engine.cases.complaint_rules`), counted on the calendar in working days of the
five-day week to the body's close of business; it is kept in the event, so a replay needs
no rule. `fold_appeal` folds an event into a state the caller owns.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from engine.cases.appeal_commands import (
    Appeal,
    AppealCommand,
    DecideAppeal,
    ExtendAppeal,
    ReviseAppeal,
)
from engine.cases.appeals import DECISIONS, AppealRecord
from engine.cases.case_timing import _micros
from engine.cases.complaint_rules import BODY_SCHEDULES, ComplaintRule, complaint_rules
from engine.cases.state import CaseState, Event
from engine.spec.checks import did_you_mean
from engine.spec.duration import Duration
from engine.spec.errors import ExecutionError

if TYPE_CHECKING:
    from engine.cases.case_graphs import CaseGraphs

__all__ = ["appeal_due", "appeal_events", "fold_appeal"]


def appeal_events(executor: CaseGraphs, state: CaseState, command: AppealCommand) -> list[Event]:
    """The event of a command about a complaint on a case's state.

    Raises:
        ExecutionError: the command does not fit the case (see the module's doc).
        CalendarError: an instant the calendar cannot read or count from.
    """
    moment = _micros(command.at, executor.calendar)
    if moment < state.last_at:
        raise ExecutionError(f"{_iso(executor, moment)} is before the case's last action at "
                             f"{_iso(executor, state.last_at)} (time cannot go back)")
    seq = state.last_seq + 1
    command_id = command.command_id or f"{state.case_id}:{seq}"
    known = {record.appeal: record for record in state.appeals}
    if isinstance(command, Appeal):
        if command.appeal in known:
            raise ExecutionError(f"case {state.case_id} already has complaint {command.appeal!r} "
                                 "(hint: give a new complaint another id)")
        day = dt.datetime.fromtimestamp(moment // 1_000_000, executor._zone).date()
        rule = complaint_rules().rule_on(command.body, day)
        due = appeal_due(executor, command.body, moment, rule.term)
        return [Event(state.case_id, seq, "appealed", command_id, moment, {
            "appeal": command.appeal, "body": command.body, "complainant": command.complainant,
            "substance": command.substance, "rule": rule.id, "due": due, "by": command.by})]
    record = known.get(command.appeal)
    if record is None:
        raise ExecutionError(f"case {state.case_id} has no complaint {command.appeal!r} (hint: "
                             f"{did_you_mean(command.appeal, known) if known else 'file it first'})")
    if isinstance(command, ReviseAppeal):
        if record.decided is None:
            raise ExecutionError(f"complaint {record.appeal!r} is not decided yet; only a "
                                 "decision can be revised (hint: decide it first)")
        return [Event(state.case_id, seq, "appeal_revised", command_id, moment, {
            "appeal": record.appeal, "revision": command.revision, "by": command.by})]
    if record.decided is not None:
        raise ExecutionError(f"complaint {record.appeal!r} was decided already "
                             f"({record.decision}, document {record.document}) (hint: record a "
                             "change of the decision with appeal-revise)")
    if isinstance(command, DecideAppeal):
        if command.decision not in DECISIONS:
            raise ExecutionError(f'unknown decision "{command.decision}" (hint: '
                                 f"{did_you_mean(command.decision, DECISIONS)})")
        return [Event(state.case_id, seq, "appeal_decided", command_id, moment, {
            "appeal": record.appeal, "decision": command.decision,
            "document": command.document, "examined_by": command.examined_by,
            "by": command.by})]
    assert isinstance(command, ExtendAppeal)
    return [_extension(executor, state, record, command, moment, seq, command_id)]


def _extension(executor: CaseGraphs, state: CaseState, record: AppealRecord,
               command: ExtendAppeal, moment: int, seq: int, command_id: str) -> Event:
    rule = _rule(record)
    allowed = rule.max_extension.amount - record.extended_days
    if command.days < 1:
        raise ExecutionError(f"an extension is of at least 1 working day, got {command.days}")
    if command.days > allowed:
        raise ExecutionError(f"complaint {record.appeal!r} may be extended by at most {allowed} "
                             f"more working day(s) under rule {rule.id} (up to "
                             f"{rule.max_extension}), not {command.days}")
    if moment > record.due:
        raise ExecutionError(f"complaint {record.appeal!r} was due at "
                             f"{_iso(executor, record.due)}; a term is extended before it ends")
    days = record.extended_days + command.days
    due = appeal_due(executor, record.body, record.filed,
                     Duration(rule.term.amount + days, rule.term.unit))
    return Event(state.case_id, seq, "appeal_extended", command_id, moment, {
        "appeal": record.appeal, "days": command.days, "due": due, "reason": command.reason,
        "by": command.by})


def appeal_due(executor: CaseGraphs, body: str, filed: int, term: Duration) -> int:
    """The due instant of a complaint to `body` filed at `filed` (micros): `term` working days
    of the five-day week from the next day, to the body's close of business."""
    schedule = executor.calendar.term_schedule(BODY_SCHEDULES[body], term)
    return executor._due(schedule, filed, term, False)


def _rule(record: AppealRecord) -> ComplaintRule:
    rule = complaint_rules().rules.get(record.rule)
    if rule is None:
        raise ExecutionError(f"complaint {record.appeal!r} was filed under rule {record.rule!r}, "
                             "which this version of reglament does not know")
    return rule


def fold_appeal(state: CaseState, event: Event) -> None:
    """Fold an event about a complaint into `state` (the caller's own: its `appeals` tuple is
    replaced, never changed).

    Raises:
        ExecutionError: the event names a complaint the case does not have, or files one twice.
    """
    data = event.payload
    appeals = list(state.appeals)
    where = next((n for n, a in enumerate(appeals) if a.appeal == data["appeal"]), None)
    if event.kind == "appealed":
        if where is not None:
            raise ExecutionError(f"complaint {data['appeal']!r} is filed a second time")
        appeals.append(AppealRecord(data["appeal"], data["body"], data["complainant"],
                                    data["substance"], data["rule"], event.at, data["due"]))
    elif where is None:
        raise ExecutionError(f'the event "{event.kind}" names complaint {data["appeal"]!r}, '
                             f"which case {state.case_id} does not have")
    else:
        record = appeals[where]
        if event.kind == "appeal_extended":
            record = record._replace(extended_days=record.extended_days + data["days"],
                                     due=data["due"])
        elif event.kind == "appeal_decided":
            record = record._replace(decision=data["decision"], document=data["document"],
                                     examined_by=data["examined_by"], decided=event.at)
        else:
            record = record._replace(revision=data["revision"])
        appeals[where] = record
    state.appeals = tuple(appeals)


def _iso(executor: CaseGraphs, micros: int) -> str:
    return executor._show(micros)
