"""A cohort run by columns gives what its commands one by one give.

`run_cohort` groups the cases that walk the graph alike, runs one of each group one by
one and counts the others' due instants with the calendar's array functions; everything
else — bad ИИН, missing or unknown documents, time going back, instants with fractions
of a second or beyond the calendar, repeated case ids, rejected actions — is run one by
one. `run_one_by_one(executor, cohort.commands())` is the definition: the same events,
messages and states, and columns that agree with the states.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.calendar import from_micros, to_micros
from engine.cases import (
    NONE,
    STATUSES,
    CaseBook,
    CaseState,
    Cohort,
    CohortError,
    CohortResult,
    Complete,
    Executor,
    Journal,
    JournalError,
    Open,
    Refuse,
    run_cohort,
    run_one_by_one,
)
from engine.corpus import load_corpus
from tests.execute.command_strategies import (
    BAD_IIN,
    CALENDAR,
    EXECUTOR,
    GOOD_IIN,
    OFFERS,
    RECEIPTS,
    action,
    instant,
    rarely,
)

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "cases"
_Row = tuple[str, int, str, tuple[str, ...], list[tuple[str | None, int, str, str | None, str | None]]]


def _columns(service: str, channel: str, rows: list[_Row]) -> Cohort:
    actions = [(n, *a) for n, row in enumerate(rows) for a in row[4]]
    return Cohort(service, channel, [r[0] for r in rows],
                  np.array([r[1] for r in rows], dtype=np.int64), [r[2] for r in rows],
                  [r[3] for r in rows], np.array([a[0] for a in actions], dtype=np.int64),
                  [a[1] for a in actions], np.array([a[2] for a in actions], dtype=np.int64),
                  [a[3] for a in actions], [a[4] for a in actions], [a[5] for a in actions])


@st.composite
def cohorts(draw: st.DrawFn) -> Cohort:
    """Cases of one offer of the corpus, each walked by actions drawn against its state; many
    are copies of an earlier case moved by whole days (so that groups form)."""
    service, channel = draw(st.sampled_from(OFFERS))
    rows: list[_Row] = []
    for number in range(draw(st.integers(1, 10))):
        case_id = draw(st.sampled_from([r[0] for r in rows])) if rows and rarely(draw, 12) \
            else f"c{number}"
        if rows and draw(st.booleans()):
            _, received, applicant, documents, actions = draw(st.sampled_from(rows))
            shift = draw(st.sampled_from([1, 2, 7, 28, 91])) * 86_400_000_000
            rows.append((case_id, received + shift, applicant, documents,
                         [(s, at + shift, by, o, g) for s, at, by, o, g in actions]))
            continue
        received = to_micros(dt.datetime.fromisoformat(draw(st.sampled_from(RECEIPTS))))
        received += draw(st.sampled_from([0, 60, 45 * 60, 5 * 3600])) * 1_000_000
        opening = instant(received, draw)
        try:
            standard, _ = EXECUTOR.resolve(service, opening.date())
            required = [d.id for d in standard.required_documents(channel)]
        except Exception:  # not in force: rejected as the executor rejects it
            required = []
        documents = tuple(draw(st.sampled_from(
            [required] * 5 + [required[1:], [*required, "no_such_document"]])))
        applicant = BAD_IIN if rarely(draw, 10) else GOOD_IIN
        command = Open(case_id, service, channel, opening, applicant, documents)
        state: CaseState | None = run_one_by_one(EXECUTOR, [command]).states.get(case_id)
        actions: list[tuple[str | None, int, str, str | None, str | None]] = []
        last = to_micros(opening)
        for _ in range(draw(st.integers(0, 8))):
            if state is None or state.closed:
                last += 3600 * 1_000_000
                actions.append(("register", last, "clerk-1", None, None))
                continue
            drawn = action(draw, state, None)
            last = to_micros(drawn.at)
            if isinstance(drawn, Refuse):
                actions.append((None, last, drawn.by, None, drawn.ground))
            else:
                assert isinstance(drawn, Complete)
                actions.append((drawn.step, last, drawn.by, drawn.outcome, drawn.ground))
            state = run_one_by_one(EXECUTOR, [drawn], {case_id: state}).states.get(case_id)
        rows.append((case_id, to_micros(opening), applicant, documents, actions))
    return _columns(service, channel, rows)


def _agrees(result: CohortResult, executor: Executor) -> None:
    """The result is the commands' one-by-one result, and its columns say what the states say."""
    cohort = result.cohort
    reference = run_one_by_one(executor, cohort.commands())
    assert [a.error for a in result.applied()] == [a.error for a in reference.applied]
    assert result.applied() == reference.applied
    assert result.states() == reference.states
    offsets = cohort.offsets.tolist()
    for row in range(len(cohort)):
        state = result.state(row)
        assert (row in result.open_errors) == (reference.applied[row + offsets[row]].error
                                                is not None)
        if state is None:
            assert result.status[row] == -1
            continue
        assert STATUSES[result.status[row]] == state.status
        assert result.due[row] == (NONE if state.due is None else state.due)
        assert result.finished[row] == (NONE if state.finished is None else state.finished)
        active = state.active
        assert result.active_due[row] == (NONE if active is None or active.due is None
                                          else active.due)
    for k in range(len(cohort.action_case)):
        assert result.accepted[k] == (k not in result.action_errors)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts())
