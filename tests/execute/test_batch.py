"""A batch gives, command for command, what the commands one by one give.

`run_batch` folds into working copies and counts due instants per group with the
calendar's array functions; `run_one_by_one` is the definition (decide with the
Executor, fold with `apply`). Random mixes of valid and invalid commands on the
corpus's regulations and channels — opens with and without the required documents,
decisions with each outcome, refusals with good and bad grounds, wrong steps, time
going back, closed and unknown cases, retried command ids, receipts on holidays,
transfer days and after hours, instants with fractions of a second and beyond the
calendar — must give the same events, errors and states.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.calendar import from_micros, to_micros
from engine.cases import (
    Applied,
    BatchResult,
    CaseState,
    Command,
    Complete,
    Executor,
    Open,
    due_many,
    run_batch,
    run_one_by_one,
)
from engine.corpus import load_corpus
from engine.spec import Duration
from tests.execute.command_strategies import (
    CALENDAR,
    EXECUTOR,
    GOOD_IIN,
    UTC,
    action,
    open_command,
    rarely,
)


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[Command], dict[str, CaseState]]:
    """Commands on a few cases, each drawn against the state the ones before it left."""
    commands: list[Command] = []
    states: dict[str, CaseState] = {}
    seen: set[tuple[str, str]] = set()
    cases = [f"c{n}" for n in range(draw(st.integers(2, 6)))]
    for number in range(draw(st.integers(16, 40))):
        case_id = draw(st.sampled_from(cases))
        if case_id in states and states[case_id].closed and not rarely(draw, 6):
            case_id = f"c{len(cases)}"  # mostly a new case instead of acting on a closed one
            cases.append(case_id)
        command_id = f"k{number}" if draw(st.booleans()) else None
        if commands and rarely(draw, 15):  # a retry of an earlier command
            command = draw(st.sampled_from(commands))
        elif case_id not in states or rarely(draw, 20):
            command = open_command(draw, case_id, command_id)
        else:
            command = action(draw, states[case_id], command_id)
        commands.append(command)
        step = run_one_by_one(EXECUTOR, [command], states, applied_ids=seen)
        for applied in step.applied:
            seen.update((e.case_id, e.command_id) for e in applied.events)
        states.update(step.states)
    return commands, states


def _same(batch: BatchResult, reference: BatchResult) -> None:
    assert [a.error for a in batch.applied] == [a.error for a in reference.applied]
    assert batch.applied == reference.applied
    assert batch.states == reference.states


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches())
def test_a_batch_gives_what_the_commands_one_by_one_give(drawn: tuple[list[Command],
                                                                       dict[str, CaseState]]) -> None:
    commands, stepwise = drawn
    reference = run_one_by_one(EXECUTOR, commands)
    _same(run_batch(EXECUTOR, commands), reference)
    assert reference.states == stepwise  # one by one is one by one, however it is split


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches(), st.integers(1, 15))
def test_a_batch_continues_from_given_states_as_one_by_one(
        drawn: tuple[list[Command], dict[str, CaseState]], cut: int) -> None:
    commands, _ = drawn
    before = run_one_by_one(EXECUTOR, commands[:cut])
    seen = [(e.case_id, e.command_id) for a in before.applied for e in a.events]
    snapshot = {case_id: state.copy() for case_id, state in before.states.items()}
    rest = commands[cut:] * 2  # long enough for the grouped path; the repeats are retries
    batch = run_batch(EXECUTOR, rest, before.states, applied_ids=seen)
    _same(batch, run_one_by_one(EXECUTOR, rest, before.states, applied_ids=seen))
    assert before.states == snapshot  # the given states are copied, never changed


def _plan(case: int, received: str, gaps: list[int]) -> list[Command]:
    """A school admission at the provider's office walked to its result."""
    start = to_micros(dt.datetime.fromisoformat(received))
    steps = [("register", None), ("assign", None), ("review", "accept"), ("sign_receipt", None),
             ("issue_receipt", None)]
    at = [start + sum(gaps[:n + 1]) * 1_000_000 for n in range(len(steps))]
    return [Open(f"w{case}", "school-admission", "provider_office", from_micros(start),
                 GOOD_IIN, ("application",)),
            *(Complete(f"w{case}", step, from_micros(when), "clerk", outcome)
              for (step, outcome), when in zip(steps, at, strict=True))]


