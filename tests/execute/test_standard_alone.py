"""A case on a standard alone (issue 17): national Rules as a regulation, and, where no
regulation is in force, the minimal process the standard implies (`engine.process.implied`).

The test data (tests/data/national) is a frozen copy of the standard teacher-attestation
(in force from 2024-01-03), a regional regulation of it in force 2024-06-01..2025-06-30 and a
national one (scope: national) from 2025-01-01: before 2024-06 no regulation is in force and
a case runs on the implied process; in the second half of 2024 on the regional one (the only
one); in the first half of 2025 on the national one (of two, the national) unless the
caller names the regional one; from 2025-07 on the national one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.calendar import default_calendar, from_micros, to_micros
from engine.cases import (
    CaseBook,
    Cohort,
    ExecutionError,
    Executor,
    Journal,
    run_cohort,
    run_one_by_one,
    simulate,
)
from engine.corpus import load_corpus
from engine.process import IMPLIED_LABEL, implied_regulation

NATIONAL = Path(__file__).resolve().parents[1] / "data" / "national"
CALENDAR = default_calendar()
EXECUTOR = Executor(load_corpus([NATIONAL]), CALENDAR)
IIN = "000101500001"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize(("received", "regulation", "chosen"), [
    ("2024-03-04T10:00:00+05:00", None, "teacher-attestation.implied"),
    ("2024-09-02T10:00:00+05:00", None, "regional-teacher-attestation"),
    ("2025-03-03T10:00:00+05:00", None, "national-teacher-attestation"),
    ("2025-03-03T10:00:00+05:00", "regional-teacher-attestation", "regional-teacher-attestation"),
    ("2025-09-03T10:00:00+05:00", None, "national-teacher-attestation"),
    ("2025-09-03T10:00:00+05:00", "teacher-attestation.implied", "teacher-attestation.implied"),
])
def test_a_case_runs_on_the_regulation_in_force_else_the_national_else_the_implied(
        received: str, regulation: str | None, chosen: str) -> None:
    events = EXECUTOR.open("c1", "teacher-attestation", "provider_office", at(received), IIN,
                           ["application"], regulation=regulation)
    assert events[0].payload["regulation"] == chosen


def test_a_named_regulation_not_in_force_is_still_an_error() -> None:
    with pytest.raises(ExecutionError, match="regulation \"regional-teacher-attestation\" is "
                       "not in force on 2025-09-03: repealed, last in force on 2025-06-30"):
        EXECUTOR.open("c1", "teacher-attestation", "provider_office",
                      at("2025-09-03T10:00:00+05:00"), IIN, ["application"],
                      regulation="regional-teacher-attestation")


def test_the_implied_process_has_the_three_steps_and_the_refusal_branch() -> None:
    standard = EXECUTOR.corpus.standard_versions("teacher-attestation")[0]
    implied = implied_regulation(standard)
    assert (implied.id, implied.scope, implied.implied, implied.region, implied.approved_by) == (
        "teacher-attestation.implied", "national", True, None, None)
    assert set(implied.processes) == {"provider_office", "gov_corp", "gov_corp_elsewhere"}
    steps = implied.processes["gov_corp"]
    assert [(s.id, s.actor, str(s.duration), s.rest_of_term) for s in steps] == [
        ("receive", "gov_corp", "0 min", False), ("render", "provider", "3 wd", True),
        ("issue", "gov_corp", "0 min", False), ("issue_refusal", "gov_corp", "0 min", False)]
    assert [o.id for o in steps[1].outcomes] == ["granted", "refused"]
    assert steps[3].refusal_grounds == ("unreliable_documents", "requirements_not_met")
    assert steps[0].documents == ("application",)


#: Receipts inside the reception of both offices (provider: 09:00-13:00, 14:30-17:30 on
#: working days; the State Corporation: 09:00-20:00 Mon-Sat), 2024-01-03..2024-05-31.
@st.composite
def receipts(draw: st.DrawFn) -> dt.datetime:
    windows = draw(st.sampled_from(["provider", "gov_corp"]))
    from engine.calendar import reception_windows
    found = reception_windows(CALENDAR, windows)
    low = to_micros(at("2024-01-03T00:00:00+06:00"))
    high = to_micros(at("2024-05-31T00:00:00+05:00"))
    inside = np.flatnonzero((found.starts >= low) & (found.starts < high))
    k = int(inside[draw(st.integers(0, inside.size - 1))])
    offset = draw(st.integers(0, int(found.ends[k] - found.starts[k]) // 60_000_000 - 1))
    return from_micros(int(found.starts[k]) + offset * 60_000_000, CALENDAR.timezone)


@settings(max_examples=60, deadline=None)
@given(received=receipts(), channel=st.sampled_from(["gov_corp", "gov_corp_elsewhere"]))
def test_the_implied_path_fits_the_term_exactly(received: dt.datetime, channel: str) -> None:
    state = simulate(EXECUTOR, "teacher-attestation", channel, received)
    receipt = EXECUTOR.receipt("teacher-attestation", channel, received, IIN, ["application"])
    assert state.regulation == "teacher-attestation.implied"
    assert state.due == receipt.due  # the term the standard alone promises
    render = next(r for r in state.history if r.step == "render")
    assert render.due == state.due == state.finished
    assert (state.status, state.met_term, EXECUTOR.margin_minutes(state)) == ("result", True, 0)


def test_render_takes_the_rest_of_the_term_whenever_it_starts() -> None:
    received = at("2024-03-04T10:00:00+05:00")
    state = EXECUTOR.replay(EXECUTOR.open("c1", "teacher-attestation", "gov_corp", received, IIN,
                                          ["application"]))
    late_receive = at("2024-03-05T16:00:00+05:00")  # the desk completes receive a day late
    state = EXECUTOR.apply(state, EXECUTOR.complete(state, "receive", at=late_receive,
                                                    by="op-1")[0])
    assert state.history[0].late
    assert state.active is not None
    assert state.active.step == "render"
    assert state.active.due == state.due  # 3 wd after the day of acceptance (5, 6, 7 March)
    assert from_micros(state.due or 0, CALENDAR.timezone).isoformat() == (
        "2024-03-07T20:00:00+05:00")


def test_a_reasoned_refusal_cites_a_ground_of_the_standard() -> None:
    received = at("2024-03-04T10:00:00+05:00")
    state = simulate(EXECUTOR, "teacher-attestation", "provider_office", received,
                     outcomes={"render": ["refused"]}, ground="requirements_not_met")
    assert (state.status, state.ground) == ("refusal", "requirements_not_met")
    assert [r.step for r in state.history] == ["receive", "render", "issue_refusal"]
    with pytest.raises(ExecutionError, match="must cite one of the grounds"):
        simulate(EXECUTOR, "teacher-attestation", "provider_office", received,
                 outcomes={"render": ["refused"]}, ground="court_ban")


def test_missing_documents_are_refused_to_accept_under_the_article_of_the_channel() -> None:
    received = at("2024-03-04T10:00:00+05:00")
    for channel, article in (("provider_office", "Law 88-V, art. 19"),
                             ("gov_corp", "Law 88-V, art. 20 p. 2")):
        state = simulate(EXECUTOR, "teacher-attestation", channel, received, documents=[])
        assert (state.status, state.missing, state.article) == (
            "refused_to_accept", ("application",), article)


def test_an_office_refuses_an_application_outside_its_reception_hours() -> None:
    with pytest.raises(ExecutionError, match="reception"):
        EXECUTOR.open("c1", "teacher-attestation", "provider_office",
                      at("2024-03-04T13:30:00+05:00"), IIN, ["application"])


def test_overdue_lists_the_render_and_the_term_of_an_implied_case(tmp_path: Path) -> None:
    with Journal(tmp_path / "cases.db") as journal:
        book = CaseBook(EXECUTOR, journal)
        book.open("c1", "teacher-attestation", "gov_corp", at("2024-03-04T10:00:00+05:00"), IIN,
                  ["application"])
        book.complete("c1", "receive", at=at("2024-03-04T10:05:00+05:00"), by="op-1")
        state = book.state("c1")
    late = EXECUTOR.overdue(state, at("2024-03-11T10:00:00+05:00"))
    assert [(o.step, o.actor) for o in late] == [("render", "provider"), (None, None)]
    assert late[0].due == late[1].due == state.due
    assert not EXECUTOR.overdue(state, at("2024-03-07T19:00:00+05:00"))


def test_a_cohort_on_the_implied_process_gives_what_one_by_one_gives() -> None:
    start = to_micros(at("2024-03-11T09:00:00+05:00"))  # Mon-Sat, no holiday
    day = 86_400_000_000
    rows = [(f"c{n}", start + (n // 4) * day + (n % 4) * 3_600_000_000) for n in range(24)]
    actions = [(n, step, received + k * 600_000_000, "op", outcome, ground)
               for n, (_, received) in enumerate(rows)
               for k, (step, outcome, ground) in enumerate(
                   [("receive", None, None),
                    ("render", "refused" if n % 3 == 0 else "granted", None)])]
    cohort = Cohort("teacher-attestation", "gov_corp", [r[0] for r in rows],
                    np.array([r[1] for r in rows], dtype=np.int64), [IIN] * len(rows),
                    [("application",)] * len(rows),
                    np.array([a[0] for a in actions], dtype=np.int64), [a[1] for a in actions],
                    np.array([a[2] for a in actions], dtype=np.int64), [a[3] for a in actions],
                    [a[4] for a in actions], [a[5] for a in actions])
    result = run_cohort(EXECUTOR, cohort)
    reference = run_one_by_one(EXECUTOR, cohort.commands())
    assert result.applied() == reference.applied
    assert result.states() == reference.states
    assert result.fast.any()
    for row in range(len(cohort)):
        state = result.state(row)
        assert state is not None
        assert state.active is not None
        assert state.active.step == ("issue_refusal" if row % 3 == 0 else "issue")
        assert result.due[row] == state.due
    assert all(s.regulation == "teacher-attestation.implied" for s in reference.states.values())


def test_the_label_is_in_both_languages_kazakh_first() -> None:
    assert (IMPLIED_LABEL.kk, IMPLIED_LABEL.ru, IMPLIED_LABEL.en) == (
        "рәсімдер ешбір мәтінде белгіленбеген", "процедуры не установлены ни одним текстом",
        "steps not given by any text")
