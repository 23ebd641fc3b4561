"""The verifier's shortcuts give exactly what composing step by step gives.

`engine.verify.proof` composes a channel's paths with two shortcuts (added for the
1,000-spec benchmark): runs of steps in minutes or hours on one working time are
composed as one step of their total, and paths share the composition of their common
first steps and the term's ends. Both rest on properties of the calendar's batch
arithmetic; these tests compare them with the plain step-by-step composition, on the
hard cases (moments at the openings and closings of periods, portal steps after
office steps) and on every path of a generated corpus.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate_corpus import generate
from engine.calendar import Calendar, CalendarError, default_calendar
from engine.process import enumerate_paths
from engine.spec import Channel, Duration, Location
from engine.verify import check_corpus, receipt_windows
from engine.verify.composition import SLICE, SharedWork, compose
from engine.verify.proof import _is_applicant

CALENDAR: Calendar = default_calendar()
SCHEDULES = ["provider", "portal", "provider_0900_1800", "gov_corp"]
UNITS = ["min", "h", "wd", "cd"]


def _channel(schedule: str = "provider") -> Channel:
    return Channel("provider_office", None, Duration(30, "min"), schedule, "test",  # type: ignore[arg-type]
                   Location("test.yaml", 1, 1))


def _moments() -> np.ndarray:
    """Every opening and closing of 2024 on every schedule, a minute either side, and noon."""
    found = []
    for schedule in SCHEDULES:
        index = CALENDAR.working_time(schedule)
        for key in ("starts", "ends"):
            edges = index.s[key]
            edges = edges[(edges > 1_704_067_200) & (edges < 1_735_603_200)]
            found.extend([edges - 60, edges, edges + 60])
    midday = np.arange(1_704_088_800, 1_735_603_200, 86_400, dtype=np.int64)
    return np.unique(np.concatenate([*found, midday]).astype(np.int64))


MOMENTS = _moments()


def _step_by_step(durations: list[Duration], schedules: list[str]) -> np.ndarray | str:
    try:
        return compose(MOMENTS, durations, schedules, CALENDAR)
    except CalendarError as error:
        return f"error: {error}"


def _shortcut(durations: list[Duration], schedules: list[str]) -> np.ndarray | str:
    shared = SharedWork(_channel(), CALENDAR, receipt_windows(CALENDAR, "provider"))
    try:
        return shared.ends(MOMENTS, durations, schedules)
    except CalendarError as error:
        return f"error: {error}"


steps = st.lists(st.tuples(st.sampled_from([0, 1, 5, 15, 30, 45, 60, 90, 240, 510]),
                           st.sampled_from(UNITS), st.sampled_from(SCHEDULES)),
                 min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(steps)
def test_runs_of_minutes_compose_as_their_sum(case: list[tuple[int, str, str]]) -> None:
    durations = [Duration(amount if unit in ("min", "h") else amount % 7, unit)  # type: ignore[arg-type]
                 for amount, unit, _ in case]
    schedules = [schedule for _, _, schedule in case]
    expected, got = _step_by_step(durations, schedules), _shortcut(durations, schedules)
    if isinstance(expected, str) or isinstance(got, str):
        assert got == expected
    else:
        assert np.array_equal(got, expected)


def test_a_step_ending_at_a_closing_then_a_portal_step() -> None:
    durations = [Duration(30, "min"), Duration(510, "min"), Duration(1, "h"), Duration(5, "min")]
    schedules = ["provider", "provider", "portal", "provider"]
    assert np.array_equal(_shortcut(durations, schedules), _step_by_step(durations, schedules))


@pytest.mark.parametrize("seed", [0])
def test_every_path_of_a_generated_corpus(tmp_path: Path, seed: int) -> None:
    generate(12, tmp_path, seed)
    report = check_corpus([tmp_path])
    compared = 0
    for compiled in report.compiled:
        for graph in compiled.graphs.values():
            channel: Channel = graph.graph["channel"]
            windows = receipt_windows(CALENDAR, channel.reception or channel.schedule)
            shared = SharedWork(channel, CALENDAR, windows)
            for path in enumerate_paths(graph):
                timed = [s for s in path.steps if not _is_applicant(graph, s)]
                durations = [graph.nodes[s]["step"].duration for s in timed]
                if None in durations:
                    continue
                schedules = [graph.nodes[s]["schedule"] for s in timed]
                try:
                    received = shared.received(durations, schedules)
                    got = shared.ends(received, durations, schedules)
                    term = shared.term_end(received)
                except CalendarError:
                    continue
                assert np.array_equal(got, compose(received, durations, schedules, CALENDAR))
                assert np.array_equal(term, CALENDAR.due_batch(
                    received, channel.term.amount, channel.term.unit,
                    CALENDAR.term_schedule(channel.schedule, channel.term, channel.term_week),
                    exclude_acceptance_day=channel.acceptance_day_excluded))
                compared += 1
    assert compared > 20


@pytest.mark.parametrize(("duration", "schedule"), [(Duration(30, "wd"), "provider"),
                                                     (Duration(400, "h"), "portal")])
def test_long_arrays_in_slices_fail_as_the_whole_array_does(duration: Duration,
                                                            schedule: str) -> None:
    """More moments than a slice, the last ones past the calendar's end with the step."""
    start = int(CALENDAR.working_time(schedule).s["starts"][-20])
    moments = np.arange(start - 90_000 * 60, start, 60, dtype=np.int64)
    assert moments.size > SLICE
    shared = SharedWork(_channel(schedule), CALENDAR, receipt_windows(CALENDAR, schedule))
    with pytest.raises(CalendarError) as whole:
        compose(moments, [duration], [schedule], CALENDAR)
    with pytest.raises(CalendarError) as sliced:
        shared.ends(moments, [duration], [schedule])
    assert str(sliced.value) == str(whole.value)
    fits = moments[:SLICE + 10]
    assert np.array_equal(shared.ends(fits, [Duration(2, "h")], [schedule]),
                          compose(fits, [Duration(2, "h")], [schedule], CALENDAR))
