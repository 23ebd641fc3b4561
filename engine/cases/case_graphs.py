"""What a case runs on: the specs in force, their compiled graphs, and working time.

`CaseGraphs` is the part of the `Executor` that does not decide commands: it finds the
standard and regulation of a service on a day (the minimal process the standard implies
when no regulation is in force), compiles and keeps each channel's graph,
walks it from a step to the next one that waits for somebody (`_enter`); the due instants
and working minutes it counts come from `engine.cases.case_timing`.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import networkx as nx

from engine.calendar import Calendar
from engine.calendar.index import WorkingTime
from engine.calendar.meetings import meeting_micros
from engine.cases.case_timing import CaseTiming, DueOf, Overdue, _micros
from engine.cases.complaint_rules import BODY_SCHEDULES
from engine.cases.graph_places import Moves, Place, moves_of, place_of
from engine.cases.intake import Intake, not_in_force
from engine.cases.state import ActiveStep, CaseState, StepRecord
from engine.corpus.lookup import Corpus
from engine.process.compile import compile_channel
from engine.process.implied import implied_regulation, implied_standard
from engine.spec.checks import did_you_mean
from engine.spec.duration import Duration
from engine.spec.errors import ExecutionError
from engine.spec.model import Regulation, Standard, Step, is_valid_on

__all__ = ["CaseGraphs", "DueOf", "Overdue"]

class CaseGraphs(CaseTiming):
    """The specs, graphs and working-time arithmetic of the cases of a corpus on a calendar."""

    def __init__(self, corpus: Corpus, calendar: Calendar) -> None:
        """`calendar` with the corpus's own schedules (`kind: schedules`) added.

        Raises:
            SpecErrors: when the corpus's schedules cannot be joined to the calendar.
        """
        self.corpus = corpus
        self.calendar = corpus.calendar_for(calendar)
        self._graphs: dict[tuple[str, str, str], nx.DiGraph] = {}
        # Caches of the hot path; the corpus is not changed once an executor runs on it.
        self._intakes: dict[tuple[str, dt.date, str | None, str], Intake] = {}
        self._spec_of: dict[tuple[str, str, str, str, str],
                            tuple[Standard, Regulation, nx.DiGraph]] = {}
        self._moves_of: dict[int, dict[str, Moves]] = {}
        self._nodes_of: dict[int, dict[str, Place]] = {}
        self._zone = zoneinfo.ZoneInfo(calendar.timezone)
        self._timing: dict[str, tuple[WorkingTime, bool]] = {}
        self._term_schedules: dict[tuple[str, Duration, str | None], str] = {}
        self._implied: dict[tuple[str, dt.date], Regulation] = {}

    def resolve(self, service: str, day: dt.date,
                regulation: str | None = None) -> tuple[Standard, Regulation]:
        """The standard and regulation in force on `day` for a service (or a regulation id).

        The regulation is the one named; else the only one in force that day (regional or
        national); else, of several, the national one (a ministry's Rules); else, when none
        is in force, the minimal process the standard implies (`implied_regulation`: steps
        not given by any text).
        """
        chosen: Regulation | None = None
        implied = implied_standard(regulation) if regulation is not None else None
        if implied is not None:
            service = implied
        elif regulation is not None or self.corpus.regulation_versions(service):
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
        standard = self.standard_on(service, day)
        if chosen is None:
            candidates = ([] if implied is not None else
                          [r for r in self.corpus.regulations_for(service) if is_valid_on(r, day)])
            national = [r for r in candidates if r.scope == "national"]
            if len(candidates) > 1 and len(national) == 1:
                candidates = national
            if len(candidates) > 1:
                names = ", ".join(sorted(r.id for r in candidates))
                raise ExecutionError(f'several regulations of "{service}" are in force on {day}: '
                                     f"{names} (hint: give one of them as SPEC, or regulation= in the library)")
            chosen = candidates[0] if candidates else self.implied(standard)
        return standard, chosen

    def standard_on(self, service: str, day: dt.date) -> Standard:
        """The version of a service's standard in force on `day`.

        Raises:
            ExecutionError: for an unknown service, or one not in force that day.
        """
        versions = self.corpus.standard_versions(service)
        if not versions:
            known = {s.id for s in self.corpus.standards}
            raise ExecutionError(f'unknown service "{service}" (hint: {did_you_mean(service, known)})')
        standard = next((s for s in versions if is_valid_on(s, day)), None)
        if standard is None:
            raise ExecutionError(not_in_force("service", service, day, versions))
        return standard

    def implied(self, standard: Standard) -> Regulation:
        """The minimal process a version of a standard implies (built once)."""
        key = (standard.id, standard.valid_from)
        found = self._implied.get(key)
        if found is None:
            found = self._implied[key] = implied_regulation(standard)
        return found

    def regulation_version(self, regulation_id: str, version: str) -> Regulation | None:
        """The version (its `valid_from`, ISO) of a regulation a case names: one of the
        corpus, or the process a standard implies (`<standard>.implied`)."""
        service = implied_standard(regulation_id)
        if service is not None:
            standard = next((s for s in self.corpus.standard_versions(service)
                             if s.valid_from.isoformat() == version), None)
            return None if standard is None else self.implied(standard)
        return next((r for r in self.corpus.regulation_versions(regulation_id)
                     if r.valid_from.isoformat() == version), None)

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
            regulation = self.regulation_version(state.regulation, state.regulation_version)
            if standard is None or regulation is None:
                raise ExecutionError(
                    f"case {state.case_id} runs on the standard \"{state.standard}\" of "
                    f"{state.standard_version} and the regulation \"{state.regulation}\" of "
                    f"{state.regulation_version}, which the loaded specs lack (hint: load the "
                    "specs the case was opened with)")
            found = standard, regulation, self.graph(standard, regulation, state.channel)
            self._spec_of[key] = found
        return found

    def active_step(self, state: CaseState) -> Step | None:
        """The step a case waits on, as its regulation defines it (None for a closed case)."""
        if state.active is None:
            return None
        step: Step = self._specs(state)[2].nodes[state.active.step]["step"]
        return step

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
            ready = at
            if step.waits_for is not None:
                # the next meeting the step reaches (the close of business of its day), then
                # the step's own duration from there (docs/calendar.md)
                ready = due = meeting_micros(self._timing_of(place.schedule)[0],
                                             step.waits_for, at)
            if step.rest_of_term:
                due = state.due  # the step takes what is left of the term (implied process)
            elif step.duration is not None:
                due = due_of(place.schedule, ready, step.duration, False)
            state.active = ActiveStep(step.id, step.actor, at, due)
            return

    def overdue(self, state: CaseState, at: dt.datetime) -> list[Overdue]:
        """The late step and the late case term at a moment, with the late working time, and
        the complaints undecided past their due instants (of a closed case too)."""
        moment = _micros(at, self.calendar)
        late: list[Overdue] = []
        if state.closed:
            return self._overdue_appeals(state, moment)
        standard, _, graph = self._specs(state)
        schedule = standard.channels[state.channel].schedule
        active = state.active
        if active is not None and active.due is not None and moment > active.due:
            step_schedule = graph.nodes[active.step]["schedule"]
            late.append(Overdue(active.step, active.actor, active.due,
                                self._minutes(active.due, moment, step_schedule)))
        if state.due is not None and moment > state.due:
            late.append(Overdue(None, None, state.due, self._minutes(state.due, moment, schedule)))
        return late + self._overdue_appeals(state, moment)

    def _overdue_appeals(self, state: CaseState, moment: int) -> list[Overdue]:
        """The complaints of a case undecided past their due instants (open or closed case)."""
        return [Overdue(None, None, record.due,
                        self._minutes(record.due, moment, BODY_SCHEDULES[record.body]),
                        record.appeal)
                for record in state.appeals if record.decided is None and moment > record.due]

    def margin_minutes(self, state: CaseState) -> int | None:
        """Working minutes by which a finished case beat (positive) or missed its term."""
        if state.met_term is None or state.finished is None or state.due is None:
            return None
        standard, _, _ = self._specs(state)
        schedule = standard.channels[state.channel].schedule
        if state.finished <= state.due:
            return self._minutes(state.finished, state.due, schedule)
        return -self._minutes(state.due, state.finished, schedule)
