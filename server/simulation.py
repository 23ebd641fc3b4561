"""`POST /simulate`: one case run in memory, nothing written, its timeline answered.

The actions are taken in order as the case reaches their steps: each completes the active
step (with its outcome at a decision, its ground at a refusal) at the instant given, or
when the step falls due (at its start when it has no time limit, or when it is due before
it starts, after an action late), as `reglament run` does;
a step no action names is completed that way with the outcome it takes unless told (the
minimal process a standard implies renders the service). A refusal action refuses the
service with a ground at once. An action whose step the case never reaches, or a decision
reached without an outcome, is the executor's refusal, named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from engine.calendar import CalendarError, from_micros, parse_instant, to_instant
from engine.cases import SAMPLE_APPLICANT, CaseState, ExecutionError, Executor
from server.problems import Problem

__all__ = ["MAX_ACTIONS", "Action", "SimulationRequest", "run_simulation"]

MAX_ACTIONS = 200
_MAX_STEPS = 1000


class Action(BaseModel):
    """Complete the active step (`op: complete`), or refuse the service (`op: refuse`)."""

    op: Literal["complete", "refuse"] = "complete"
    step: str | None = Field(default=None, max_length=200, description="The step completed")
    outcome: str | None = Field(default=None, max_length=200, description="At a decision")
    ground: str | None = Field(default=None, max_length=200, description="A refusal ground")
    at: str | None = Field(default=None, max_length=64, description="ISO 8601 instant with its offset; "
                           "default: when the step falls due")
    by: str | None = Field(default=None, max_length=200, description="Who acts; default the step's actor")


class SimulationRequest(BaseModel):
    """An application and what is done with it."""

    service: str = Field(max_length=200, examples=["school-admission"])
    channel: str = Field(max_length=200, examples=["portal"])
    received: str = Field(max_length=64, examples=["2026-12-07T10:00:00+05:00"])
    regulation: str | None = Field(default=None, max_length=200)
    applicant: str | None = Field(default=None, max_length=12, description=f"ИИН or БИН; default "
                                  f"{SAMPLE_APPLICANT}")
    documents: list[Annotated[str, Field(max_length=200)]] | None = Field(
        None, max_length=100, description="Ids of the documents submitted; default every "
        "document the channel requires")
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ACTIONS)


def instant_of(text: str, field: str, executor: Executor) -> dt.datetime:
    """An ISO 8601 instant of a request, or a 400 problem naming the field."""
    try:
        return parse_instant(text, executor.calendar.timezone)
    except CalendarError as error:
        raise Problem(400, f"{field}: {error}") from None


def _act(executor: Executor, state: CaseState, action: Action, n: int) -> CaseState:
    active = state.active
    assert active is not None
    zone = executor.calendar.timezone
    # when due, but never before the step started (a step late before it leaves no time)
    at = instant_of(action.at, f"actions[{n}].at", executor) if action.at else from_micros(
        active.started if active.due is None else max(active.due, active.started), zone)
    by = action.by or active.actor
    if action.op == "refuse":
        events = executor.refuse(state, action.ground or "", at=at, by=by)
    else:
        events = executor.complete(state, active.step, at=at, by=by, outcome=action.outcome,
                                   ground=action.ground)
    for event in events:
        state = executor.apply(state, event)
    return state


def _walk(executor: Executor, state: CaseState, actions: Sequence[Action]) -> CaseState:
    pending = list(enumerate(actions))
    for _ in range(_MAX_STEPS):
        active = state.active
        if state.closed or active is None:
            if pending:
                n, action = pending[0]
                raise ExecutionError(f"actions[{n}]: the case ended ({state.status}) before "
                                     f"step {action.step!r} (hint: the steps it took are in "
                                     "the timeline without the action)")
            return state
        if pending and (pending[0][1].op == "refuse" or pending[0][1].step == active.step):
            n, action = pending.pop(0)
            state = _act(executor, state, action, n)
            continue
        step = executor.active_step(state)
        default = Action(outcome=step.default_outcome if step is not None else None)
        state = _act(executor, state, default, -1)
    raise ExecutionError(f"the case did not end within {_MAX_STEPS} steps (hint: an outcome "
                         "leads back in a loop; give another action)")


def run_simulation(executor: Executor, request: SimulationRequest) -> CaseState:
    """The case `request` describes, run to its end (or as far as its actions take it).

    Raises:
        Problem: 400 for an instant that does not parse, 422 for what the executor
            refuses (its message) and a day the calendar does not cover.
    """
    received = instant_of(request.received, "received", executor)
    try:
        documents = request.documents
        if documents is None:
            day = to_instant(received, executor.calendar.timezone).date()
            standard, _ = executor.resolve(request.service, day, request.regulation)
            documents = [d.id for d in standard.required_documents(request.channel)]
        state = executor.replay(executor.open(
            "simulation", request.service, request.channel, received,
            request.applicant or SAMPLE_APPLICANT, documents, regulation=request.regulation))
        return _walk(executor, state, request.actions)
    except (ExecutionError, CalendarError) as error:
        raise Problem(422, str(error), kind="refused") from None
