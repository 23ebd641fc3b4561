"""The executor on a copy of the Aktobe school-admission regulation kept in force.

Exact due instants come from the real calendar of Kazakhstan (Nauryz 2024: 21-23
March, 23 March a Saturday so 25 March is off too).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
import pytest

from engine.calendar import default_calendar, localize
from engine.cases import CaseState, ExecutionError, Executor, instant
from engine.corpus import load_corpus

DATA = Path(__file__).parent / "data"
IIN = "860306300458"


@pytest.fixture(scope="module")
def executor() -> Executor:
    return Executor(load_corpus([DATA]), default_calendar())


def at(hour: int, minute: int, day: int = 20) -> pendulum.DateTime:
    return localize(dt.datetime(2024, 3, day, hour, minute))


def opened(executor: Executor, received: pendulum.DateTime) -> CaseState:
    return executor.replay(executor.open("c1", "school-admission", "provider_office", received,
                                         IIN, ["application"]))


def act(executor: Executor, state: CaseState, step: str, when: pendulum.DateTime,
        **options: str) -> CaseState:
    events = executor.complete(state, step, at=when, by="tester", **options)
    assert len(events) == 1
    return executor.apply(state, events[0])


def test_opening_sets_the_first_step_and_the_term(executor: Executor) -> None:
    state = opened(executor, at(17, 0))
    assert state.status == "open"
    assert state.active is not None
    assert (state.active.step, state.active.actor) == ("register", "executor")
    assert instant(state.active.due) == at(17, 5)
    assert instant(state.due) == at(17, 30)


def test_a_term_crossing_close_of_business_and_nauryz_resumes_after_the_holidays(
        executor: Executor) -> None:
    state = opened(executor, at(18, 20))  # 10 working minutes left on Wednesday 20 March
    # Thursday 21 - Monday 25 March are days off: the term resumes on Tuesday 26 March
    assert instant(state.due) == at(9, 20, day=26)


def test_a_decision_walks_to_a_reasoned_refusal_with_a_ground(executor: Executor) -> None:
    state = opened(executor, at(17, 0))
    state = act(executor, state, "register", at(17, 4))
    state = act(executor, state, "assign", at(17, 9))
    state = act(executor, state, "review", at(17, 15), outcome="refuse")
    assert state.active is not None
    assert state.active.step == "sign_refusal"
    state = act(executor, state, "sign_refusal", at(17, 20))
    state = act(executor, state, "issue_refusal", at(17, 29), ground="requirements_not_met")
    assert (state.status, state.ground, state.met_term) == ("refusal", "requirements_not_met", True)
    assert executor.margin_minutes(state) == 1
    assert [r.step for r in state.history] == [
        "register", "assign", "review", "sign_refusal", "issue_refusal"]


def test_a_late_case_lists_the_late_step_and_term_with_the_actor(executor: Executor) -> None:
    state = opened(executor, at(17, 0))
    late = executor.overdue(state, at(17, 40))
    assert [(o.step, o.actor, o.late_minutes) for o in late] == [
        ("register", "executor", 35), (None, None, 10)]
    assert executor.overdue(state, at(17, 4)) == []


@pytest.mark.parametrize(("step", "options", "message"), [
    ("assign", {}, 'step "assign" is not the active step of case c1; "register" is'),
    ("register", {"outcome": "accept"}, 'step "register" has no outcomes'),
    ("register", {"ground": "requirements_not_met"}, "a ground is cited only when refusing"),
])
def test_actions_that_do_not_fit_are_rejected(executor: Executor, step: str,
                                              options: dict[str, str], message: str) -> None:
    state = opened(executor, at(17, 0))
    with pytest.raises(ExecutionError, match=message):
        executor.complete(state, step, at=at(17, 1), by="tester", **options)


def test_unknown_outcome_and_missing_ground_say_what_is_allowed(executor: Executor) -> None:
    state = opened(executor, at(17, 0))
    state = act(executor, state, "register", at(17, 1))
    state = act(executor, state, "assign", at(17, 2))
    with pytest.raises(ExecutionError, match=r'unknown outcome "acept".*did you mean "accept"'):
        executor.complete(state, "review", at=at(17, 3), by="tester", outcome="acept")
    with pytest.raises(ExecutionError, match="give its outcome, one of accept, refuse"):
        executor.complete(state, "review", at=at(17, 3), by="tester")


def test_time_cannot_go_back_and_closed_cases_take_no_action(executor: Executor) -> None:
    state = opened(executor, at(17, 0))
    state = act(executor, state, "register", at(17, 10))
    with pytest.raises(ExecutionError, match="time cannot go back"):
        executor.complete(state, "assign", at=at(17, 5), by="tester")
    refused = executor.apply(state, executor.refuse(state, "unreliable_documents", at=at(17, 11),
                                                    by="head")[0])
    assert refused.status == "refusal"
    with pytest.raises(ExecutionError, match="is closed"):
        executor.complete(refused, "assign", at=at(17, 12), by="tester")


def test_missing_documents_refuse_acceptance_before_any_term(executor: Executor) -> None:
    state = executor.replay(executor.open("c2", "school-admission", "provider_office", at(10, 0),
                                          IIN, []))
    assert (state.status, state.missing, state.article) == (
        "refused_to_accept", ("application",), "Law 88-V, art. 19")
    assert state.due is None
    assert state.met_term is None


@pytest.mark.parametrize(("applicant", "documents", "message"), [
    ("860306300459", ["application"], "check digit is 9, expected 8"),
    (IIN, ["aplication"], r'unknown document "aplication".*did you mean "application"'),
])
def test_bad_openings_are_refused_with_nothing_written(executor: Executor, applicant: str,
                                                       documents: list[str], message: str) -> None:
    with pytest.raises(ExecutionError, match=message):
        executor.open("c3", "school-admission", "provider_office", at(10, 0), applicant, documents)


def test_naive_instants_and_unknown_services_are_refused(executor: Executor) -> None:
    with pytest.raises(ExecutionError, match="has no time zone"):
        executor.open("c4", "school-admission", "provider_office", dt.datetime(2024, 3, 20, 10),
                      IIN, ["application"])
    with pytest.raises(ExecutionError, match='unknown service "school-admision"'):
        executor.open("c4", "school-admision", "provider_office", at(10, 0), IIN, [])


def test_a_portal_application_on_a_holiday_night_is_received_next_working_morning(
        executor: Executor) -> None:
    state = executor.replay(executor.open("c5", "school-admission", "portal",
                                          localize(dt.datetime(2024, 3, 23, 23, 40)), IIN,
                                          ["eds_request"]))
    assert [r.step for r in state.history] == ["sign_up", "authorise"]
    assert state.active is not None
    assert state.active.step == "check_credentials"
    assert instant(state.active.started) == at(9, 0, day=26)
    assert instant(state.due) == at(9, 30, day=26)


def test_replay_of_the_same_events_gives_the_same_state(executor: Executor) -> None:
    events = executor.open("c6", "school-admission", "provider_office", at(11, 0), IIN,
                           ["application"])
    state = executor.replay(events)
    events += executor.complete(state, "register", at=at(11, 3), by="clerk")
    assert executor.replay(events) == executor.replay(list(events))


def test_a_case_on_a_provisional_year_says_so(executor: Executor) -> None:
    """2027 is in the calendar with the law's holidays only (no transfer order yet): a case
    whose instants fall in it carries the note, in its data and in its timeline."""
    import io

    from engine.cases.timeline import case_data, render_case

    late = opened(executor, localize(dt.datetime(2027, 3, 19, 10, 0)))
    note = case_data(executor, late)["provisional"]
    assert note == ("2027 is provisional in the calendar: the law's holidays only, no transfer "
                    "of days off decreed yet")
    out = io.StringIO()
    render_case(executor, late, out)
    assert out.getvalue().endswith(f"note: {note}\n")
    assert case_data(executor, opened(executor, at(17, 0)))["provisional"] is None


VERIFY_DATA = Path(__file__).parents[1] / "verify" / "data"


@pytest.mark.parametrize(("case", "received", "step_due", "term_due"), [
    # "Within 5 banking days to credit the payment": Saturday 5 March 2022, worked by
    # transfer, is no banking day (7 and 8 March are days off); the term of 10 wd counts it,
    # and Nauryz (21-23 March) puts its end on Thursday 24 March.
    ("banking-days-step", dt.datetime(2022, 3, 4, 10, 0), dt.datetime(2022, 3, 15, 18, 30),
     dt.datetime(2022, 3, 24, 18, 30)),
    # A term of 1 month from 31 January 2024 ends on 29 February.
    ("months-term", dt.datetime(2024, 1, 31, 10, 0), dt.datetime(2024, 1, 31, 10, 10),
     dt.datetime(2024, 2, 29, 18, 30)),
])
def test_steps_and_terms_in_banking_days_and_months_get_due_instants(
        case: str, received: dt.datetime, step_due: dt.datetime, term_due: dt.datetime) -> None:
    executor = Executor(load_corpus([VERIFY_DATA / case]), default_calendar())
    state = executor.replay(executor.open("c1", "service", "provider_office",
                                          localize(received), IIN, ["application"]))
    assert state.active is not None
    assert instant(state.active.due) == localize(step_due)
    assert instant(state.due) == localize(term_due)
