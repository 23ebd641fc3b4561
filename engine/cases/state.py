"""A case (an application) as a stream of events, and its state as their replay.

Every accepted action is an `Event`; a case's state is `replay(events)`, a pure
fold that needs the compiled process graph and the calendar only to compute due
instants. Instants are integer microseconds since the epoch (exact, cheap to
compare); `instant()` turns one into a pendulum DateTime in Asia/Almaty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

import pendulum

from engine.calendar.instants import DEFAULT_TIMEZONE, from_micros
from engine.cases.appeals import AppealRecord

__all__ = [
    "ActiveStep",
    "CaseState",
    "Event",
    "EventKind",
    "Status",
    "StepRecord",
    "instant",
]

EventKind = Literal["opened", "acceptance_refused", "step_completed", "refused", "appealed",
                    "appeal_extended", "appeal_decided", "appeal_revised"]
Status = Literal["open", "refused_to_accept", "result", "refusal"]


def instant(micros: int | None, tz: str = DEFAULT_TIMEZONE) -> pendulum.DateTime | None:
    """A stored instant as a pendulum DateTime (None stays None)."""
    return None if micros is None else from_micros(micros, tz)


class Event(NamedTuple):
    """One accepted action on a case: what, when, by which command.

    A named tuple (immutable, and built several times faster than a frozen dataclass: a
    batch decides millions), in the order of the journal's columns.
    """

    case_id: str
    seq: int
    kind: EventKind
    command_id: str
    at: int
    payload: Mapping[str, Any] = MappingProxyType({})


class ActiveStep(NamedTuple):
    """The step a case waits on: who must act, since when, by when."""

    step: str
    actor: str
    started: int
    due: int | None


class StepRecord(NamedTuple):
    """A completed step of a case's timeline."""

    step: str
    actor: str
    started: int
    finished: int
    due: int | None
    outcome: str | None
    by: str

    @property
    def late(self) -> bool:
        """True when the step finished after its due instant."""
        return self.due is not None and self.finished > self.due


@dataclass
class CaseState:
    """Where a case stands: the replay of its events (its complaints in `appeals`, in the
    order they were filed)."""

    case_id: str
    standard: str
    standard_version: str
    regulation: str
    regulation_version: str
    channel: str
    applicant: str
    documents: tuple[str, ...]
    received: int
    due: int | None
    status: Status = "open"
    active: ActiveStep | None = None
    history: list[StepRecord] = field(default_factory=list)
    missing: tuple[str, ...] = ()
    article: str | None = None
    ground: str | None = None
    finished: int | None = None
    last_seq: int = 0
    last_at: int = 0
    appeals: tuple[AppealRecord, ...] = ()

    def copy(self) -> CaseState:
        """An independent copy: a change to it (or to its history) does not reach this one."""
        copied = CaseState.__new__(CaseState)
        copied.__dict__.update(self.__dict__)
        copied.history = list(self.history)
        return copied

    @property
    def closed(self) -> bool:
        """True once the case has ended, one way or another."""
        return self.status != "open"

    @property
    def met_term(self) -> bool | None:
        """Whether a finished case met its term (None while open or without a term)."""
        if self.finished is None or self.due is None or self.status == "refused_to_accept":
            return None
        return self.finished <= self.due
