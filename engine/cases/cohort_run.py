"""Run a cohort (`engine.cases.cohort.Cohort`): what `run_one_by_one` gives on its commands, by columns.

Cases whose actions name the same steps with the same outcomes and grounds, who handed
in the same documents and opened on the same versions of the specs, walk the graph
alike: the same checks pass or fail and the same places are entered, whatever their
instants and actors. Only the instants differ, and what depends on them: the order of
time, and the due instants. So:

1. each case is checked on what depends on its own values — its instants in whole
   seconds, inside the calendar and never going back; its ИИН/БИН (once per distinct
   one); the specs in force on its day of receipt (once per distinct day);
2. the cases that pass are grouped by (specs, documents, the steps, outcomes and
   grounds of their actions), and one case of each group — its template — is run one
   by one with the `Executor`;
3. when the template is accepted throughout (and not refused for missing documents),
   the due instants of every case of the group are counted with the calendar's array
   functions (`engine.cases.batch.due_many`), slot by slot of the template's timeline;
4. every case that fails a check of step 1, whose group's template was rejected, or one
   of whose due instants cannot be counted — and every case sharing an id with another
   row — is run one by one, so its events and messages are those of `run_one_by_one`.

States, events and `Applied` records of the grouped cases are made on demand from
their template and the columns (`engine.cases.cohort_cases`); the array functions of
steps 2 and 3 are in `engine.cases.cohort_columns`.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import numpy as np
import numpy.typing as npt

from engine.calendar import CalendarError, NoCalendarData
from engine.calendar.batch import day_of_seconds
from engine.calendar.reception import reception_windows
from engine.cases.batch import Applied, BatchResult, collector_paused, due_many, run_one_by_one
from engine.cases.batch_due import meetings_many
from engine.cases.cohort import NONE, STATUSES, Cohort, CohortResult
from engine.cases.cohort_cases import _Group, _Maker
from engine.cases.cohort_columns import _codes, _received, _walks
from engine.cases.commands import Open
from engine.cases.executor import Executor
from engine.cases.state import CaseState
from engine.spec.duration import Duration
from engine.spec.errors import ExecutionError
from engine.spec.identity import IdentifierError, parse_identifier
from engine.support.row_keys import row_keys

__all__ = ["run_cohort"]

Int64Array = npt.NDArray[np.int64]
_MICRO = 1_000_000
_CODE = {status: n for n, status in enumerate(STATUSES)}


def run_cohort(executor: Executor, cohort: Cohort) -> CohortResult:
    """Run every case of `cohort`: `run_one_by_one(executor, cohort.commands())`, as columns."""
    with collector_paused():
        return _Run(executor, cohort).result()


class _Run:
    def __init__(self, executor: Executor, cohort: Cohort) -> None:
        self.executor = executor
        self.cohort = cohort
        n = len(cohort)
        self.status = np.full(n, -1, dtype=np.int8)
        self.due = np.full(n, NONE, dtype=np.int64)
        self.finished = np.full(n, NONE, dtype=np.int64)
        self.active_due = np.full(n, NONE, dtype=np.int64)
        self.accepted = np.zeros(len(cohort.action_case), dtype=bool)
        self.step_due = np.full(len(cohort.action_case), NONE, dtype=np.int64)
        self.fast = np.zeros(n, dtype=bool)
        self.identifiers: list[str | None] = [None] * n
        self.groups: list[_Group] = []
        self.group_of = np.full(n, -1, dtype=np.int64)
        self.slow: dict[int, tuple[list[Applied], CaseState | None]] = {}
        self.open_errors: dict[int, str] = {}
        self.action_errors: dict[int, str] = {}

    def result(self) -> CohortResult:
        candidates = self._checked()
        for members in self._grouped(candidates):
            self._run_group(members)
        self._run_slow(np.flatnonzero(~self.fast))
        return CohortResult(self.cohort, self.status, self.due, self.finished, self.active_due,
                            self.accepted, self.step_due, self.open_errors, self.action_errors,
                            self.fast, _Maker(self))

    # -- step 1: what depends on each case's own values ------------------------------

    def _checked(self) -> npt.NDArray[np.bool_]:
        cohort = self.cohort
        n, offsets = len(cohort), cohort.offsets
        ok: npt.NDArray[np.bool_] = cohort.received % _MICRO == 0
        index = self.executor.calendar.working_time()
        midnight = index.us["midnight"]
        ok &= (cohort.received >= midnight[0]) & (cohort.received < midnight[-1])
        at, rows = cohort.at, cohort.action_case
        previous = np.empty_like(at)
        previous[1:] = at[:-1]
        first = offsets[:-1][np.diff(offsets) > 0]
        previous[first] = cohort.received[rows[first]]
        bad = (at % _MICRO != 0) | (at < previous) | (at < midnight[0]) | (at >= midnight[-1])
        ok[rows[bad]] = False
        if len(set(cohort.case_ids)) < n:  # a repeated id: all its rows one by one
            names: dict[str, int] = {}
            for row, case_id in enumerate(cohort.case_ids):
                if names.setdefault(case_id, row) != row:
                    ok[row] = ok[names[case_id]] = False
        identifiers: dict[str, str | None] = {}
        for applicant in set(cohort.applicants):
            try:
                identifiers[applicant] = parse_identifier(applicant).value
            except IdentifierError:
                identifiers[applicant] = None
        self.identifiers = list(map(identifiers.__getitem__, cohort.applicants))
        if None in identifiers.values():
            ok &= np.fromiter((i is not None for i in self.identifiers), dtype=bool, count=n)
        return ok

    # -- step 2: groups that walk alike ---------------------------------------------

    def _grouped(self, ok: npt.NDArray[np.bool_]) -> list[Int64Array]:
        cohort, executor = self.cohort, self.executor
        rows = np.flatnonzero(ok)
        if rows.size == 0:
            return []
        index = executor.calendar.working_time()
        days = day_of_seconds(index, cohort.received[rows] // _MICRO)
        specs: dict[tuple[tuple[str, str], ...], int] = {}
        spec_of_day: dict[int, int] = {}
        for day in np.unique(days).tolist():
            try:
                intake = executor.intake(cohort.service, index.days.date(day), cohort.regulation,
                                         cohort.channel)
            except (ExecutionError, CalendarError):
                spec_of_day[day] = -1
                continue
            spec_of_day[day] = specs.setdefault(tuple(sorted(intake.fields.items())), len(specs))
        spec = np.array([spec_of_day[d] for d in days.tolist()], dtype=np.int64)
        spec[~self._in_reception(rows, days)] = -1  # refused one by one, with the reason
        rows, spec = rows[spec >= 0], spec[spec >= 0]
        if rows.size == 0:
            return []
        paper = _codes(list(map(tuple, cohort.documents)))[rows]
        action = row_keys(np.stack([_codes(cohort.steps), _codes(cohort.outcomes),
                                    _codes(cohort.grounds)], axis=1))
        walk = _walks(action, cohort.offsets, rows)
        _, inverse = np.unique(row_keys(np.stack([spec, paper, walk], axis=1)),
                               return_inverse=True)
        inverse = inverse.reshape(-1)
        order = np.argsort(inverse, kind="stable")
        bounds = np.flatnonzero(np.diff(inverse[order])) + 1
        return [rows[part] for part in np.split(order, bounds)]

    def _in_reception(self, rows: Int64Array, days: Int64Array) -> npt.NDArray[np.bool_]:
        """Which rows were received inside their channel's reception windows (a 24/7
        intake: all of them)."""
        cohort, executor = self.cohort, self.executor
        inside = np.ones(rows.size, dtype=bool)
        index = executor.calendar.working_time()
        for day in np.unique(days).tolist():
            try:
                standard = executor.intake(cohort.service, index.days.date(day),
                                           cohort.regulation, cohort.channel).standard
            except (ExecutionError, CalendarError):
                continue
            info = standard.channels[cohort.channel]
            if executor.calendar.schedule(info.schedule).intake == "always":
                continue
            windows = reception_windows(executor.calendar, info.reception or info.schedule)
            on_day = days == day
            moments = cohort.received[rows[on_day]]
            i = np.searchsorted(windows.starts, moments, side="right") - 1
            inside[on_day] = (i >= 0) & (moments < windows.ends[np.maximum(i, 0)])
        return inside

    # -- step 3: a template, then the due instants of the whole group ---------------

    def _run_group(self, members: Int64Array) -> None:
        cohort, executor = self.cohort, self.executor
        template = int(members[0])
        run = run_one_by_one(executor, cohort.commands([template]))
        if not all(a.accepted for a in run.applied):
            return
        state = run.states[cohort.case_ids[template]]
        if state.status == "refused_to_accept":
            return
        offsets = cohort.offsets
        count = int(offsets[template + 1] - offsets[template])
        standard, _, graph = executor._specs(state)
        info = standard.channels[cohort.channel]
        failed = np.zeros(members.size, dtype=bool)
        try:
            received = _received(executor, info.schedule, cohort.received[members])
        except NoCalendarData:
            return
        term, bad = due_many(executor, executor.term_schedule(standard, cohort.channel), received,
                             info.term, info.acceptance_day_excluded)
        failed |= bad
        ats = cohort.at[offsets[members][:, None] + np.arange(count)]
        starts = np.concatenate([received[:, None], ats[:, :-1]], axis=1) if count else ats
        applicant_records = len(state.history) - count
        dues = np.full((members.size, count), NONE, dtype=np.int64)
        for k in range(count):
            step = state.history[applicant_records + k].step
            dues[:, k], bad = self._dues(graph, step, starts[:, k], term)
            failed |= bad
        active_start = ats[:, -1] if count else received
        active_due = np.full(members.size, NONE, dtype=np.int64)
        if state.active is not None:
            active_due, bad = self._dues(graph, state.active.step, active_start, term)
            failed |= bad
        keep = ~failed
        group = _Group(state, [e for a in run.applied for e in a.events], members[keep],
                       applicant_records, received[keep], starts[keep], dues[keep],
                       active_start[keep], active_due[keep])
        group.position = {int(row): n for n, row in enumerate(group.members.tolist())}
        members = group.members
        self.fast[members] = True
        self.group_of[members] = len(self.groups)
        self.groups.append(group)
        self.status[members] = _CODE[state.status]
        self.due[members] = term[keep]
        if state.finished is not None:
            self.finished[members] = active_start[keep]
        self.active_due[members] = group.active_due
        for k in range(count):
            self.accepted[offsets[members] + k] = True
            self.step_due[offsets[members] + k] = group.dues[:, k]

    def _dues(self, graph: nx.DiGraph, step: str, starts: Int64Array,
              term: Int64Array) -> tuple[Int64Array, npt.NDArray[np.bool_]]:
        attrs = graph.nodes[step]
        if attrs["step"].rest_of_term:  # the implied process's render: due when the term ends
            return term.astype(np.int64), np.zeros(starts.size, dtype=bool)
        duration: Duration | None = attrs["step"].duration
        meeting = attrs["step"].waits_for
        missed = np.zeros(starts.size, dtype=bool)
        if meeting is not None:  # the meeting first, then the step's own duration
            starts, missed = meetings_many(self.executor, attrs["schedule"], starts, meeting)
            if duration is None:
                return np.where(missed, 0, starts).astype(np.int64), missed
        if duration is None:
            return np.full(starts.size, NONE, dtype=np.int64), np.zeros(starts.size, dtype=bool)
        due, failed = due_many(self.executor, attrs["schedule"], starts, duration, False)
        return due.astype(np.int64), failed | missed

    # -- step 4: the rest, one by one -------------------------------------------------

    def _run_slow(self, rows: Int64Array) -> None:
        if rows.size == 0:
            return
        cohort = self.cohort
        offsets = cohort.offsets
        run: BatchResult = run_one_by_one(self.executor, cohort.commands(rows.tolist()))
        # A case's history: the applicant's records made at opening, then one record per
        # accepted action on its id, in the order of the commands.
        actions: Counter[str] = Counter(a.command.case_id for a in run.applied if a.accepted
                                        and not a.repeated and type(a.command) is not Open)
        taken: Counter[str] = Counter()
        position = 0
        for row in rows.tolist():
            case_id = cohort.case_ids[row]
            first, last = int(offsets[row]), int(offsets[row + 1])
            applied = run.applied[position:position + 1 + last - first]
            position += 1 + last - first
            opened = applied[0].accepted and not applied[0].repeated
            self.slow[row] = (applied, run.states.get(case_id) if opened else None)
            if applied[0].error is not None:
                self.open_errors[row] = applied[0].error
            final = run.states.get(case_id)
            for k, result in enumerate(applied[1:], start=first):
                if result.error is not None:
                    self.action_errors[k] = result.error
                    continue
                self.accepted[k] = True
                if final is not None and not result.repeated:
                    history = final.history
                    record = history[len(history) - actions[case_id] + taken[case_id]]
                    self.step_due[k] = NONE if record.due is None else record.due
                    taken[case_id] += 1
        for row in rows.tolist():
            state = self.slow[row][1]
            if state is None:
                continue
            self.status[row] = _CODE[state.status]
            self.due[row] = NONE if state.due is None else state.due
            self.finished[row] = NONE if state.finished is None else state.finished
            if state.active is not None and state.active.due is not None:
                self.active_due[row] = state.active.due

