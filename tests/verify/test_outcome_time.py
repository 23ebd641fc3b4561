"""The time limit of an outcome of a decision ("documents are returned within 1 working day"
on the refusal): compiled into a step of its own, and verified exactly like a step."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.calendar import Calendar
from engine.process import END_PREFIX, check_structure, compile_regulation, enumerate_paths
from engine.spec import Actor, Duration, Regulation, Standard, Step
from engine.verify import Verdict, check_corpus, verify_channel
from tests.verify.build_data import CASES as SPECS
from tests.verify.model_builders import GROUND, Plan, StepPlan, T, _loc, build, durations, plans
from tests.verify.specgen import regulation_yaml, standard_yaml, text, write_pair
from tests.verify.test_cases import _report
from tests.verify.test_properties import SETTINGS


def _with_timed_refusal(plan: Plan, duration: Duration, *, explicit: bool,
                        actor: str | None = None) -> tuple[Regulation, Standard]:
    """`plan`'s models, its refusal taking `duration`: on the outcome itself, or (`explicit`)
    as a step `give_back` of the deciding step's actor between the decision and the refusal."""
    regulation, standard = build(plan)
    steps = list(regulation.processes["provider_office"])
    at = plan.decision_at
    assert at is not None
    decision = steps[at]
    accept, refuse = decision.outcomes
    if explicit:
        refuse = replace(refuse, ends=None, refusal_grounds=(), next="give_back")
        steps.append(Step("give_back", "task", actor or decision.actor, T, "тест", _loc(90),
                          duration=duration, ends="refusal", refusal_grounds=(GROUND,)))
    else:
        refuse = replace(refuse, duration=duration, actor=actor, source="тест")
    steps[at] = replace(decision, outcomes=(accept, refuse))
    steps[len(plan.steps) - 1] = replace(steps[len(plan.steps) - 1], ends="result")
    actors = (*regulation.actors, Actor("returns", "person", T, _loc(8), schedule="gov_corp"))
    regulation = replace(regulation, processes={"provider_office": tuple(steps)}, actors=actors)
    return regulation, standard


def _refusal(regulation: Regulation, standard: Standard, calendar: Calendar) -> Verdict:
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    (verdict,) = [v for v in verify_channel(graph, calendar) if v.path.ending == "refusal"]
    return verdict


@SETTINGS
@given(plan=plans(decisions=True, max_steps=5).filter(
    lambda p: p.decision_at is not None and p.returns_to is None),
    duration=durations(), stated=st.sampled_from((None, "returns")))
def test_an_outcomes_time_counts_exactly_like_a_step_of_the_same_time(
        plan: Plan, duration: Duration, stated: str | None, calendar: Calendar) -> None:
    timed = _refusal(*_with_timed_refusal(plan, duration, explicit=False, actor=stated),
                     calendar=calendar)
    step = _refusal(*_with_timed_refusal(plan, duration, explicit=True, actor=stated),
                    calendar=calendar)
    assert (timed.status, timed.reading, timed.plain_sum) == (step.status, step.reading,
                                                              step.plain_sum)
    if step.worst is None:
        assert timed.worst is None
        return
    assert timed.worst is not None
    assert (timed.worst.received, timed.worst.steps_end, timed.worst.term_end) == (
        step.worst.received, step.worst.steps_end, step.worst.term_end)
    assert timed.path.steps[-1].endswith(".refuse")
    assert timed.worst.timeline[-1].duration == duration


#: A decision of 1 wd (accept, or refuse with a ground) and a step of 1 wd, by the clerk.
DECIDE_THEN_ISSUE = Plan("provider", Duration(3, "wd"), (StepPlan(Duration(1, "wd"), None),
                                                         StepPlan(Duration(1, "wd"), None)),
                         decision_at=0)


def test_the_outcome_becomes_a_step_of_the_deciding_actor_between_decision_and_end() -> None:
    plan = DECIDE_THEN_ISSUE
    regulation, standard = _with_timed_refusal(plan, Duration(1, "wd"), explicit=False)
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    node = graph.nodes["s0.refuse"]
    step: Step = node["step"]
    assert (node["kind"], node["outcome_of"], node["duration"], node["schedule"]) == (
        "task", ("s0", "refuse"), Duration(1, "wd"), "provider")
    assert (step.actor, step.action, step.ends, step.refusal_grounds) == (
        "clerk", T, "refusal", (GROUND,))
    into, out = graph.edges["s0", "s0.refuse"], graph.edges["s0.refuse", f"{END_PREFIX}refusal"]
    assert (into["outcome"], into["refusal_grounds"]) == ("refuse", ())
    assert (out["outcome"], out["refusal_grounds"]) == (None, (GROUND,))
    assert not graph.has_edge("s0", f"{END_PREFIX}refusal")
    assert check_structure(graph) == []
    assert [p.describe() for p in enumerate_paths(graph)] == [
        "s0[refuse] → s0.refuse", "s0[accept] → s1"]


def test_a_stated_actor_does_the_outcomes_work_on_its_own_schedule() -> None:
    plan = DECIDE_THEN_ISSUE
    regulation, standard = _with_timed_refusal(plan, Duration(1, "wd"), explicit=False,
                                               actor="returns")
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    assert graph.nodes["s0.refuse"]["step"].actor == "returns"
    assert graph.nodes["s0.refuse"]["schedule"] == "gov_corp"


@pytest.mark.usefixtures("in_data")
def test_the_refusal_path_carries_the_outcomes_time_to_the_verdict() -> None:
    """outcome-time: a term of 2 wd; review 1 wd, then issue 1 wd (fits) or the return of
    the documents in 2 wd on the refusal (1 + 2 wd: exceeds)."""
    verdicts = _report("outcome-time").verdicts
    assert [(v.path.describe(), v.status, v.plain_sum) for v in verdicts] == [
        ("review[accept] → issue", "ok", "1+1 wd = 2 wd ≤ 2 wd"),
        ("review[refuse] → review.refuse", "exceeded", "1+2 wd = 3 wd > 2 wd")]
    worst = verdicts[1].worst
    assert worst is not None
    assert [(t.step, t.actor, str(t.duration)) for t in worst.timeline] == [
        ("review", "clerk", "1 wd"), ("review.refuse", "clerk", "2 wd")]


def test_a_finding_on_the_path_through_the_outcomes_time_is_acknowledged_by_its_end(
        tmp_path: Path) -> None:
    channels, processes, _ = SPECS["outcome-time"]
    ack = {"check": "deadline", "channel": "provider_office", "path_end": "review.refuse",
           "accepts": "1 wd", "reason": text("Өзгерту күтілуде"), "reference": "ISSUE-16"}
    write_pair(tmp_path, standard_yaml("service", channels),
               regulation_yaml("reg-outcome-time", "service", processes, acknowledgements=[ack]))
    report = check_corpus([tmp_path])
    assert [(f.severity, f.code) for f in report.findings] == [("acknowledged", "deadline")]
    assert report.findings[0].message.endswith("[acknowledged up to 1 wd: Өзгерту күтілуде / "
                                               "Өзгерту күтілуде; tracked in ISSUE-16]")
