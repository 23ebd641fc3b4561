"""Run cases through the compiled process graph: open, act, refuse, detect overdue steps.

An `Executor` validates a command against a case's state and returns the events it
produces; `apply` folds an event into the state. A rejected command raises
`ExecutionError` and changes nothing. All instants come from the commands, never
from the clock, so a case replays identically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from engine.calendar.instants import to_instant
from engine.cases.appeal_commands import AppealCommand
from engine.cases.appeal_events import appeal_events, fold_appeal
from engine.cases.appeals import APPEAL_KINDS
from engine.cases.case_timing import DueOf, Overdue, _micros
from engine.cases.intake import Intake, application
from engine.cases.receipts import Receipt, Receipts, acceptance_article
from engine.cases.state import CaseState, Event
from engine.process.compile import END_PREFIX, START
from engine.spec.checks import did_you_mean
from engine.spec.errors import ExecutionError

__all__ = ["DueOf", "ExecutionError", "Executor", "Overdue", "Receipt"]

class Executor(Receipts):
    """Opens cases and applies actions on the specs of a corpus and a calendar (its receipts
    of applications from a standard alone: `engine.cases.receipts`)."""

    # -- commands ----------------------------------------------------------------------

    def open(self, case_id: str, service: str, channel: str, received: dt.datetime,
             applicant: str, documents: Sequence[str], *, regulation: str | None = None,
             command_id: str | None = None) -> list[Event]:
        """The events that open a case (and refuse to accept it when documents are missing)."""
        moment = _micros(received, self.calendar)
        day = dt.datetime.fromtimestamp(moment // 1_000_000, self._zone).date()
        intake = self.intake(service, day, regulation, channel)
        self._check_reception(intake.standard, channel, moment)
        identifier, missing = application(intake.standard, channel, applicant, documents,
                                           intake.known, intake.required)
        command = command_id or f"{case_id}:open"
        opened = Event(case_id, 1, "opened", command, moment, {
            **intake.fields, "applicant": identifier, "documents": sorted(set(documents))})
        if not missing:
            return [opened]
        article = acceptance_article(channel)
        return [opened, Event(case_id, 2, "acceptance_refused", command, moment,
                              {"missing": missing, "article": article})]

    def intake(self, service: str, day: dt.date, regulation: str | None, channel: str) -> Intake:
        """What opening a case of `service` on `channel` on `day` needs of the specs (read once).

        Raises:
            ExecutionError: as `open` does, for an unknown service or one not in force.
        """
        key = (service, day, regulation, channel)
        intake = self._intakes.get(key)
        if intake is None:
            intake = self._intakes[key] = self._intake(service, day, regulation, channel)
        return intake

    def _intake(self, service: str, day: dt.date, regulation: str | None,
                channel: str) -> Intake:
        standard, chosen = self.resolve(service, day, regulation)
        self.graph(standard, chosen, channel)
        fields = {"service": standard.id, "standard_version": standard.valid_from.isoformat(),
                  "regulation": chosen.id, "regulation_version": chosen.valid_from.isoformat(),
                  "channel": channel}
        return Intake(standard, fields, frozenset(d.id for d in standard.documents),
                       tuple(d.id for d in standard.required_documents(channel)))

    def complete(self, state: CaseState, step: str, *, at: dt.datetime, by: str,
                 outcome: str | None = None, ground: str | None = None,
                 command_id: str | None = None) -> list[Event]:
        """The event of completing the active step (with its outcome at a decision)."""
        moment = self._check_open(state, at)
        active = state.active
        assert active is not None
        if step != active.step:
            raise ExecutionError(f'step "{step}" is not the active step of case '
                                 f'{state.case_id}; "{active.step}" is (by {active.actor})')
        _, _, graph = self._specs(state)
        target, grounds = self._target(graph, state, step, outcome)
        if target == f"{END_PREFIX}refusal":
            if ground is None or ground not in grounds:
                raise ExecutionError(f'this refusal must cite one of the grounds: '
                                     f"{', '.join(grounds)} (hint: --ground NAME)")
        elif ground is not None and graph.has_edge(target, f"{END_PREFIX}refusal"):
            # an outcome with a time limit of its own: the refusal is issued when it is done
            raise ExecutionError(f'the ground is cited when "{target}" is completed, which ends '
                                 f'the case in the refusal; "{step}" with {outcome} leads to it '
                                 f'(hint: complete "{step}" without --ground)')
        elif ground is not None:
            raise ExecutionError(f'a ground is cited only when refusing; "{step}" '
                                 f"{'with ' + outcome + ' ' if outcome else ''}does not refuse")
        return [Event(state.case_id, state.last_seq + 1, "step_completed",
                      command_id or f"{state.case_id}:{state.last_seq + 1}", moment,
                      {"step": step, "outcome": outcome, "by": by, "ground": ground})]

    def refuse(self, state: CaseState, ground: str, *, at: dt.datetime, by: str,
               command_id: str | None = None) -> list[Event]:
        """A reasoned refusal of the service at the active step, citing a ground."""
        moment = self._check_open(state, at)
        standard, _, _ = self._specs(state)
        grounds = {g.id for g in standard.refusal_grounds}
        if ground not in grounds:
            raise ExecutionError(f'"{ground}" is not a refusal ground of service '
                                 f'"{standard.id}" (hint: {did_you_mean(ground, grounds)})')
        return [Event(state.case_id, state.last_seq + 1, "refused",
                      command_id or f"{state.case_id}:{state.last_seq + 1}", moment,
                      {"ground": ground, "by": by})]

    def appeal(self, state: CaseState, command: AppealCommand) -> list[Event]:
        """The event of a command about a complaint (filing, extending, deciding or revising
        it: `engine.cases.appeal_events`); a closed case takes them too."""
        return appeal_events(self, state, command)

    def leads_to(self, state: CaseState, outcome: str | None = None) -> tuple[str, tuple[str, ...]]:
        """Where completing the active step with `outcome` leads, and the grounds it may cite.

        The place is a step id or an end node (`end:result`, `end:refusal`, ...); the
        grounds are those a refusal reached this way must cite one of.

        Raises:
            ExecutionError: as `complete` does, for a closed case or a missing or unknown outcome.
        """
        if state.closed or state.active is None:
            raise ExecutionError(f"case {state.case_id} is closed ({state.status}); "
                                 "no further action is possible")
        _, _, graph = self._specs(state)
        return self._target(graph, state, state.active.step, outcome)

    def _check_open(self, state: CaseState, at: dt.datetime) -> int:
        if state.closed:
            raise ExecutionError(f"case {state.case_id} is closed ({state.status}); "
                                 "no further action is possible")
        moment = _micros(at, self.calendar)
        if moment < state.last_at:
            raise ExecutionError(f"{to_instant(at).isoformat()} is before the case's last "
                                 f"action at {self._show(state.last_at)} (time cannot go back)")
        return moment

    # -- state ---------------------------------------------------------------------------

    def replay(self, events: Iterable[Event]) -> CaseState:
        """The state of a case from its events."""
        state: CaseState | None = None
        for event in events:
            state = self.apply(state, event)
        if state is None:
            raise ExecutionError("a case needs at least its opening event")
        return state

    def apply(self, state: CaseState | None, event: Event) -> CaseState:
        """Fold one event into a case's state (a new state; `state` is left as it was)."""
        return self.fold(state, event, copy=True)

    def fold(self, state: CaseState | None, event: Event, *, copy: bool,
             due_of: DueOf | None = None) -> CaseState:
        """Fold one event into a state: `apply`, with the choices a batch needs.

        Args:
            copy: False folds into `state` itself (an "opened" event makes a new state
                either way), for a caller that owns it.
            due_of: how a due instant is counted, `(schedule, start, duration,
                exclude_acceptance_day) -> micros`; the calendar's, by default. A batch
                passes one that notes the request and answers later for all at once.
        """
        due = due_of or self._due
        data = event.payload
        kind = event.kind
        if kind == "opened":
            if state is not None:
                raise ExecutionError(f"case {state.case_id} is opened a second time")
            state = self._opened(event, due)
        elif state is None:
            raise ExecutionError(f'a case begins with its opening, not with "{kind}"')
        elif state.closed and kind not in APPEAL_KINDS:  # a complaint may follow the end
            raise ExecutionError(f'case {state.case_id} is closed ({state.status}); no "{kind}" '
                                 "may follow")
        elif event.at < state.last_at:
            raise ExecutionError(f"{self._show(event.at)} is before the case's last action at "
                                 f"{self._show(state.last_at)} (time cannot go back)")
        if copy:
            state = _advanced(state, event)
        else:
            state.last_seq, state.last_at = event.seq, max(state.last_at, event.at)
        if event.kind == "acceptance_refused":
            state.status, state.missing = "refused_to_accept", tuple(data["missing"])
            state.article, state.finished, state.active, state.due = (
                data["article"], event.at, None, None)
        elif event.kind == "step_completed":
            self._completed(state, event, due)
        elif event.kind == "refused":
            self._record(state, event.at, None, data["by"])
            state.status, state.ground, state.finished, state.active = (
                "refusal", data["ground"], event.at, None)
        elif kind in APPEAL_KINDS:
            fold_appeal(state, event)
        elif kind != "opened":
            raise ExecutionError(f'unknown event kind "{kind}"')
        return state

    def _opened(self, event: Event, due: DueOf) -> CaseState:
        data = event.payload
        state = CaseState(event.case_id, data["service"], data["standard_version"],
                          data["regulation"], data["regulation_version"], data["channel"],
                          data["applicant"], tuple(data["documents"]), event.at, None)
        standard, _, graph = self._specs(state)
        received, state.due = self._term(standard, state.channel, event.at, due)
        first = next(iter(graph.successors(START)))
        self._enter(state, graph, first, received, due, opening=True)
        return state

    def _completed(self, state: CaseState, event: Event, due: DueOf) -> None:
        data = event.payload
        active = state.active
        if active is None or data["step"] != active.step:
            waiting = f'"{active.step}" is' if active is not None else "no step is"
            raise ExecutionError(f'the event completes step "{data["step"]}", but {waiting} '
                                 f"active in case {state.case_id}")
        _, _, graph = self._specs(state)
        self._record(state, event.at, data["outcome"], data["by"])
        target, _ = self._target(graph, state, data["step"], data["outcome"])
        if data.get("ground"):
            state.ground = data["ground"]
        self._enter(state, graph, target, event.at, due, opening=False)


def _advanced(state: CaseState, event: Event) -> CaseState:
    """A copy of `state` at `event`'s sequence number and time, with its own history list.

    What `dataclasses.replace` gives, without running `__init__` field by field (it was
    a third of `apply`).
    """
    advanced = CaseState.__new__(CaseState)
    advanced.__dict__.update(state.__dict__)
    advanced.last_seq = event.seq
    advanced.last_at = max(state.last_at, event.at)
    advanced.history = list(state.history)
    return advanced
