"""A complaint (appeal) about a case, as the case's state holds it: `AppealRecord`.

A complaint against a provider's decision, action or inaction is filed with the provider's
head, the State Corporation or the quality-control agency; it has its own due instant (the
dated rule in force on the day it was filed, `engine.cases.complaint_rules`), may be extended,
is decided (satisfied, partly satisfied or rejected, by a document with a number) and the
decision may be revised. Its fields are the seven columns of the complaints appendix of the
provider's report (seed 000) and the instants that tell whether it was examined in time.
The events that make and change one are in `engine.cases.appeal_events`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = ["APPEAL_KINDS", "DECISIONS", "AppealRecord", "Decision"]

Decision = Literal["satisfied", "partly_satisfied", "rejected"]
#: The decisions a complaint may end in.
DECISIONS: tuple[Decision, ...] = ("satisfied", "partly_satisfied", "rejected")
#: The kinds of events about complaints: they may follow a closed case.
APPEAL_KINDS = frozenset({"appealed", "appeal_extended", "appeal_decided", "appeal_revised"})


class AppealRecord(NamedTuple):
    """A complaint about a case: who filed it and about what, to which body under which
    rule, when it is due, and how it was decided and revised."""

    appeal: str
    body: str
    complainant: str
    substance: str
    rule: str
    filed: int
    due: int
    extended_days: int = 0
    decision: str | None = None
    document: str | None = None
    examined_by: str | None = None
    decided: int | None = None
    revision: str | None = None

    @property
    def late(self) -> bool:
        """True when the complaint was decided after its due instant."""
        return self.decided is not None and self.decided > self.due

    def overdue(self, at: int) -> bool:
        """True when the complaint is late at `at` (micros): decided late, or still
        undecided past its due instant."""
        return self.late or (self.decided is None and at > self.due)