def test_the_grouped_path_reaches_every_kind_of_end_and_counts_due_instants() -> None:
    executor = Executor(load_corpus([Path(__file__).parent / "data"]), CALENDAR)
    commands = [c for n in range(12) for c in _plan(n, "2024-03-20T10:00:00+05:00",
                                                    [60 * (n + 1)] * 5)]
    batch = run_batch(executor, commands)
    _same(batch, run_one_by_one(executor, commands))
    assert all(a.accepted for a in batch.applied)
    assert {s.status for s in batch.states.values()} == {"result"}
    assert all(isinstance(r.due, int) and type(r.due) is int
               for s in batch.states.values() for r in s.history if r.due is not None)


def test_a_case_whose_due_instant_is_beyond_the_calendar_is_decided_one_by_one() -> None:
    executor = Executor(load_corpus([Path(__file__).parent / "data"]), CALENDAR)
    last = CALENDAR.years[1]
    late = _plan(99, f"{last}-12-31T18:25:00+05:00", [60] * 5)  # its term would end after it
    commands = [c for n in range(4) for c in _plan(n, "2024-03-20T10:00:00+05:00", [60] * 5)]
    batch = run_batch(executor, [*commands, *late])
    _same(batch, run_one_by_one(executor, [*commands, *late]))
    errors = [a.error for a in batch.applied if a.error]
    assert errors[0].startswith(f"no calendar data for {last + 1}"), errors
    assert "w99" not in batch.states


SCHEDULES = ("provider", "provider_0900_1800", "gov_corp", "portal")
FIRST = to_micros(dt.datetime(2015, 1, 1, tzinfo=UTC))
END = to_micros(dt.datetime(CALENDAR.years[1] + 1, 1, 3, tzinfo=UTC))  # past the calendar's end


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.integers(FIRST, END).map(lambda m: m - m % 1_000_000),
                          st.integers(FIRST, END)), min_size=1, max_size=30),
       st.builds(Duration, st.integers(0, 40), st.sampled_from(["min", "h", "wd", "cd", "bd", "mo"])),
       st.sampled_from(SCHEDULES), st.booleans())
def test_due_many_is_the_executors_due_one_at_a_time(starts: list[int], duration: Duration,
                                                     schedule: str, exclude: bool) -> None:
    due, failed = due_many(EXECUTOR, schedule, np.array(starts, dtype=np.int64), duration, exclude)
    for n, start in enumerate(starts):
        try:
            expected = EXECUTOR._due(schedule, start, duration, exclude)
        except Exception:
            assert failed[n]
        else:
            assert not failed[n]
            assert int(due[n]) == expected


def test_repeated_and_rejected_commands_change_nothing() -> None:
    executor = Executor(load_corpus([Path(__file__).parent / "data"]), CALENDAR)
    plan = _plan(1, "2024-03-20T10:00:00+05:00", [60] * 5)
    opening = plan[0]._replace(command_id="desk:open")
    first_step = plan[1]._replace(command_id="desk:register")
    commands = [opening, first_step, first_step, opening._replace(command_id="other"),
                plan[2]._replace(at=plan[0].received), Complete("nobody", "register",
                                                                plan[1].at, "clerk"),
                *plan[2:]] * 2
    batch = run_batch(executor, commands)
    _same(batch, run_one_by_one(executor, commands))
    assert batch.applied[2] == Applied(first_step, (), None, True)
    assert batch.applied[3].error == "case 'w1' already exists (hint: choose another id)"
    assert "time cannot go back" in str(batch.applied[4].error)
    assert batch.applied[5].error == "no case 'nobody' (hint: open it first)"
    assert batch.states["w1"].status == "result"


@pytest.mark.parametrize("size", [1, 15, 16])
def test_small_and_large_batches_agree(size: int) -> None:
    executor = Executor(load_corpus([Path(__file__).parent / "data"]), CALENDAR)
    commands = [c for n in range(3) for c in _plan(n, "2024-03-20T10:00:00+05:00", [60] * 5)]
    assert run_batch(executor, commands[:size]) == run_one_by_one(executor, commands[:size])
