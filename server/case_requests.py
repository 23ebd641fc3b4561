"""The bodies of the journal's commands, as the API takes them, and the commands they make.

Each model is one `engine.cases` command without its case id (the URL's, but for an
opening) and without its command id (made from the `Idempotency-Key` header): texts are
bounded, instants are ISO 8601 with their UTC offset (a 400 problem naming the field
otherwise), everything else is checked by the engine, whose message a 422 problem carries.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from engine.cases import (
    Appeal,
    Command,
    Complete,
    DecideAppeal,
    Executor,
    ExtendAppeal,
    Open,
    Refuse,
    ReviseAppeal,
)
from server.simulation import instant_of

__all__ = ["AppealRequest", "CompleteRequest", "DecisionRequest",
           "ExtensionRequest", "OpenRequest", "RefusalRequest", "RevisionRequest", "Text200"]

Text200 = Annotated[str, Field(max_length=200)]
_INSTANT = Field(max_length=64, description="ISO 8601 instant with its UTC offset",
                 examples=["2026-12-07T10:00:00+05:00"])


class OpenRequest(BaseModel):
    """An application received: the case opens (or is refused to accept)."""

    case_id: Text200 = Field(examples=["2026-0001"])
    service: Text200 = Field(examples=["school-admission"])
    channel: Text200 = Field(examples=["portal"])
    received: str = _INSTANT
    applicant: str = Field(max_length=12, description="ИИН or БИН", examples=["860306300458"])
    documents: list[Text200] = Field(default_factory=list, max_length=100)
    regulation: Text200 | None = None

    def command(self, executor: Executor) -> Command:
        """The `Open` command (its instant parsed)."""
        return Open(self.case_id, self.service, self.channel,
                         instant_of(self.received, "received", executor), self.applicant,
                         tuple(self.documents), self.regulation)


class _Act(BaseModel):
    at: str = _INSTANT
    by: Text200 = Field(examples=["clerk-12"])


class CompleteRequest(_Act):
    """The active step completed (with its outcome at a decision, its ground at a refusal)."""

    step: Text200
    outcome: Text200 | None = None
    ground: Text200 | None = None

    def command(self, case_id: str, executor: Executor) -> Command:
        """The `Complete` command."""
        return Complete(case_id, self.step, instant_of(self.at, "at", executor),
                         self.by, self.outcome, self.ground)


class RefusalRequest(_Act):
    """A reasoned refusal now, on a ground of the standard."""

    ground: Text200

    def command(self, case_id: str, executor: Executor) -> Command:
        """The `Refuse` command."""
        return Refuse(case_id, self.ground, instant_of(self.at, "at", executor),
                         self.by)


class AppealRequest(_Act):
    """A complaint filed about the case with a body (provider, state_corporation,
    quality_agency)."""

    appeal: Text200 = Field(examples=["A-1"])
    body: Text200 = Field(examples=["provider"])
    complainant: Annotated[str, Field(max_length=500)]
    substance: Annotated[str, Field(max_length=2000)]

    def command(self, case_id: str, executor: Executor) -> Command:
        """The `Appeal` command."""
        return Appeal(case_id, self.appeal, self.body, self.complainant,
                         self.substance, instant_of(self.at, "at", executor), self.by)


class ExtensionRequest(_Act):
    """The examination of a complaint extended by working days, within its rule."""

    days: int = Field(ge=1, le=100)
    reason: Annotated[str, Field(max_length=2000)]

    def command(self, case_id: str, appeal: str, executor: Executor) -> Command:
        """The `ExtendAppeal` command."""
        return ExtendAppeal(case_id, appeal, self.days, self.reason,
                         instant_of(self.at, "at", executor), self.by)


class DecisionRequest(_Act):
    """The decision on a complaint: satisfied, partly_satisfied or rejected."""

    decision: Text200 = Field(examples=["rejected"])
    document: Text200 = Field(examples=["12-3/45"])
    examined_by: Text200

    def command(self, case_id: str, appeal: str, executor: Executor) -> Command:
        """The `DecideAppeal` command."""
        return DecideAppeal(case_id, appeal, self.decision, self.document,
                         self.examined_by, instant_of(self.at, "at", executor), self.by)


class RevisionRequest(_Act):
    """A revision of the decision on a complaint (by a higher body or a court)."""

    revision: Annotated[str, Field(max_length=2000)]

    def command(self, case_id: str, appeal: str, executor: Executor) -> Command:
        """The `ReviseAppeal` command."""
        return ReviseAppeal(case_id, appeal, self.revision,
                         instant_of(self.at, "at", executor), self.by)
