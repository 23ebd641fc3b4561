"""A case through an outcome with a time limit of its own (tests/data/gaps: the refusal's
documents are returned within 1 working day, by the clerk): the executor gives that time a
due instant like a step's, and the refusal's ground is cited when it is done.

June 2024: Monday 3 to Friday 7 are working days, Saturday 8 and Sunday 9 are not (UTC+5).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
import pytest

from engine.calendar import default_calendar, localize
from engine.cases import CaseState, ExecutionError, Executor, instant, simulate
from engine.corpus import load_corpus

GAPS = Path(__file__).resolve().parents[1] / "data" / "gaps"
IIN = "860306300458"


@pytest.fixture(scope="module")
def executor() -> Executor:
    return Executor(load_corpus([GAPS]), default_calendar())


def at(day: int, hour: int, minute: int = 0) -> pendulum.DateTime:
    return localize(dt.datetime(2024, 6, day, hour, minute))


def act(executor: Executor, state: CaseState, step: str, when: pendulum.DateTime,
        **options: str) -> CaseState:
    (event,) = executor.complete(state, step, at=when, by="tester", **options)
    return executor.apply(state, event)


def refused_at_review(executor: Executor) -> CaseState:
    state = executor.replay(executor.open("c1", "school-transport", "provider_office",
                                          at(3, 10), IIN, ["application"]))
    state = act(executor, state, "register", at(3, 10, 10))
    state = act(executor, state, "request_certificate", at(4, 12))
    return act(executor, state, "review", at(5, 11), outcome="refuse")


def test_the_outcomes_time_is_a_step_with_a_due_instant(executor: Executor) -> None:
    state = refused_at_review(executor)
    assert state.status == "open"
    assert state.active is not None
    assert (state.active.step, state.active.actor) == ("review.refuse", "clerk")
    # 1 wd from Wednesday 11:00, civil: the close of business of the next working day
    assert instant(state.active.due) == at(6, 18, 30)


def test_the_ground_is_cited_when_the_outcomes_time_ends_the_case(executor: Executor) -> None:
    state = refused_at_review(executor)
    with pytest.raises(ExecutionError) as refused:
        executor.complete(state, "review.refuse", at=at(6, 9), by="tester")
    assert str(refused.value) == ("this refusal must cite one of the grounds: "
                                  "requirements_not_met (hint: --ground NAME)")
    state = act(executor, state, "review.refuse", at(6, 9), ground="requirements_not_met")
    assert (state.status, state.ground, state.finished) == (
        "refusal", "requirements_not_met", at(6, 9).timestamp() * 1_000_000)
    assert [r.step for r in state.history][-2:] == ["review", "review.refuse"]


def test_a_ground_given_at_the_decision_says_where_it_belongs(executor: Executor) -> None:
    state = executor.replay(executor.open("c1", "school-transport", "provider_office",
                                          at(3, 10), IIN, ["application"]))
    state = act(executor, state, "register", at(3, 10, 10))
    state = act(executor, state, "request_certificate", at(4, 12))
    with pytest.raises(ExecutionError) as refused:
        executor.complete(state, "review", at=at(5, 11), by="tester", outcome="refuse",
                          ground="requirements_not_met")
    assert str(refused.value) == (
        'the ground is cited when "review.refuse" is completed, which ends the case in the '
        'refusal; "review" with refuse leads to it (hint: complete "review" without --ground)')


def test_a_simulated_refusal_walks_through_the_outcomes_time(executor: Executor) -> None:
    state = simulate(executor, "school-transport", "provider_office", at(3, 10),
                     outcomes={"review": ["refuse"]}, ground="requirements_not_met",
                     applicant=IIN)
    assert state.status == "refusal"
    assert [(r.step, r.actor) for r in state.history] == [
        ("register", "clerk"), ("request_certificate", "executor"), ("review", "executor"),
        ("review.refuse", "clerk")]
    # each step is completed at its due instant: the return ends a working day after review
    assert instant(state.finished) == instant(state.history[-1].due)
