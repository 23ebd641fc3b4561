"""Cases kept in a durable journal: the executor's decisions, written and replayed.

`CaseBook` is what an information system embeds: it opens cases and applies actions
through the `Executor`, appends the resulting events to the `Journal`, and answers
questions (state, overdue steps) by replaying them. Commands carry an id so a retried
command applies once; when another process acted on the case first, the command is
decided again on the fresh state. `apply_many` applies a batch of commands with one
transaction (group commit); the one-command methods are batches of one. `import_cohort`
writes a cohort of new cases (`engine.cases.cohort`), and their complaints as columns
(`engine.cases.cohort_appeals`), in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from engine.calendar import CalendarError
from engine.cases.batch import Applied, collector_paused, run_batch
from engine.cases.commands import (
    Appeal,
    Command,
    Complete,
    DecideAppeal,
    ExtendAppeal,
    Open,
    Refuse,
    ReviseAppeal,
    command_problem,
)
from engine.cases.executor import ExecutionError, Executor, Overdue
from engine.cases.journal import Journal, ReplayError
from engine.cases.journal_rows import row_at
from engine.cases.state import CaseState, Event

if TYPE_CHECKING:  # a cohort's modules load when one is imported, not with every command
    from engine.cases.cohort import Cohort, CohortResult
    from engine.cases.cohort_appeals import Appeals

__all__ = ["CaseBook"]

_RETRIES = 20
#: States of recently used cases kept to fold new events into, instead of replaying all.
_KEPT = 4096


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
        replay of every event, since a case's events are only ever appended. The replay
        is strict: an event the executor cannot fold (an unknown kind, a step that is not
        the active one, a step or version the specs lack) is an error naming its row.

        Raises:
            ExecutionError: when the journal has no such case.
            ReplayError: a row of the case that cannot be read or replayed.
        """
        if self._kept_of is not self.journal:
            self._kept, self._kept_of = {}, self.journal
        kept = self._kept.pop(case_id, None)
        events = self.journal.events(case_id, after=kept.last_seq if kept is not None else 0)
        if kept is None and not events:
            raise ExecutionError(f"no case {case_id!r} in {self.journal.path}")
        state = kept
        for event in events:
            try:
                state = self.executor.apply(state, event)
            except (ExecutionError, CalendarError) as error:
                raise ReplayError(row_at(self.journal.path, case_id, event.seq,
                                         f"cannot be replayed: {error}")) from None
        assert state is not None
        self._kept[case_id] = state
        if len(self._kept) > _KEPT:
            del self._kept[next(iter(self._kept))]
        # the caller's own copy: a change to it does not reach the kept state
        return state.copy()

    def open(self, case_id: str, service: str, channel: str, received: dt.datetime,
             applicant: str, documents: Sequence[str], *, regulation: str | None = None,
             command_id: str | None = None) -> CaseState:
        """Open a case (or refuse to accept it) and record it."""
        return self._one(Open(case_id, service, channel, received, applicant, tuple(documents),
                              regulation, command_id))

    def complete(self, case_id: str, step: str, *, at: dt.datetime, by: str,
                 outcome: str | None = None, ground: str | None = None,
                 command_id: str | None = None) -> CaseState:
        """Complete the active step of a case (with its outcome at a decision)."""
        return self._one(Complete(case_id, step, at, by, outcome, ground, command_id))

    def refuse(self, case_id: str, ground: str, *, at: dt.datetime, by: str,
               command_id: str | None = None) -> CaseState:
        """Refuse the service with a ground of the standard (a reasoned refusal)."""
        return self._one(Refuse(case_id, ground, at, by, command_id))

    def appeal(self, case_id: str, appeal_id: str, body: str, complainant: str, substance: str,
               *, at: dt.datetime, by: str, command_id: str | None = None) -> CaseState:
        """File a complaint about a case with `body` (provider, state_corporation or
        quality_agency); its due instant is set by the rule in force on the day
        (`engine.cases.complaint_rules`). A closed case takes complaints too."""
        return self._one(Appeal(case_id, appeal_id, body, complainant, substance, at, by,
                                command_id))

    def extend_appeal(self, case_id: str, appeal_id: str, days: int, reason: str, *,
                      at: dt.datetime, by: str, command_id: str | None = None) -> CaseState:
        """Extend the examination of a complaint by working days, within its rule's maximum."""
        return self._one(ExtendAppeal(case_id, appeal_id, days, reason, at, by, command_id))

    def decide_appeal(self, case_id: str, appeal_id: str, decision: str, document: str,
                      examined_by: str, *, at: dt.datetime, by: str,
                      command_id: str | None = None) -> CaseState:
        """Record the decision on a complaint (satisfied, partly_satisfied or rejected) and
        the number of its document."""
        return self._one(DecideAppeal(case_id, appeal_id, decision, document, examined_by, at,
                                      by, command_id))

    def revise_appeal(self, case_id: str, appeal_id: str, revision: str, *, at: dt.datetime,
                      by: str, command_id: str | None = None) -> CaseState:
        """Record a revision of the decision on a complaint (by a higher body or a court)."""
        return self._one(ReviseAppeal(case_id, appeal_id, revision, at, by, command_id))

    def _one(self, command: Command) -> CaseState:
        (applied,) = self.apply_many([command])
        if applied.error is not None:
            raise ExecutionError(applied.error)
        return self.state(command.case_id)

    def apply_many(self, commands: Sequence[Command]) -> list[Applied]:
        """Apply many commands with one transaction for all of them (group commit).

        Each command is decided as `engine.cases.batch.run_one_by_one` decides it, on the
        cases as the journal holds them; the events of every accepted command are
        appended together, and this returns one `Applied` per command, in order, once
        they are committed: each is acknowledged only when it is on disk. A command
        whose id its case already has is `repeated` (a retry: nothing new is written),
        in the journal or earlier in the same batch. When another process appended to a
        case in the meantime, that case's commands are decided again on its new state.
        A command with a value of the wrong type, a blank case id or text that is not
        valid Unicode (`engine.cases.commands.command_problem`), and every command on a
        case whose events cannot be replayed (`ReplayError`), is rejected with that
        message; the others are applied.

        Raises:
            JournalError, sqlite3.Error: the journal failed; nothing of the batch was
                written (commands of earlier rounds of retries may have been).
        """
        with collector_paused():  # as in run_batch: the rows and texts are acyclic too
            return self._apply_many(commands)

    def _apply_many(self, commands: Sequence[Command]) -> list[Applied]:
        results: list[Applied | None] = [None] * len(commands)
        todo = []
        for n, command in enumerate(commands):  # every command's types, before any is decided
            problem = command_problem(command)
            if problem is None:
                todo.append(n)
            else:
                results[n] = Applied(command, error=problem)
        where = f" in {self.journal.path}"
        for _ in range(_RETRIES):
            if not todo:
                break
            case_ids = list(dict.fromkeys(commands[n].case_id for n in todo))
            damaged: dict[str, str] = {}
            states: dict[str, CaseState] = {}
            with self.journal.reading():
                known = self.journal.commands_of(case_ids)
                for case_id, (last, _) in known.items():
                    try:
                        states[case_id] = self._kept_state(case_id, last)
                    except ReplayError as error:  # that case's commands are refused, not all
                        damaged[case_id] = str(error)
            for n in todo:
                if commands[n].case_id in damaged:
                    results[n] = Applied(commands[n], error=damaged[commands[n].case_id])
            todo = [n for n in todo if commands[n].case_id not in damaged]
            batch = [commands[n] for n in todo]
            applied_ids = [(case_id, key) for case_id, (_, keys) in known.items() for key in keys]
            outcome = run_batch(self.executor, batch, states, applied_ids=applied_ids, where=where)
            written = {a.command.case_id for a in outcome.applied if a.events}
            expected = {case_id: known[case_id][0] if case_id in known else 0
                        for case_id in written}
            moved = self.journal.append_many(
                [event for a in outcome.applied for event in a.events], expected)
            for position, applied in zip(todo, outcome.applied, strict=True):
                if applied.command.case_id not in moved:
                    results[position] = applied
            self._keep({c: s for c, s in outcome.states.items() if c not in moved})
            todo = [n for n in todo if commands[n].case_id in moved]
        for n in todo:
            results[n] = Applied(commands[n], error=f"case {commands[n].case_id!r} is changing "
                                 "too fast; try again")
        return [applied for applied in results if applied is not None]

    def import_cohort(self, cohort: Cohort, appeals: Appeals | None = None) -> CohortResult:
        """Run a cohort of new cases (`engine.cases.cohort_run.run_cohort`), then its complaints
        (`engine.cases.cohort_appeals.Appeals`), and write every event of both in one
        transaction: all of them are on disk when this returns, or none.

        The complaints are decided as `apply_many(appeals.commands())` would decide them
        after the cohort — the same checks, messages and events — and their `Applied` are
        `result.appeals`, one per command; a complaint about a case that is not in the
        cohort is rejected (it may be in the journal: file it with `apply_many`).

        Raises:
            JournalError: a case of the cohort is in the journal already (nothing is
                written: a cohort imports new cases; a retried import raises it too),
                or the journal failed.
        """
        from engine.cases.cohort_run import run_cohort

        result = run_cohort(self.executor, cohort)
        with collector_paused():
            events = [event for row in range(len(cohort)) for event in result.events(row)]
            if appeals is not None:
                result.appeals = _complaints(self.executor, cohort, result, appeals, events)
                events.extend(event for applied in result.appeals for event in applied.events)
            self.journal.append_new_cases(events, list(dict.fromkeys(cohort.case_ids)))
        return result

    def _kept_state(self, case_id: str, last: int) -> CaseState:
        """The state of a case whose last event is `last` (kept, or replayed)."""
        kept = self._kept.get(case_id) if self._kept_of is self.journal else None
        if kept is not None and kept.last_seq == last:
            return kept
        return self.state(case_id)

    def _keep(self, states: dict[str, CaseState]) -> None:
        if self._kept_of is not self.journal:
            self._kept, self._kept_of = {}, self.journal
        for case_id, state in states.items():
            self._kept.pop(case_id, None)
            self._kept[case_id] = state
        while len(self._kept) > _KEPT:
            del self._kept[next(iter(self._kept))]

    def overdue(self, at: dt.datetime) -> list[tuple[str, Overdue]]:
        """Every late step and late term of the open cases, and every complaint undecided past
        its due instant (of any case), at a moment, by case id."""
        late: list[tuple[str, Overdue]] = []
        for case_id in self.journal.cases():
            state = self.state(case_id)
            late.extend((case_id, item) for item in self.executor.overdue(state, at))
        return late


def _complaints(executor: Executor, cohort: Cohort, result: CohortResult, appeals: Appeals,
                events: list[Event]) -> list[Applied]:
    """The complaints of `appeals` decided on the cases of `cohort` as `result` left them."""
    commands = appeals.commands()
    ours = set(cohort.case_ids)
    wanted = {command.case_id for command in commands}
    states: dict[str, CaseState] = {}
    for row, case_id in enumerate(cohort.case_ids):  # as `CohortResult.states` makes them
        state = result.state(row) if case_id in wanted else None
        if state is not None:
            states[case_id] = state
    decided = [command for command in commands if command.case_id in ours]
    done = iter(run_batch(executor, decided, states,
                          applied_ids={(e.case_id, e.command_id) for e in events}).applied)
    return [next(done) if command.case_id in ours else Applied(
        command, error=f"complaint {command.appeal!r} is about case {command.case_id!r}, which "
        "is not a case of this cohort (hint: file complaints about cases already in the journal "
        "with apply_many or `reglament case apply`)") for command in commands]
