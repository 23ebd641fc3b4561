"""The report counted by columns (`engine.report.walks`) gives the figures of the strict way,
every case read strictly and replayed one by one (`provider_report(..., strict=True)`), on
random journals of the corpus's cases, on the hand-worked journal, on the Kostanay example,
and fails where the strict way fails."""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.cases import Appeal, CaseState, Command, Journal, Open, ReplayError, run_one_by_one
from engine.report import ProviderReport, parse_period, provider_report
from tests.execute.command_strategies import EXECUTOR, action, open_command, rarely
from tests.report.journal_fixture import build

PROVIDER = "kostanay-district-education"
#: Whole years of the receipts the strategies draw (2015-2020), a span, a day.
PERIODS = ("2015-01-01..2020-12-31", "2016", "2019", "2018-03-01..2018-04-30", "2019-05-14..2019-05-14")
#: How much later (seconds) a copy of a case acts: the same walk at other instants, some of
#: them across a weekend, a holiday, a term's end or out of an office's hours.
SHIFTS = (0, 30, 3600, 86_400, 3 * 86_400, 7 * 86_400, 31 * 86_400, 365 * 86_400, 0.5)


def _shifted(command: Command, case_id: str, seconds: float) -> Command:
    """The command on another case, `seconds` later (a retried command's id dropped)."""
    field = "received" if isinstance(command, Open) else "at"
    moment: dt.datetime = getattr(command, field)
    return command._replace(**{"case_id": case_id, field: moment + dt.timedelta(seconds=seconds),
                               "command_id": None})


@st.composite
def journals(draw: st.DrawFn) -> list[Command]:
    """Commands of a few walks, each done again by copies of its case at other instants."""
    commands: list[Command] = []
    for walk in range(draw(st.integers(1, 4))):
        case_id = f"w{walk}"
        states: dict[str, CaseState] = {}
        mine = [open_command(draw, case_id, None)]
        states.update(run_one_by_one(EXECUTOR, mine).states)
        for _ in range(draw(st.integers(0, 7))):
            if case_id not in states:
                break
            if rarely(draw, 6):
                at = dt.datetime.fromtimestamp(states[case_id].last_at / 1e6, dt.UTC)
                command: Command = Appeal(case_id, "a1", "provider", "applicant", "late",
                                          at + dt.timedelta(days=1), "head")
            else:
                command = action(draw, states[case_id], None)
            mine.append(command)
            states.update(run_one_by_one(EXECUTOR, [command], states).states)
        commands += mine
        for copy in range(draw(st.integers(0, 5))):
            shift = draw(st.sampled_from(SHIFTS))
            commands += [_shifted(c, f"w{walk}-{copy}", shift) for c in mine]
    return commands


def _journal(path: Path, commands: list[Command]) -> None:
    run = run_one_by_one(EXECUTOR, commands)
    with Journal(path) as journal:
        for applied in run.applied:
            if applied.accepted and applied.events and not applied.repeated:
                journal.append(applied.events)


def _both(path: Path, period: str) -> tuple[ProviderReport, ProviderReport]:
    with Journal(path, readonly=True) as journal:
        strict = provider_report(journal, EXECUTOR, PROVIDER, parse_period(period), strict=True)
        fast = provider_report(journal, EXECUTOR, PROVIDER, parse_period(period))
    return strict, fast


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journals(), st.sampled_from(PERIODS))
def test_the_columns_give_the_strict_figures(commands: list[Command], period: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.db"
        _journal(path, commands)
        strict, fast = _both(path, period)
    assert fast == strict


def test_the_hand_worked_journal_gives_the_same_figures(tmp_path: Path) -> None:
    path = build(tmp_path / "cases.db")
    for period in ("2019", "2018-12-01..2019-06-30"):
        strict, fast = _both(path, period)
        assert fast == strict


def test_the_kostanay_example_gives_the_same_figures(tmp_path: Path) -> None:
    from engine.calendar import default_calendar
    from engine.cases import Executor
    from engine.corpus import load_corpus
    from examples.kostanay.cohorts import build_journal
    from examples.kostanay_report import PROVIDER as KOSTANAY
    from examples.kostanay_report import SPECS

    executor = Executor(load_corpus(SPECS), default_calendar())
    build_journal(tmp_path / "k.db", executor)
    with Journal(tmp_path / "k.db", readonly=True) as journal:
        for period in ("2016", "2016-03-01..2016-05-31", "2016-12-30..2016-12-31"):
            span = parse_period(period)
            strict = provider_report(journal, executor, KOSTANAY, span, strict=True)
            assert provider_report(journal, executor, KOSTANAY, span) == strict
    assert strict.cases > 0


@pytest.mark.parametrize(("case", "payload"), [
    ("c02", "not json"),                                      # a case of a group
    ("c01", '{"step": "register"}'),                          # a template's own row
])
def test_a_damaged_row_fails_as_the_strict_way_fails(tmp_path: Path, case: str,
                                                     payload: str) -> None:
    path = build(tmp_path / "cases.db")
    db = sqlite3.connect(path)
    db.execute("UPDATE events SET payload = ? WHERE case_id = ? AND seq = 2", (payload, case))
    db.commit()
    db.close()
    with Journal(path, readonly=True) as journal:
        with pytest.raises(ReplayError) as strict:
            provider_report(journal, EXECUTOR, PROVIDER, parse_period("2019"), strict=True)
        with pytest.raises(ReplayError) as fast:
            provider_report(journal, EXECUTOR, PROVIDER, parse_period("2019"))
    assert str(fast.value) == str(strict.value)
    assert f"case '{case}', event 2" in str(fast.value)
