"""Complaints (appeals) in the journal: dated rules, due instants on the real calendar,
overdue complaints, replay, bad input, JSON Lines (issue 20, item 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
import pytest
from typer.testing import CliRunner

from cli import app
from engine.calendar import localize, to_micros
from engine.cases import (
    Appeal,
    CaseBook,
    DecideAppeal,
    ExecutionError,
    Executor,
    Journal,
    instant,
    read_complaint_rules,
)
from engine.spec.errors import SpecErrors
from tests.execute.journal_writer import IIN
from tests.execute.journal_writer import executor as shared_executor

runner = CliRunner()


@pytest.fixture(scope="module")
def executor() -> Executor:
    return shared_executor()


@pytest.fixture
def book(tmp_path: Path, executor: Executor) -> CaseBook:
    return CaseBook(executor, Journal(tmp_path / "cases.db"))


def at(year: int, month: int, day: int, hour: int = 10) -> pendulum.DateTime:
    return localize(dt.datetime(year, month, day, hour, 0))


def opened(book: CaseBook, year: int) -> None:
    book.open("c1", "school-admission", "provider_office", at(year, 3, 15), IIN, ["application"])


def test_law_88_v_gives_five_working_days_that_skip_nauryz_2019(book: CaseBook) -> None:
    opened(book, 2019)
    state = book.appeal("c1", "A-1", "provider", "Иванов", "срок", at=at(2019, 3, 18), by="clerk")
    (record,) = state.appeals
    assert record.rule == "law-88-v-art-25-provider-2013"
    # 19, 20 March, then Nauryz (21-22, Saturday 23 moved to Monday 25), 26, 27, 28
    assert str(instant(record.due)) == "2019-03-28 18:30:00+06:00"


def test_the_agency_has_fifteen_days_and_up_to_ten_more(book: CaseBook) -> None:
    opened(book, 2019)
    book.appeal("c1", "A-1", "quality_agency", "x", "y", at=at(2019, 3, 18), by="clerk")
    state = book.extend_appeal("c1", "A-1", 4, "a check", at=at(2019, 3, 19), by="head")
    assert (state.appeals[0].extended_days, str(instant(state.appeals[0].due))) == (
        4, "2019-04-17 18:30:00+06:00")
    with pytest.raises(ExecutionError, match="at most 6 more working day"):
        book.extend_appeal("c1", "A-1", 7, "more", at=at(2019, 3, 20), by="head")


def test_the_appc_rule_applies_from_july_2021_around_nauryz_2023(book: CaseBook) -> None:
    opened(book, 2023)
    state = book.appeal("c1", "A-1", "provider", "x", "y", at=at(2023, 3, 17, 11), by="clerk")
    (record,) = state.appeals
    assert record.rule == "appc-art-91-provider-2021"
    # three working days: Monday 20, then Nauryz (21-23), Friday 24, Monday 27
    assert str(instant(record.due)) == "2023-03-27 18:30:00+06:00"


def test_a_late_complaint_is_overdue_until_decided_and_then_late(book: CaseBook) -> None:
    opened(book, 2019)
    book.complete("c1", "register", at=at(2019, 3, 15, 10), by="clerk")
    book.appeal("c1", "A-1", "provider", "x", "y", at=at(2019, 3, 18), by="clerk")
    late = [item for _, item in book.overdue(at(2019, 4, 1)) if item.appeal]
    assert [(item.appeal, str(instant(item.due))) for item in late] == [
        ("A-1", "2019-03-28 18:30:00+06:00")]
    assert book.state("c1").appeals[0].overdue(to_micros(at(2019, 4, 1)))
    state = book.decide_appeal("c1", "A-1", "rejected", "12/3", "head", at=at(2019, 4, 2),
                               by="head")
    assert state.appeals[0].late
    assert not [item for _, item in book.overdue(at(2019, 4, 3)) if item.appeal]


def test_the_replay_of_the_journal_is_the_live_state(book: CaseBook, executor: Executor,
                                                     tmp_path: Path) -> None:
    opened(book, 2019)
    book.appeal("c1", "A-1", "quality_agency", "x", "y", at=at(2019, 3, 18), by="c")
    book.extend_appeal("c1", "A-1", 2, "r", at=at(2019, 3, 19), by="h")
    book.decide_appeal("c1", "A-1", "partly_satisfied", "7", "agency", at=at(2019, 3, 20), by="h")
    live = book.revise_appeal("c1", "A-1", "annulled", at=at(2019, 5, 2), by="court")
    with Journal(tmp_path / "cases.db") as again:
        assert executor.replay(again.events("c1")) == live


@pytest.mark.parametrize(("command", "message"), [
    (lambda b: b.appeal("nope", "A", "provider", "x", "y", at=at(2019, 3, 18), by="c"),
     "no case 'nope'"),
    (lambda b: b.appeal("c1", "B", "court", "x", "y", at=at(2019, 3, 18), by="c"),
     'unknown body "court"'),
    (lambda b: b.decide_appeal("c1", "B", "rejected", "1", "h", at=at(2019, 3, 18), by="c"),
     "has no complaint 'B'"),
    (lambda b: b.decide_appeal("c1", "A", "maybe", "1", "h", at=at(2019, 3, 19), by="c"),
     'unknown decision "maybe"'),
    (lambda b: b.decide_appeal("c1", "A", "rejected", "1", "h", at=at(2019, 3, 17), by="c"),
     "time cannot go back"),
    (lambda b: b.revise_appeal("c1", "A", "r", at=at(2019, 3, 19), by="c"),
     "not decided yet"),
    (lambda b: b.appeal("c1", "A", "provider", "x", "y", at=at(2019, 3, 19), by="c"),
     "already has complaint 'A'"),
    (lambda b: b.extend_appeal("c1", "A", 1, "r", at=at(2019, 3, 19), by="c"),
     "at most 0 more working day"),
])
def test_bad_commands_are_refused_with_what_is_wrong(book: CaseBook, command, message: str) -> None:  # type: ignore[no-untyped-def]
    opened(book, 2019)
    book.appeal("c1", "A", "provider", "x", "y", at=at(2019, 3, 18), by="c")
    with pytest.raises(ExecutionError, match=message):
        command(book)


def test_deciding_twice_is_refused(book: CaseBook) -> None:
    opened(book, 2019)
    book.appeal("c1", "A", "provider", "x", "y", at=at(2019, 3, 18), by="c")
    book.decide_appeal("c1", "A", "satisfied", "1", "h", at=at(2019, 3, 19), by="c")
    with pytest.raises(ExecutionError, match="decided already"):
        book.decide_appeal("c1", "A", "rejected", "2", "h", at=at(2019, 3, 20), by="c")


def test_complaints_in_bulk_after_a_cohort_of_cases(book: CaseBook) -> None:
    opened(book, 2019)
    results = book.apply_many(
        [Appeal("c1", f"A-{n}", "provider", "x", "y", at(2019, 3, 18), "c") for n in range(20)]
        + [DecideAppeal("c1", "A-0", "satisfied", "1", "h", at(2019, 3, 19), "c", "d-0")] * 2)
    assert [r.accepted for r in results] == [True] * 22
    assert results[-1].repeated
    assert len(book.state("c1").appeals) == 20


def test_a_rules_file_with_errors_is_located(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("kind: complaint_rules\nrules:\n  - id: r1\n    body: court\n"
                    "    valid_from: \"2021-07-01\"\n    term: 5 cd\n    max_extension: 0 wd\n"
                    "    source: {kk: a, ru: b, en: c}\n", encoding="utf-8")
    with pytest.raises(SpecErrors) as raised:
        read_complaint_rules(path)
    text = str(raised.value)
    assert f"{path}:4:11" in text
    assert 'unknown body "court"' in text
    assert f"{path}:6:11" in text
    assert "expected working days" in text


def test_the_command_line_files_decides_and_lists_a_late_complaint(tmp_path: Path) -> None:
    db = str(tmp_path / "j.db")
    data = str(Path(__file__).parent / "data")
    common = ["--db", db, "--case", "c1", "--specs", data]
    assert runner.invoke(app, ["case", "open", *common, "--service", "school-admission",
                               "--channel", "provider_office", "--received",
                               "2019-03-15T10:00:00+06:00", "--applicant", IIN,
                               "--documents", "application"]).exit_code == 0
    shown = runner.invoke(app, ["case", "appeal", *common, "--appeal", "A-1", "--body", "provider",
                                "--complainant", "Иванов", "--substance", "срок",
                                "--at", "2019-03-18T10:00:00+06:00", "--by", "clerk"])
    assert shown.exit_code == 0, shown.output
    assert "due 2019-03-28 Thu 18:30" in shown.stdout
    assert "№ 88-V" in shown.stdout
    late = runner.invoke(app, ["case", "overdue", "--db", db, "--specs", data,
                               "--at", "2019-04-01T10:00:00+06:00"])
    assert "complaint A-1: due 2019-03-28 Thu 18:30" in late.stdout
    assert "шағым мерзімінде қаралмады / жалоба не рассмотрена в срок" in late.stdout
    bad = runner.invoke(app, ["case", "appeal-decide", *common, "--appeal", "A-1", "--decision",
                              "maybe", "--document", "1", "--examined-by", "h",
                              "--at", "2019-04-01T10:00:00+06:00", "--by", "h"])
    assert bad.exit_code == 1
    assert 'unknown decision "maybe"' in bad.stderr
    lines = tmp_path / "c.jsonl"
    lines.write_text(
        '{"op": "appeal_decide", "case": "c1", "appeal": "A-1", "decision": "rejected", '
        '"document": "5", "examined_by": "head", "at": "2019-04-01T11:00:00+06:00", "by": "h"}\n'
        '{"op": "appeal_revise", "case": "c1", "appeal": "A-1", "revision": "annulled", '
        '"at": "2019-05-01T11:00:00+06:00", "by": "court"}\n'
        '{"op": "appeal_extend", "case": "c1", "appeal": "A-1", "days": "2", "reason": "r", '
        '"at": "2019-05-01T11:00:00+06:00", "by": "h"}\n', encoding="utf-8")
    applied = runner.invoke(app, ["case", "apply", "--db", db, "--specs", data, str(lines)])
    assert applied.exit_code == 2
    assert "3 appeal_decided" in applied.stdout
    assert "2 accepted" in applied.stdout
    assert ':3: "days": expected a whole number, got "2"' in applied.stderr
    nothing = runner.invoke(app, ["case", "overdue", "--db", db, "--specs", data,
                                  "--at", "2019-04-02T10:00:00+06:00"])
    assert "complaint" not in nothing.stdout
