"""Simulate one case in memory: every step completed exactly when it falls due.

An analyst gives the application (service or regulation, channel, moment of
receipt, documents) and the outcome to take at each decision (a decision of the minimal
process a standard implies takes its default, the service rendered, unless told); the
case then walks
the compiled graph, each step completed by its actor at its due instant (at its
start when it has no time limit), so the timeline shows the latest each step may
end. Nothing is written anywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from engine.calendar.instants import from_micros, to_instant
from engine.cases.executor import ExecutionError, Executor
from engine.cases.state import CaseState
from engine.process.compile import END_PREFIX

__all__ = ["SAMPLE_APPLICANT", "simulate"]

#: A valid ИИН (born 1 January 2000) for simulations that do not name an applicant.
SAMPLE_APPLICANT = "000101500001"

_MAX_STEPS = 1000


def simulate(executor: Executor, service: str, channel: str, received: dt.datetime, *,
             documents: Sequence[str] | None = None,
             outcomes: Mapping[str, Sequence[str]] | None = None,
             ground: str | None = None, applicant: str = SAMPLE_APPLICANT,
             regulation: str | None = None, case_id: str = "simulation") -> CaseState:
    """Run one case to its end (or its refusal to accept) and return its final state.

    Args:
        documents: the documents submitted; None submits every document the channel
            requires.
        outcomes: per decision step, the outcomes to take in order (the last one is
            taken again when the case comes back to the step).
        ground: the refusal ground cited when the case reaches a reasoned refusal.

    Raises:
        ExecutionError: a decision reached without a given outcome (the message lists
            them), an unknown outcome, a refusal without a ground of the step, or what
            the executor refuses on opening.
        CalendarError: a naive `received`, or a date the calendar does not cover.
    """
    if documents is None:
        day = to_instant(received, executor.calendar.timezone).date()
        standard, _ = executor.resolve(service, day, regulation)
        documents = [d.id for d in standard.required_documents(channel)]
    state = executor.replay(executor.open(case_id, service, channel, received, applicant,
                                          documents, regulation=regulation))
    planned = outcomes or {}
    taken: dict[str, int] = {}
    for _ in range(_MAX_STEPS):
        active = state.active
        if state.closed or active is None:
            return state
        choices = planned.get(active.step, ())
        count = taken.get(active.step, 0)
        outcome = choices[min(count, len(choices) - 1)] if choices else None
        if outcome is None:  # the outcome a step takes unless told (the implied process's)
            step = executor.active_step(state)
            outcome = step.default_outcome if step is not None else None
        taken[active.step] = count + 1
        at = from_micros(active.started if active.due is None else active.due,
                         executor.calendar.timezone)
        target, _ = executor.leads_to(state, outcome)
        # only a step that ends in a reasoned refusal cites a ground (and must)
        cited = ground if target == f"{END_PREFIX}refusal" else None
        events = executor.complete(state, active.step, at=at, by=active.actor, outcome=outcome,
                                   ground=cited)
        for event in events:
            state = executor.apply(state, event)
    raise ExecutionError(f"the case did not end within {_MAX_STEPS} steps "
                         "(hint: an outcome leads back in a loop; give another --outcome)")