def test_a_cohort_gives_what_its_commands_one_by_one_give(cohort: Cohort) -> None:
    _agrees(run_cohort(EXECUTOR, cohort), EXECUTOR)


#: Minutes after 09:00 of the receipts of one day, every 7 minutes inside the reception of
#: the provider (09:00-13:00, 14:30-17:30): an office takes no application outside it.
_SLOTS = [7 * k for k in range(35)] + [330 + 7 * k for k in range(26)]


def _in_reception(start: int, n: int) -> int:
    """The n-th receipt: `start` is 09:00 of a working day followed by enough working days."""
    day, slot = divmod(n, len(_SLOTS))
    return start + (day * 24 * 60 + _SLOTS[slot]) * 60_000_000


def _bench_cohort(cases: int, received: str = "2025-03-11T09:00:00+05:00") -> Cohort:
    """The benchmark's process: receipt, five tasks, the head's decision; a case every 7 minutes."""
    steps = [("register", None), ("assign", None), ("examine", None), ("search_archive", None),
             ("prepare_draft", None), ("decide", "issue")]
    start = to_micros(dt.datetime.fromisoformat(received))
    rows: list[_Row] = []
    for n in range(cases):
        at = _in_reception(start, n)
        actions: list[tuple[str | None, int, str, str | None, str | None]] = []
        for k, (step, outcome) in enumerate(steps):
            at += (20 + 35 * k + n % 50) * 60_000_000
            refuse = step == "decide" and n % 5 == 0
            actions.append((step, at, f"clerk-{n % 3}", "refuse" if refuse else outcome,
                            "unreliable_documents" if refuse else None))
        rows.append((f"case-{n}", _in_reception(start, n), GOOD_IIN,
                     ("application", "identity_document"), actions))
    return _columns("bench-certificate", "provider_office", rows)


def test_cases_that_walk_alike_are_counted_by_columns() -> None:
    executor = Executor(load_corpus([BENCH]), CALENDAR)
    cohort = _bench_cohort(120)
    result = run_cohort(executor, cohort)
    assert result.fast.all()
    assert result.counts() == {"rejected": 0, "open": 0, "refused_to_accept": 0,
                               "result": 96, "refusal": 24}
    _agrees(result, executor)
    assert (result.step_due != NONE).all()  # every step of the process has a time limit


def test_open_cases_and_overdue_steps_by_columns() -> None:
    executor = Executor(load_corpus([BENCH]), CALENDAR)
    whole = _bench_cohort(40)
    # the first three actions of each case only: every case waits on "search_archive"
    rows = np.flatnonzero(np.arange(len(whole.action_case)) % 6 < 3)
    cohort = Cohort(whole.service, whole.channel, whole.case_ids, whole.received,
                    whole.applicants, whole.documents, whole.action_case[rows],
                    [whole.steps[k] for k in rows], whole.at[rows], [whole.by[k] for k in rows],
                    [whole.outcomes[k] for k in rows], [whole.grounds[k] for k in rows])
    result = run_cohort(executor, cohort)
    assert result.fast.all()
    assert result.counts()["open"] == 40
    _agrees(result, executor)
    later = to_micros(dt.datetime(2025, 3, 25, 12, tzinfo=dt.UTC))
    late = result.overdue(later)
    for row in range(len(cohort)):
        state = result.state(row)
        assert state is not None
        assert state.active is not None
        assert state.active.step == "search_archive"
        assert bool(late[row]) == bool(executor.overdue(state, from_micros(later)))
    assert late.any()
    assert not result.overdue(int(cohort.received.min())).any()
    assert not result.met_term().any()  # none has finished


