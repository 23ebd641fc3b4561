"""The audit's array arithmetic agrees with the calendar's scalar API (properties)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.audit import judge_variant
from engine.audit.step_readings import CIVIL, ELAPSED, UNFIXED, judge_readings
from engine.calendar import default_calendar, from_micros
from engine.calendar.batch import working_seconds
from engine.corpus import Corpus
from engine.spec import parse_duration

#: Instants of 2018-2026, whole minutes (the calendar's boundaries are whole minutes).
START = int(dt.datetime(2018, 1, 1, tzinfo=dt.UTC).timestamp())
INSTANTS = st.integers(0, 9 * 365 * 24 * 60).map(lambda m: START + m * 60)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(first=INSTANTS, span=st.integers(0, 40 * 24 * 60),
       schedule=st.sampled_from(["provider", "gov_corp", "portal", "gov_corp@five_day"]))
def test_working_seconds_are_the_scalar_elapsed(first: int, span: int, schedule: str) -> None:
    calendar = default_calendar()
    if schedule.endswith("@five_day"):
        schedule = calendar.term_schedule("gov_corp", parse_duration("15 wd"))
    index = calendar.working_time(schedule)
    last = first + span * 60
    at = working_seconds(index, np.array([first, last], dtype=np.int64))
    zone = calendar.timezone
    start, end = from_micros(first * 1_000_000, zone), from_micros(last * 1_000_000, zone)
    expected = calendar.elapsed(start, end, schedule).working if \
        calendar.schedule(schedule).intake != "always" else None
    if expected is not None:
        assert int(at[1] - at[0]) == int(expected.total_seconds())
    assert at[1] >= at[0]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(order=st.permutations(range(5)))
def test_a_permuted_path_is_only_out_of_order(corpus: Corpus, order: list[int]) -> None:
    """The regulation's own path reordered: every step present once, so the only findings are
    steps out of order, as many as the path less its longest run in order."""
    from engine.cases import CaseGraphs
    graphs = CaseGraphs(corpus, default_calendar())
    standard, regulation = graphs.resolve("school-admission", dt.date(2019, 3, 20))
    graph = graphs.graph(standard, regulation, "provider_office")
    path = ["register", "assign", "review", "sign_receipt", "issue_receipt"]
    steps = [path[i] for i in order]
    outcomes = ["accept" if s == "review" else None for s in steps]
    judged = judge_variant(graph, steps, outcomes, [None] * 5, [])
    kinds = {kind for kind, _, _ in judged.findings}
    assert kinds <= {"out_of_order"}
    longest = _longest_run(order)
    assert len(judged.findings) == 5 - longest
    assert judged.ending == "result"  # every place of the path is taken: the case ended
    assert judged.end_at == order.index(4)


def _longest_run(values: list[int]) -> int:
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best)


@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6),
                          st.sampled_from([0, 1, 2])), min_size=1, max_size=40))
def test_a_step_is_judged_under_the_reading_its_regulation_fixes(
        rows: list[tuple[int, int, int, int]]) -> None:
    """Unfixed: late past the civil due, `depends` between the elapsed and the civil one;
    fixed, one reading only and never `depends`."""
    end = np.array([r[0] for r in rows], dtype=np.int64)
    a = np.array([r[1] for r in rows], dtype=np.int64)
    b = np.array([r[2] for r in rows], dtype=np.int64)
    civil, elapsed = np.maximum(a, b), np.minimum(a, b)  # the elapsed end is never after
    reading = np.array([r[3] for r in rows], dtype=np.int64)
    due, late, depends = judge_readings(end, civil, elapsed, reading)
    for i in range(len(rows)):
        if reading[i] == ELAPSED:
            assert due[i] == elapsed[i]
            assert late[i] == (end[i] > elapsed[i])
            assert not depends[i]
        else:
            assert due[i] == civil[i]
            assert late[i] == (end[i] > civil[i])
            assert depends[i] == (reading[i] == UNFIXED and elapsed[i] < end[i] <= civil[i])
    assert not depends[reading == CIVIL].any()
