"""Cases kept in a durable journal: the executor's decisions, written and replayed.

`CaseBook` is what an information system embeds: it opens cases and applies actions
through the `Executor`, appends the resulting events to the `Journal`, and answers
questions (state, overdue steps) by replaying them. Commands carry an id so a retried
command applies once; when another process acted on the case first, the command is
decided again on the fresh state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from engine.case import CaseState, Event
from engine.execute import ExecutionError, Executor, Overdue
from engine.journal import ConflictError, Journal

__all__ = ["CaseBook"]

_RETRIES = 20
#: States of recently used cases kept to fold new events into, instead of replaying all.
_KEPT = 256


class CaseBook:
    """Cases of one journal, run by one executor."""

    def __init__(self, executor: Executor, journal: Journal) -> None:
        self.executor = executor
        self.journal = journal
        self._kept: dict[str, CaseState] = {}
        self._kept_of: Journal = journal

    def state(self, case_id: str) -> CaseState:
        """The current state of a case.

        The state of a recently used case is kept, and only the events appended since
        (by this or another process) are read and folded into it: the same state as the
        replay of every event, since a case's events are only ever appended.

        Raises:
            ExecutionError: when the journal has no such case.
        """
        if self._kept_of is not self.journal:
            self._kept, self._kept_of = {}, self.journal
        kept = self._kept.pop(case_id, None)
        events = self.journal.events(case_id, after=kept.last_seq if kept is not None else 0)
        if kept is None:
            if not events:
                raise ExecutionError(f"no case {case_id!r} in {self.journal.path}")
            state = self.executor.replay(events)
        else:
            state = kept
            for event in events:
                state = self.executor.apply(state, event)
        self._kept[case_id] = state
        if len(self._kept) > _KEPT:
            del self._kept[next(iter(self._kept))]
        # the caller's own copy: a change to it does not reach the kept state
        return replace(state, history=list(state.history))

    def open(self, case_id: str, service: str, channel: str, received: dt.datetime,
             applicant: str, documents: Sequence[str], *, regulation: str | None = None,
             command_id: str | None = None) -> CaseState:
        """Open a case (or refuse to accept it) and record it."""
        command = command_id or f"{case_id}:open"
        if self.journal.has_command(case_id, command):
            return self.state(case_id)
        if self.journal.events(case_id):
            raise ExecutionError(f"case {case_id!r} already exists (hint: choose another id)")
        events = self.executor.open(case_id, service, channel, received, applicant, documents,
                                    regulation=regulation, command_id=command)
        try:
            self.journal.append(events)
        except ConflictError:
            raise ExecutionError(f"case {case_id!r} was opened by another writer") from None
        return self.state(case_id)

    def complete(self, case_id: str, step: str, *, at: dt.datetime, by: str,
                 outcome: str | None = None, ground: str | None = None,
                 command_id: str | None = None) -> CaseState:
        """Complete the active step of a case (with its outcome at a decision)."""
        return self._act(case_id, command_id, lambda state, command: self.executor.complete(
            state, step, at=at, by=by, outcome=outcome, ground=ground, command_id=command))

    def refuse(self, case_id: str, ground: str, *, at: dt.datetime, by: str,
               command_id: str | None = None) -> CaseState:
        """Refuse the service with a ground of the standard (a reasoned refusal)."""
        return self._act(case_id, command_id, lambda state, command: self.executor.refuse(
            state, ground, at=at, by=by, command_id=command))

    def _act(self, case_id: str, command_id: str | None,
             decide: Callable[[CaseState, str], list[Event]]) -> CaseState:
        if command_id is not None and self.journal.has_command(case_id, command_id):
            return self.state(case_id)
        for _ in range(_RETRIES):
            state = self.state(case_id)
            command = command_id or f"{case_id}:{state.last_seq + 1}"
            try:
                self.journal.append(decide(state, command))
            except ConflictError:
                continue
            return self.state(case_id)
        raise ExecutionError(f"case {case_id!r} is changing too fast; try again")

    def overdue(self, at: dt.datetime) -> list[tuple[str, Overdue]]:
        """Every late step and late term of the open cases at a moment, by case id."""
        late: list[tuple[str, Overdue]] = []
        for case_id in self.journal.cases():
            state = self.state(case_id)
            late.extend((case_id, item) for item in self.executor.overdue(state, at))
        return late
