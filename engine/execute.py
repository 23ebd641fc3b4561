"""Run cases through the compiled process graph: open, act, refuse, detect overdue steps.

An `Executor` validates a command against a case's state and returns the events it
produces; `apply` folds an event into the state. A rejected command raises
`ExecutionError` and changes nothing. All instants come from the commands, never
from the clock, so a case replays identically.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from engine.calendar import Calendar, NaiveInstantError
from engine.calendar.arithmetic import day_of, due_micros, receive_micros
from engine.calendar.index import WorkingTime
from engine.calendar.instants import from_micros, to_instant, to_micros
from engine.case import ActiveStep, CaseState, Event, StepRecord
from engine.checks import did_you_mean
from engine.compile import END_PREFIX, START, compile_channel
from engine.corpus import Corpus
from engine.duration import Duration
from engine.errors import ExecutionError
from engine.graph_places import Moves, Place, moves_of, place_of
from engine.intake import Intake, application, not_in_force
from engine.model import Regulation, Standard, is_valid_on

__all__ = ["DueOf", "ExecutionError", "Executor", "Overdue", "Receipt"]

#: How a fold counts a due instant: (schedule, start, duration, exclude_acceptance_day) -> micros.
DueOf = Callable[[str, int, Duration, bool], int]

_ARTICLE = {"gov_corp": "Law 88-V, art. 20 p. 2", "default": "Law 88-V, art. 19"}


@dataclass(frozen=True)
class Overdue:
    """A late step (or the case's whole term when `step` is None) at a moment."""

    step: str | None
    actor: str | None
    due: int
    late_minutes: int


@dataclass(frozen=True)
class Receipt:
    """What a standard alone says of an application: accepted or not, and the term it is promised.

    `received` is the instant the term counts from (an application through the portal
    outside working hours counts from the next working period); `due` is None when
    acceptance is refused for the `missing` documents, under `article`.
    """

    service: str
    standard_version: str
    channel: str
    received: int
    due: int | None
    missing: tuple[str, ...] = ()
    article: str | None = None


class Executor:
    """Opens cases and applies actions on the specs of a corpus and a calendar."""

    def __init__(self, corpus: Corpus, calendar: Calendar) -> None:
        self.corpus = corpus
        self.calendar = calendar
        self._graphs: dict[tuple[str, str, str], nx.DiGraph] = {}
        # Caches of the hot path; the corpus is not changed once an executor runs on it.
        self._intakes: dict[tuple[str, dt.date, str | None, str], Intake] = {}
        self._spec_of: dict[tuple[str, str, str, str, str],
                            tuple[Standard, Regulation, nx.DiGraph]] = {}
        self._moves_of: dict[int, dict[str, Moves]] = {}
        self._nodes_of: dict[int, dict[str, Place]] = {}
        self._zone = zoneinfo.ZoneInfo(calendar.timezone)
        self._timing: dict[str, tuple[WorkingTime, bool]] = {}

    # -- specs -------------------------------------------------------------------------

    def resolve(self, service: str, day: dt.date,
                regulation: str | None = None) -> tuple[Standard, Regulation]:
        """The standard and regulation in force on `day` for a service (or a regulation id)."""
        chosen: Regulation | None = None
        if regulation is not None or self.corpus.regulation_versions(service):
            name = regulation or service
            versions = self.corpus.regulation_versions(name)
            if not versions:
                known = {r.id for r in self.corpus.regulations}
                raise ExecutionError(f'unknown regulation "{name}" '
                                     f"(hint: {did_you_mean(name, known)})")
            chosen = next((r for r in versions if is_valid_on(r, day)), None)
            if chosen is None:
                raise ExecutionError(not_in_force("regulation", name, day, versions))
            service = chosen.standard
        versions_s = self.corpus.standard_versions(service)
        if not versions_s:
            known = {s.id for s in self.corpus.standards}
            raise ExecutionError(f'unknown service "{service}" (hint: {did_you_mean(service, known)})')
        standard = next((s for s in versions_s if is_valid_on(s, day)), None)
        if standard is None:
            raise ExecutionError(not_in_force("service", service, day, versions_s))
        if chosen is None:
            candidates = [r for r in self.corpus.regulations_for(service) if is_valid_on(r, day)]
            if not candidates:
                raise ExecutionError(f'no regulation of service "{service}" is in force on {day} '
                                     "(hint: give a regulation in force then as SPEC, or regulation= in the "
                                     "library; receipt and refusal to accept need only the service)")
            if len(candidates) > 1:
                names = ", ".join(sorted(r.id for r in candidates))
                raise ExecutionError(f'several regulations of "{service}" are in force on {day}: '
                                     f"{names} (hint: give one of them as SPEC, or regulation= in the library)")
            chosen = candidates[0]
        return standard, chosen

    def graph(self, standard: Standard, regulation: Regulation, channel: str) -> nx.DiGraph:
        """The compiled graph of one channel (compiled once)."""
        key = (regulation.id, regulation.valid_from.isoformat(), channel)
        if key not in self._graphs:
            if channel not in standard.channels or channel not in regulation.processes:
                offered = sorted(set(standard.channels) & set(regulation.processes))
                raise ExecutionError(f'channel "{channel}" is not offered by "{regulation.id}" '
                                     f"(hint: {did_you_mean(channel, offered)})")
            self._graphs[key] = compiled = compile_channel(regulation, standard, channel)
            # kept as long as the graph: ids are not reused
            self._moves_of[id(compiled)], self._nodes_of[id(compiled)] = {}, {}
        return self._graphs[key]

    def _specs(self, state: CaseState) -> tuple[Standard, Regulation, nx.DiGraph]:
        key = (state.standard, state.standard_version, state.regulation,
               state.regulation_version, state.channel)
        found = self._spec_of.get(key)
        if found is None:
            standard = next((s for s in self.corpus.standard_versions(state.standard)
                             if s.valid_from.isoformat() == state.standard_version), None)
            regulation = next((r for r in self.corpus.regulation_versions(state.regulation)
                               if r.valid_from.isoformat() == state.regulation_version), None)
            if standard is None or regulation is None:
                raise ExecutionError(
                    f"case {state.case_id} runs on the standard \"{state.standard}\" of "
                    f"{state.standard_version} and the regulation \"{state.regulation}\" of "
                    f"{state.regulation_version}, which the loaded specs lack (hint: load the "
                    "specs the case was opened with)")
            found = standard, regulation, self.graph(standard, regulation, state.channel)
            self._spec_of[key] = found
        return found

    # -- commands ----------------------------------------------------------------------

    def open(self, case_id: str, service: str, channel: str, received: dt.datetime,
             applicant: str, documents: Sequence[str], *, regulation: str | None = None,
             command_id: str | None = None) -> list[Event]:
        """The events that open a case (and refuse to accept it when documents are missing)."""
        moment = _micros(received, self.calendar)
        day = dt.datetime.fromtimestamp(moment // 1_000_000, self._zone).date()
        intake = self.intake(service, day, regulation, channel)
        identifier, missing = application(intake.standard, channel, applicant, documents,
                                           intake.known, intake.required)
        command = command_id or f"{case_id}:open"
        opened = Event(case_id, 1, "opened", command, moment, {
            **intake.fields, "applicant": identifier, "documents": sorted(set(documents))})
        if not missing:
            return [opened]
        article = _ARTICLE.get(channel, _ARTICLE["default"])
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

    def receipt(self, service: str, channel: str, received: dt.datetime, applicant: str,
                documents: Sequence[str]) -> Receipt:
        """Acceptance and the promised term of an application, from the standard in force alone.

        It needs no regulation, so it answers for a service that has none in force; for one
        that has, `open` gives the same answers and walks the steps.

        Raises:
            ExecutionError: for an unknown or repealed service, a channel it does not offer,
                an invalid ИИН/БИН, an unknown document or a naive instant.
        """
        moment = _micros(received, self.calendar)
        day = to_instant(received, self.calendar.timezone).date()
        versions = self.corpus.standard_versions(service)
        if not versions:
            known = {s.id for s in self.corpus.standards}
            raise ExecutionError(f'unknown service "{service}" (hint: {did_you_mean(service, known)})')
        standard = next((s for s in versions if is_valid_on(s, day)), None)
        if standard is None:
            raise ExecutionError(not_in_force("service", service, day, versions))
        if channel not in standard.channels:
            raise ExecutionError(f'channel "{channel}" is not offered by service "{service}" '
                                 f"(hint: {did_you_mean(channel, standard.channels)})")
        _, missing = application(standard, channel, applicant, documents)
        start, due = self._term(standard, channel, moment)
        if missing:
            return Receipt(standard.id, standard.valid_from.isoformat(), channel, start, None,
                           tuple(missing), _ARTICLE.get(channel, _ARTICLE["default"]))
        return Receipt(standard.id, standard.valid_from.isoformat(), channel, start, due)

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

    def _target(self, graph: nx.DiGraph, state: CaseState, step: str,
                outcome: str | None) -> tuple[str, tuple[str, ...]]:
        table = self._moves_of.get(id(graph))  # only for the graphs this executor compiled
        moves = table.get(step) if table is not None else None
        if moves is None:
            moves = moves_of(graph, step)
            if table is not None:
                table[step] = moves
        offered = moves.offered
        if offered and outcome is None:
            raise ExecutionError(f'step "{step}" is a decision: give its outcome, one of '
                                 f"{', '.join(offered)}")
        if not offered and outcome is not None:
            raise ExecutionError(f'step "{step}" has no outcomes; complete it without one')
        for target, outcomes, bound, grounds in moves.edges:
            if outcome is None or outcome in outcomes:
                if bound:
                    taken = sum(1 for r in state.history if r.step == step and r.outcome == outcome)
                    if taken >= bound:
                        raise ExecutionError(f'outcome "{outcome}" of "{step}" may be taken at '
                                             f"most {bound} time(s); it was taken {taken}")
                return target, grounds
        raise ExecutionError(f'unknown outcome "{outcome}" of step "{step}" '
                             f"(hint: {did_you_mean(outcome or '', offered)})")

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
        if event.kind == "opened":
            state = self._opened(event, due)
        assert state is not None
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
        _, _, graph = self._specs(state)
        self._record(state, event.at, data["outcome"], data["by"])
        target, _ = self._target(graph, state, data["step"], data["outcome"])
        if data.get("ground"):
            state.ground = data["ground"]
        self._enter(state, graph, target, event.at, due, opening=False)

    def _record(self, state: CaseState, at: int, outcome: str | None, by: str) -> None:
        active = state.active
        if active is not None:
            state.history.append(StepRecord(active.step, active.actor, active.started, at,
                                            active.due, outcome, by))

    def _enter(self, state: CaseState, graph: nx.DiGraph, node: str, at: int, due_of: DueOf, *,
               opening: bool) -> None:
        table = self._nodes_of.get(id(graph))
        while True:
            place = table.get(node) if table is not None else None
            if place is None:
                place = place_of(graph, node)
                if table is not None:
                    table[node] = place
            if place.ending is not None:
                state.status, state.finished, state.active = place.ending, at, None
                return
            step = place.step
            assert step is not None
            if opening and place.applicant_step:
                # the applicant's own steps before receipt (signing in, filling in the request)
                state.history.append(StepRecord(step.id, step.actor, at, at, None, None,
                                                "applicant"))
                node = place.next
                continue
            due = None
            if step.duration is not None:
                due = due_of(place.schedule, at, step.duration, False)
            state.active = ActiveStep(step.id, step.actor, at, due)
            return

    def _term(self, standard: Standard, channel: str, moment: int,
              due_of: DueOf | None = None) -> tuple[int, int]:
        """When the term of an application at `moment` starts counting, and when it ends."""
        info = standard.channels[channel]
        received = self._receive(moment, info.schedule)
        return received, (due_of or self._due)(info.schedule, received, info.term,
                                                  info.acceptance_day_excluded)

    def _timing_of(self, schedule: str) -> tuple[WorkingTime, bool]:
        """The index a schedule counts on and whether it takes applications at any hour."""
        timing = self._timing.get(schedule)
        if timing is None:
            timing = self._timing[schedule] = (self.calendar.working_time(schedule),
                                               self.calendar.schedule(schedule).intake == "always")
        return timing

    def _receive(self, micros: int, schedule: str) -> int:
        """`Calendar.receive` on microseconds (no DateTime on the way in or out)."""
        index, always = self._timing_of(schedule)
        if always:
            return receive_micros(index, micros)
        day_of(index, micros)  # raises NoCalendarData outside the covered years
        return micros

    def _due(self, schedule: str, start: int, duration: Duration, exclude: bool = False) -> int:
        """`Calendar.due` on microseconds: the term counts from the receipt of `start`."""
        index, always = self._timing_of(schedule)
        # (an instant outside the covered years: due_micros raises what _receive would)
        return due_micros(index, receive_micros(index, start) if always else start, duration,
                          exclude_acceptance_day=exclude)

    def _show(self, micros: int) -> str:
        return _instant(micros, self.calendar).isoformat()

    def overdue(self, state: CaseState, at: dt.datetime) -> list[Overdue]:
        """The late step and the late case term at a moment, with the late working time."""
        moment = _micros(at, self.calendar)
        late: list[Overdue] = []
        if state.closed:
            return late
        standard, _, graph = self._specs(state)
        schedule = standard.channels[state.channel].schedule
        active = state.active
        if active is not None and active.due is not None and moment > active.due:
            step_schedule = graph.nodes[active.step]["schedule"]
            late.append(Overdue(active.step, active.actor, active.due,
                                self._minutes(active.due, moment, step_schedule)))
        if state.due is not None and moment > state.due:
            late.append(Overdue(None, None, state.due, self._minutes(state.due, moment, schedule)))
        return late

    def margin_minutes(self, state: CaseState) -> int | None:
        """Working minutes by which a finished case beat (positive) or missed its term."""
        if state.met_term is None or state.finished is None or state.due is None:
            return None
        standard, _, _ = self._specs(state)
        schedule = standard.channels[state.channel].schedule
        if state.finished <= state.due:
            return self._minutes(state.finished, state.due, schedule)
        return -self._minutes(state.due, state.finished, schedule)

    def _minutes(self, start: int, end: int, schedule: str) -> int:
        return self.calendar.elapsed(_instant(start, self.calendar), _instant(end, self.calendar),
                                     schedule).working_minutes


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


def _micros(value: dt.datetime, calendar: Calendar) -> int:
    if value.tzinfo is None:
        raise ExecutionError(f"instant {value.isoformat()} has no time zone (hint: give the "
                             "offset, e.g. 2024-05-03T10:00:00+05:00)")
    try:
        return to_micros(value)  # the same instant in any zone: no DateTime in the calendar's zone
    except NaiveInstantError:
        to_instant(value, calendar.timezone)  # the explanation, in the calendar's zone
        raise


def _instant(micros: int, calendar: Calendar) -> dt.datetime:
    return from_micros(micros, calendar.timezone)


