"""The cases of a run cohort (`engine.cases.cohort_run`) as objects, made on demand.

A `_Group` holds the cases that walk the graph alike: the template case run one by one
(its state and events) and, as columns, what differs from case to case — the moments
of receipt, the starts and due instants of the completed steps and of the active one.
`_Maker` gives `CohortResult` the `CaseState`, the events and the `Applied` records of
any row: a grouped case's from its group's template and the columns, a case run one by
one's as `run_one_by_one` gave them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from engine.cases.batch import Applied
from engine.cases.cohort import NONE
from engine.cases.commands import Command
from engine.cases.state import ActiveStep, CaseState, Event, StepRecord

if TYPE_CHECKING:  # annotations only: the run makes its groups and its maker
    from engine.cases.cohort_run import _Run

__all__: list[str] = []  # the runner's parts, not an API

Int64Array = npt.NDArray[np.int64]


@dataclass
class _Group:
    """Cases that walk the graph alike, and the template case run one by one."""

    state: CaseState
    events: list[Event]
    members: Int64Array
    applicant_records: int
    received: Int64Array  # when the term starts counting (the receipt of each moment)
    starts: Int64Array  # (members, actions): when each completed step started
    dues: Int64Array  # (members, actions): its due instant, NONE without a time limit
    active_start: Int64Array
    active_due: Int64Array
    position: dict[int, int] = field(default_factory=dict)


class _Maker:
    """States, events and `Applied` records of a run cohort, made on demand."""

    def __init__(self, run: _Run) -> None:
        self.run = run

    def state(self, row: int) -> CaseState | None:
        run = self.run
        if row in run.slow:
            return run.slow[row][1]
        group = run.groups[int(run.group_of[row])]
        n = group.position[row]
        cohort = run.cohort
        template = group.state
        state = template.copy()
        state.case_id = cohort.case_ids[row]
        state.applicant = run.identifiers[row] or ""
        state.received = int(cohort.received[row])
        state.due = _value(run.due[row])
        first = int(cohort.offsets[row])
        received = int(group.received[n])
        history: list[StepRecord] = []
        for k, record in enumerate(template.history):
            if k < group.applicant_records:
                history.append(StepRecord(record.step, record.actor, received, received, None,
                                          None, record.by))
                continue
            a = k - group.applicant_records
            history.append(StepRecord(record.step, record.actor, int(group.starts[n, a]),
                                      int(cohort.at[first + a]), _value(group.dues[n, a]),
                                      record.outcome, cohort.by[first + a]))
        state.history = history
        if template.active is not None:
            state.active = ActiveStep(template.active.step, template.active.actor,
                                      int(group.active_start[n]), _value(group.active_due[n]))
        state.finished = _value(run.finished[row])
        last = int(cohort.offsets[row + 1])
        state.last_at = int(cohort.at[last - 1]) if last > first else state.received
        return state

    def events(self, row: int) -> list[Event]:
        run = self.run
        if row in run.slow:
            return [e for a in run.slow[row][0] for e in a.events]
        group = run.groups[int(run.group_of[row])]
        cohort = run.cohort
        case_id = cohort.case_ids[row]
        first = int(cohort.offsets[row])
        events: list[Event] = []
        for n, event in enumerate(group.events):
            if event.kind == "opened":
                events.append(Event(case_id, event.seq, event.kind, f"{case_id}:open",
                                    int(cohort.received[row]),
                                    {**event.payload, "applicant": run.identifiers[row]}))
                continue
            a = n - 1
            events.append(Event(case_id, event.seq, event.kind, f"{case_id}:{event.seq}",
                                int(cohort.at[first + a]), {**event.payload, "by": cohort.by[first + a]}))
        return events

    def applied(self, row: int, commands: list[Command]) -> list[Applied]:
        run = self.run
        if row in run.slow:
            return list(run.slow[row][0])
        events = self.events(row)
        return [Applied(commands[0], (events[0],)),
                *(Applied(command, (event,)) for command, event in
                  zip(commands[1:], events[1:], strict=True))]


def _value(micros: np.int64 | int) -> int | None:
    value = int(micros)
    return None if value == NONE else value
