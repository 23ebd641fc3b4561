"""Properties of the compiler and the verifier on random valid process graphs.

(a) the reported worst case is really the worst: no sampled moment of receipt,
    composed step by step with the scalar `Calendar.due`, has less slack;
(b) adding a step never makes a path faster;
(c) compiling is deterministic, the graph has a node per step and an edge per
    outcome, and every path runs from the first step to an end.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.calendar import Calendar, default_calendar
from engine.process import END_PREFIX, START, check_structure, compile_regulation, enumerate_paths
from engine.spec import Channel, Duration, Location, Outcome, Step
from engine.verify import Verdict, check_corpus, verify_channel
from tests.verify.model_builders import GROUND, Plan, StepPlan, T, build, plans, step_plans

SETTINGS = settings(deadline=None, max_examples=40, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
TZ = "Asia/Almaty"
FIRST_DAY = dt.date(default_calendar().years[0], 1, 1)  # the calendar's first covered day


def _graph(plan: Plan) -> nx.DiGraph:
    regulation, standard = build(plan)
    return compile_regulation(regulation, standard).graphs["provider_office"]


def _last_receipt_day(durations: list[Duration], term: Duration, calendar: Calendar) -> dt.date:
    """The last day the verifier receives on: the calendar's end less the path's horizon.

    (The verifier's own bound; receipts after it would run past the calendar's data.)
    """
    days = sum(d.amount for d in (*durations, term) if d.unit in ("wd", "cd"))
    minutes = sum(d.minutes for d in (*durations, term) if d.unit in ("min", "h"))
    horizon = 21 + 2 * days + math.ceil(minutes / 240)
    size = len(calendar.day_table("provider").working)
    return FIRST_DAY + dt.timedelta(days=size - 1 - horizon)


def _reception(calendar: Calendar, schedule: str) -> list[tuple[int, int]]:
    """Reception hours as minutes of the day; the whole day for a 24/7 intake (the portal)."""
    info = calendar.schedule(schedule)
    if info.intake == "always":
        return [(0, 24 * 60)]
    return [(p.start, p.end) for p in (info.reception or info.periods)]


def _receives_on(calendar: Calendar, schedule: str, day: dt.date) -> bool:
    return calendar.schedule(schedule).intake == "always" or calendar.day_info(day, schedule).working


def _sample_receipts(calendar: Calendar, channel: Channel, last: dt.date, rng: random.Random,
                     count: int, first: dt.date = FIRST_DAY) -> list[pendulum.DateTime]:
    """Random minutes inside reception windows of receiving days, the first covered day up to `last`."""
    periods = _reception(calendar, channel.schedule)
    out: list[pendulum.DateTime] = []
    span = (last - first).days
    while len(out) < count:
        day = first + dt.timedelta(days=rng.randint(0, span))
        if not _receives_on(calendar, channel.schedule, day):
            continue
        start, end = rng.choice(periods)
        minute = rng.randrange(start, end)
        out.append(pendulum.datetime(day.year, day.month, day.day, minute // 60, minute % 60,
                                     tz=TZ))
    return out


def _near(calendar: Calendar, channel: Channel, worst: pendulum.DateTime, last: dt.date,
          rng: random.Random, first: dt.date = FIRST_DAY) -> list[pendulum.DateTime]:
    """Adversarial samples: the week around the reported worst, first, last and random minutes."""
    periods = _reception(calendar, channel.schedule)
    out = []
    for shift in range(-3, 4):
        day = worst.date() + dt.timedelta(days=shift)
        if not first <= day <= last or not _receives_on(calendar, channel.schedule, day):
            continue
        start, end = rng.choice(periods)
        for minute in (periods[0][0], periods[-1][1] - 1, rng.randrange(start, end)):
            out.append(pendulum.datetime(day.year, day.month, day.day, minute // 60,
                                         minute % 60, tz=TZ))
    return out


def _compose(graph: nx.DiGraph, steps: tuple[str, ...], received: dt.datetime,
             calendar: Calendar) -> pendulum.DateTime:
    """The end of the steps received at `received`, one scalar `due` per step."""
    current = pendulum.instance(received)
    for step in steps:
        node = graph.nodes[step]
        # a step with no time limit at its lower bound: it takes no time
        current = calendar.due(current, node["duration"] or Duration(0, "min"), node["schedule"])
    return current


def _term_end(channel: Channel, received: dt.datetime, calendar: Calendar) -> pendulum.DateTime:
    schedule = calendar.term_schedule(channel.schedule, channel.term, channel.term_week)
    return calendar.due(received, channel.term, schedule,
                        exclude_acceptance_day=channel.acceptance_day_excluded)


def _agrees(takes: str, term: Duration, late: bool) -> bool:
    """Whether "takes up to ..." agrees with the verdict. A day term: "16 wd to 14:30" (the
    16th working day after receipt) is never fewer days than the term when late, never more
    when in time. A minute term: "40 min" over 35 min, or "35 min to 19:10" (after the term's
    schedule closes), exactly when late."""
    days, minutes = _parse_takes(takes, term)
    if term.is_day_based:
        return days >= term.amount if late else days <= term.amount
    return (minutes > term.minutes or (minutes == term.minutes and " to " in takes)) == late


def _parse_takes(takes: str, term: Duration) -> tuple[int, int]:
    """("16 wd to 14:30", 15 wd) -> (16, 0); ("1 h 5 min", 1 h) -> (0, 65): days, then minutes."""
    days = 0
    rest = takes
    if term.is_day_based:
        match = re.match(rf"^(\d+) {term.unit}\b ?(.*)$", takes)
        if match:
            days, rest = int(match.group(1)), match.group(2)
    minutes = sum(int(n) * (60 if unit == "h" else 1)
                  for n, unit in re.findall(r"(\d+) (h|min)\b", rest))
    return days, minutes


def _timed(verdicts: list[Verdict]) -> list[Verdict]:
    assert all(v.status != "unverifiable" for v in verdicts), [v.reason for v in verdicts]
    return verdicts


@settings(SETTINGS, max_examples=80)
@given(plan=plans(), seed=st.integers(0, 2**32 - 1))
def test_worst_case_is_never_beaten_by_a_sampled_receipt(plan: Plan, seed: int,
                                                         calendar: Calendar) -> None:
    graph = _graph(plan)
    channel: Channel = graph.graph["channel"]
    rng = random.Random(seed)
    for verdict in _timed(verify_channel(graph, calendar)):
        worst = verdict.worst
        assert worst is not None
        # the reported counterexample is a real composition on the scalar calendar
        assert _compose(graph, verdict.path.steps, worst.received, calendar) == worst.steps_end
        assert _term_end(channel, worst.received, calendar) == worst.term_end
        late = verdict.status in ("exceeded", "depends")  # the worst case is the civil reading's
        assert late == (worst.steps_end > worst.term_end)
        # "takes up to ..." says the same as the verdict: over the term iff late
        assert _agrees(worst.takes, verdict.term, late), verdict.message()
        durations = [graph.nodes[s]["duration"] for s in verdict.path.steps]
        last = _last_receipt_day(durations, channel.term, calendar)
        assert worst.received.date() <= last
        samples = [*_sample_receipts(calendar, channel, last, rng, 12),
                   *_near(calendar, channel, worst.received, last, rng)]
        for received in samples:
            slack = dt.timedelta(seconds=(
                _term_end(channel, received, calendar)
                - _compose(graph, verdict.path.steps, received, calendar)).total_seconds())
            assert slack >= worst.margin, (
                f"{verdict.path.describe()}: received {received} leaves {slack}, "
                f"less than the reported worst {worst.margin} at {worst.received}")


@SETTINGS
@given(plan=plans(decisions=False, max_steps=7), extra=step_plans(), data=st.data())
def test_adding_a_step_never_makes_a_path_faster(plan: Plan, extra: object, data: st.DataObject,
                                                 calendar: Calendar) -> None:
    index = data.draw(st.integers(0, len(plan.steps)), label="index")
    longer = plan.with_step(index, extra)  # type: ignore[arg-type]
    (before,) = _timed(verify_channel(_graph(plan), calendar))
    (after,) = _timed(verify_channel(_graph(longer), calendar))
    assert before.worst is not None
    assert after.worst is not None
    # on the old worst receipt the longer path ends no earlier ...
    graph = _graph(longer)
    assert _compose(graph, after.path.steps, before.worst.received, calendar) \
        >= before.worst.steps_end
    # ... and its worst slack is no larger: a finding never disappears by adding work
    assert after.worst.margin <= before.worst.margin
    if before.status == "exceeded":
        assert after.status == "exceeded"


@SETTINGS
@given(plan=plans())
def test_compiling_is_deterministic_and_complete(plan: Plan) -> None:
    regulation, standard = build(plan)
    first = compile_regulation(regulation, standard).graphs["provider_office"]
    again = compile_regulation(regulation, standard).graphs["provider_office"]
    assert list(first.nodes(data=True)) == list(again.nodes(data=True))
    assert list(first.edges(data=True)) == list(again.edges(data=True))
    assert check_structure(first) == []

    steps = regulation.processes["provider_office"]
    assert {s.id for s in steps} | {START} <= set(first.nodes)
    assert {n for n in first if n not in {s.id for s in steps}} - {START} \
        <= {f"{END_PREFIX}result", f"{END_PREFIX}refusal"}
    for step in steps:
        assert first.nodes[step.id]["step"] == step
        assert first.nodes[step.id]["kind"] == step.kind
        for outcome in step.outcomes:
            target = outcome.next or f"{END_PREFIX}{outcome.ends}"
            assert first.edges[step.id, target]["outcome"] == outcome.id
            assert first.edges[step.id, target]["max_repeats"] == outcome.max_repeats
        if step.outcomes:
            assert first.out_degree(step.id) == len(step.outcomes)  # distinct targets here
        else:
            assert first.out_degree(step.id) == 1

    paths = list(enumerate_paths(first))
    assert paths
    assert paths == list(enumerate_paths(again))
    assert len(set(paths)) == len(paths)
    for path in paths:
        assert path.steps[0] == steps[0].id
        assert path.ending in {"result", "refusal"}
        walk = [START, *path.steps, f"{END_PREFIX}{path.ending}"]
        assert first.has_edge(START, walk[1])
        for (a, b), outcome in zip(pairwise(walk[1:]), path.outcomes, strict=True):
            assert first.has_edge(a, b)
            assert first.edges[a, b]["outcome"] == outcome
    # a correction loop bounded by N is taken 0..N times on the way to each end
    if plan.decision_at is not None and plan.returns_to is not None:
        loops = sorted(p.outcomes.count("correct") for p in paths)
        assert loops == list(range(plan.max_repeats + 1))


# --- the structural checks against an independent reading of random (often broken) graphs ----

_ENDS = ("end:result", "end:refusal")


@st.composite
def raw_processes(draw: st.DrawFn) -> tuple[Step, ...]:
    """Steps with arbitrary transitions: forward, backward, to ends, bounded or not."""
    count = draw(st.integers(1, 7))
    ids = [f"s{i}" for i in range(count)]
    targets = st.sampled_from([*ids, *_ENDS])
    steps = []
    for index, ident in enumerate(ids):
        location = Location("regulations/raw.yaml", 10 + index, 5)
        base = Step(ident, "task", "clerk", T, "тест", location, duration=Duration(5, "min"))
        shape = draw(st.sampled_from(("follow", "next", "ends", "decision")))
        if shape == "next":
            step = replace(base, next=draw(st.sampled_from(ids)))
        elif shape == "ends":
            ending = draw(st.sampled_from(("result", "refusal")))
            step = replace(base, ends=ending,
                           refusal_grounds=(GROUND,) if ending == "refusal" else ())
        elif shape == "decision":
            outcomes = []
            for number in range(draw(st.integers(2, 3))):
                target = draw(targets)
                ending = target.removeprefix(END_PREFIX) if target in _ENDS else None
                outcomes.append(Outcome(
                    f"o{number}", T, location, next=None if ending else target,
                    ends=ending, refusal_grounds=(GROUND,) if ending == "refusal" else (),
                    max_repeats=None if ending else draw(st.sampled_from((None, 1, 2)))))
            step = replace(base, kind="decision", outcomes=tuple(outcomes))
        else:
            step = base
        steps.append(step)
    return tuple(steps)


def _declared(steps: tuple[Step, ...]) -> dict[str, list[tuple[str, int | None]]]:
    """Where each step leads, read from the model as the format defines it."""
    out: dict[str, list[tuple[str, int | None]]] = {}
    for index, step in enumerate(steps):
        if step.outcomes:
            out[step.id] = [(o.next or f"{END_PREFIX}{o.ends}", o.max_repeats)
                            for o in step.outcomes]
        elif step.next:
            out[step.id] = [(step.next, None)]
        elif step.ends:
            out[step.id] = [(f"{END_PREFIX}{step.ends}", None)]
        else:
            out[step.id] = [(steps[index + 1].id if index + 1 < len(steps) else "end:result",
                             None)]
    return out


def _closure(start: set[str], edges: dict[str, list[str]]) -> set[str]:
    seen, todo = set(start), list(start)
    while todo:
        for target in edges.get(todo.pop(), []):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


@settings(SETTINGS, max_examples=300)
@given(steps=raw_processes())
def test_structural_findings_match_an_independent_reading(steps: tuple[Step, ...]) -> None:
    plan = Plan("provider", Duration(1, "wd"), (StepPlan(Duration(5, "min"), None),))
    regulation, standard = build(plan)
    regulation = replace(regulation, processes={"provider_office": steps})
    graph = compile_regulation(regulation, standard).graphs["provider_office"]
    findings = check_structure(graph)
    codes: dict[str, set[str]] = {}
    for finding in findings:
        codes.setdefault(finding.code, set()).add(finding.breadcrumb.split("[id=")[1][:-1])

    declared = _declared(steps)
    forward = {step: [t for t, _ in targets] for step, targets in declared.items()}
    backward: dict[str, list[str]] = {}
    for source, targets in forward.items():
        for target in targets:
            backward.setdefault(target, []).append(source)
    ids = [s.id for s in steps]
    reachable = _closure({ids[0]}, forward)
    to_end = _closure(set(_ENDS), backward)
    assert codes.get("unreachable", set()) == {i for i in ids if i not in reachable}
    assert codes.get("no-end", set()) == {i for i in ids if i not in to_end}
    assert codes.get("decision", set()) == {
        s.id for s in steps if s.outcomes and len({t for t, _ in declared[s.id]}) == 1}
    # a loop without a bound exists iff the steps minus every bounded outcome have a cycle
    unbounded = nx.DiGraph()  # a transition is bounded only if every outcome taking it is
    unbounded.add_nodes_from(ids)
    unbounded.add_edges_from((s, t) for s, targets in declared.items() for t, b in targets
                             if not b)
    assert bool(codes.get("cycle")) == (not nx.is_directed_acyclic_graph(unbounded))
    assert set(codes) <= {"unreachable", "no-end", "decision", "cycle"}

    # every outcome is on an edge; every declared transition is one
    for source, targets in declared.items():
        for target, _ in targets:
            assert graph.has_edge(source, target)
    # paths are finite, valid and take each bounded return at most its bound (summed when
    # several outcomes return to the same step)
    if not findings:
        paths = list(enumerate_paths(graph))
        assert paths
        for path in paths:
            walk = [*path.steps, f"{END_PREFIX}{path.ending}"]
            assert path.steps[0] == ids[0]
            taken: dict[tuple[str, str], int] = {}
            for pair in pairwise(walk):
                assert graph.has_edge(*pair)
                taken[pair] = taken.get(pair, 0) + 1
            allowance = 1 + sum(b for _, _, b in graph.edges(data="max_repeats") if b)
            for pair, count in taken.items():
                bound = graph.edges[pair]["max_repeats"]
                if bound:
                    assert count <= bound, (pair, count, bound)
                assert count <= allowance, (pair, count, allowance)


def test_worst_cases_of_the_real_corpus_are_never_beaten(calendar: Calendar) -> None:
    """The same check on the regulations of specs/ (whatever they are when the test runs)."""
    report = check_corpus([Path(__file__).resolve().parents[2] / "specs"])
    graphs = {(c.regulation.id, name): graph for c in report.compiled
              for name, graph in c.graphs.items()}
    rng = random.Random(20240321)
    checked = 0
    for verdict in report.verdicts:
        if verdict.worst is None:
            continue
        graph = graphs[verdict.regulation, verdict.channel]
        channel: Channel = graph.graph["channel"]
        worst = verdict.worst
        # the applicant's own steps are not counted against the term
        timed = [s for s in verdict.path.steps
                 if graph.nodes[s]["actor"] is None or graph.nodes[s]["actor"].kind != "applicant"]
        assert [e.step for e in worst.timeline] == timed
        durations = [graph.nodes[s]["duration"] or Duration(0, "min") for s in timed]
        # the verifier receives only while the regulation and its standard are in force
        specs = (graph.graph["regulation"], graph.graph["standard"])
        first = max(FIRST_DAY, *(spec.valid_from for spec in specs))
        last = min([_last_receipt_day(durations, channel.term, calendar),
                    *(spec.valid_to for spec in specs if spec.valid_to is not None)])
        for received in [*_sample_receipts(calendar, channel, last, rng, 40, first),
                         *_near(calendar, channel, worst.received, last, rng, first)]:
            slack = (_term_end(channel, received, calendar)
                     - _compose(graph, tuple(timed), received, calendar)).total_seconds()
            assert slack >= worst.margin.total_seconds(), (verdict.message(), received)
        checked += 1
    assert checked >= 1
