"""A case whose step waits for a meeting: its due instant is the meeting's day's close of
business plus the step's own duration, and the timeline shows it.

The spec is the verifier's `meeting-monthly` case: the commission meets on the last working
Friday of each month, and draws up its decision within 1 wd after the meeting.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pendulum
import pytest

from engine.calendar import default_calendar, localize
from engine.cases import CaseState, Executor, instant
from engine.cases.timeline import case_data, render_case
from engine.corpus import load_corpus

SPEC = Path(__file__).resolve().parents[1] / "verify" / "data" / "meeting-monthly"
IIN = "860306300458"


@pytest.fixture(scope="module")
def executor() -> Executor:
    return Executor(load_corpus([SPEC]), default_calendar())


def at(day: int, hour: int, minute: int, month: int = 10) -> pendulum.DateTime:
    return localize(dt.datetime(2024, month, day, hour, minute))


def registered(executor: Executor, when: pendulum.DateTime) -> CaseState:
    state = executor.replay(executor.open("m1", "service", "provider_office", at(17, 17, 0),
                                          IIN, ["application"]))
    events = executor.complete(state, "register", at=when, by="tester")
    return executor.apply(state, events[0])


def test_ready_before_the_meeting_days_opening_it_counts_on_that_meeting(
        executor: Executor) -> None:
    state = registered(executor, at(18, 8, 50))  # Friday 18 October, before 09:00
    assert state.active is not None
    assert state.active.step == "commission"
    # the meeting that day (25 October is Republic Day), then 1 wd: Monday 21 October
    assert instant(state.active.due) == at(21, 18, 30)


def test_ready_after_the_opening_it_waits_for_next_months_meeting(executor: Executor) -> None:
    state = registered(executor, at(18, 9, 1))
    assert state.active is not None
    # Friday 29 November's meeting, then 1 wd: Monday 2 December
    assert instant(state.active.due) == at(2, 18, 30, month=12)
    data = case_data(executor, state)
    assert data["active"]["due"] == "2024-12-02T18:30:00+05:00"
    out = io.StringIO()
    render_case(executor, state, out)
    assert "commission  clerk  2024-10-18 Fri 09:01  2024-12-02 Mon 18:30  (waiting)" in out.getvalue()