def test_missing_documents_and_bad_applicants_are_run_one_by_one() -> None:
    executor = Executor(load_corpus([BENCH]), CALENDAR)
    cohort = _bench_cohort(12)
    documents = [("application",) if n % 4 == 0 else d for n, d in enumerate(cohort.documents)]
    applicants = [BAD_IIN if n % 6 == 1 else a for n, a in enumerate(cohort.applicants)]
    changed = Cohort(cohort.service, cohort.channel, cohort.case_ids, cohort.received,
                     applicants, documents, cohort.action_case, cohort.steps, cohort.at,
                     cohort.by, cohort.outcomes, cohort.grounds)
    result = run_cohort(executor, changed)
    _agrees(result, executor)
    counts = result.counts()
    assert counts["rejected"] == 2
    assert counts["refused_to_accept"] == 3
    assert "check digit" in result.open_errors[1]
    assert all("closed" in result.action_errors[k] for k in range(6))  # case 0: refused to accept
    assert not result.fast[[0, 1, 4, 7, 8]].any()
    assert result.fast[[2, 3, 5]].all()


@pytest.mark.parametrize(("change", "message"), [
    ({"received": np.zeros(1, dtype=np.int64)}, "received has 1 rows, case_ids 2"),
    ({"by": ["x"]}, "by has 1 rows, action_case 2"),
    ({"at": [1, 2]}, "at must be a numpy int64 array"),
    ({"action_case": np.array([1, 0], dtype=np.int64)}, "non-decreasing order"),
    ({"action_case": np.array([0, 2], dtype=np.int64)}, "case rows (0 to n-1)"),
])
def test_columns_that_do_not_make_a_table_are_refused(change: dict[str, object],
                                                      message: str) -> None:
    columns: dict[str, object] = {
        "service": "s", "channel": "c", "case_ids": ["a", "b"],
        "received": np.zeros(2, dtype=np.int64), "applicants": [GOOD_IIN] * 2,
        "documents": [(), ()], "action_case": np.array([0, 1], dtype=np.int64),
        "steps": ["x", "y"], "at": np.zeros(2, dtype=np.int64), "by": ["p", "q"],
        "outcomes": [None, None], "grounds": [None, None]}
    with pytest.raises(CohortError, match=re.escape(message)):
        Cohort(**{**columns, **change})  # type: ignore[arg-type]


def test_a_cohort_is_imported_into_a_journal_whole_or_not_at_all(tmp_path: Path) -> None:
    executor = Executor(load_corpus([BENCH]), CALENDAR)
    cohort = _bench_cohort(30)
    path = tmp_path / "journal.db"
    with Journal(path) as journal:
        result = CaseBook(executor, journal).import_cohort(cohort)
        assert len(journal.cases()) == 30
    with Journal(path) as journal:
        for row in range(len(cohort)):
            events = journal.events(cohort.case_ids[row])
            assert [e.seq for e in events] == list(range(1, 8))
            assert executor.replay(events) == result.state(row)
        written = sum(len(journal.events(c)) for c in journal.cases())
        book = CaseBook(executor, journal)
        with pytest.raises(JournalError, match="30 of the cases are in .* already: case-0, "
                                               r"case-1, case-10, \.\.\."):
            book.import_cohort(cohort)  # a retried import
        more = _bench_cohort(31)  # the 30 cases again and a new one: nothing is written
        with pytest.raises(JournalError):
            book.import_cohort(more)
        assert sum(len(journal.events(c)) for c in journal.cases()) == written
        assert "case-30" not in journal.cases()


def test_a_case_received_outside_reception_is_refused_with_the_reason() -> None:
    """The office of the benchmark receives 09:00-13:00 and 14:30-17:30 (seed 004): a case at
    13:30 is refused at opening, one by one, and the others still walk by columns."""
    executor = Executor(load_corpus([BENCH]), CALENDAR)
    inside = to_micros(dt.datetime.fromisoformat("2025-03-12T10:00:00+05:00"))
    lunch = to_micros(dt.datetime.fromisoformat("2025-03-12T13:30:00+05:00"))
    rows: list[_Row] = [(f"c{n}", moment, GOOD_IIN, ("application", "identity_document"), [])
                        for n, moment in enumerate((inside, lunch, inside + 60_000_000))]
    result = run_cohort(executor, _columns("bench-certificate", "provider_office", rows))
    assert result.fast.tolist() == [True, False, True]
    assert list(result.open_errors) == [1]
    assert result.open_errors[1].startswith(
        'channel "provider_office" of service "bench-certificate": received Wed 2025-03-12 '
        '13:30, outside the reception hours of "provider"')
