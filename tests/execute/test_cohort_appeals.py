"""Complaints imported with a cohort as columns (`Appeals`, `CaseBook.import_cohort`): the
same journal as the cohort followed by the complaints one command at a time, the same
messages for complaints that do not fit, located errors for columns that are not a table
(issue 20, item 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from engine.calendar import localize, to_micros
from engine.cases import NONE, Appeals, CaseBook, Cohort, CohortError, Executor, Journal, instant
from tests.execute.journal_writer import IIN
from tests.execute.journal_writer import executor as shared_executor


@pytest.fixture(scope="module")
def executor() -> Executor:
    return shared_executor()


def micros(month: int, day: int, hour: int = 10, year: int = 2019) -> int:
    return to_micros(localize(dt.datetime(year, month, day, hour, 0)))


def cohort() -> Cohort:
    """Three cases of 2019, each with its first step done."""
    ids = ["k1", "k2", "k3"]
    received = np.array([micros(3, 4), micros(3, 5), micros(3, 6)], dtype=np.int64)
    return Cohort("school-admission", "provider_office", ids, received, [IIN] * 3,
                  [["application"]] * 3, np.array([0, 1, 2], dtype=np.int64),
                  ["register"] * 3, received + 300_000_000, ["clerk"] * 3, [None] * 3,
                  [None] * 3)


def appeals(**changed: object) -> Appeals:
    """Four complaints: one decided in time and revised, one extended at the agency, one
    decided late, and one revised without a decision (which does not fit)."""
    columns: dict[str, object] = {
        "case_ids": ["k1", "k2", "k1", "k3"],
        "appeals": ["A-1", "A-2", "A-3", "A-4"],
        "bodies": ["provider", "quality_agency", "provider", "provider"],
        "complainants": ["Иванов И.", "Петрова А.", "Сейтқали Ә.", "Ким В."],
        "substances": ["мерзім бұзылды", "отказ без основания", "не выдан результат", "x"],
        "filed": np.array([micros(3, 18), micros(3, 18), micros(3, 19), micros(4, 1)],
                          dtype=np.int64),
        "filed_by": ["clerk-3"] * 4,
        "extension_days": np.array([0, 4, 0, 0], dtype=np.int64),
        "extension_reasons": [None, "a check on site", None, None],
        "extended": np.array([NONE, micros(3, 19), NONE, NONE], dtype=np.int64),
        "extended_by": [None, "agency-1", None, None],
        "decisions": ["rejected", "partly_satisfied", "satisfied", None],
        "documents": ["12-3/45", "КК-7", "12-3/50", None],
        "examined_by": ["head-1", "agency-1", "head-1", None],
        "decided": np.array([micros(3, 25), micros(4, 10), micros(4, 2), NONE],
                            dtype=np.int64),
        "decided_by": ["head-1", "agency-1", "head-1", None],
        "revisions": ["annulled by the agency", None, None, "nothing to revise"],
        "revised": np.array([micros(5, 2), NONE, NONE, micros(4, 3)], dtype=np.int64),
        "revised_by": ["lawyer-1", None, None, "lawyer-1"],
    }
    columns.update(changed)
    return Appeals(**columns)  # type: ignore[arg-type]


def rows(journal: Journal) -> list[tuple[object, ...]]:
    return [tuple(event) for case_id in journal.cases() for event in journal.events(case_id)]


def test_the_import_writes_the_journal_the_commands_one_by_one_write(executor: Executor,
                                                                      tmp_path: Path) -> None:
    together = CaseBook(executor, Journal(tmp_path / "together.db"))
    result = together.import_cohort(cohort(), appeals())
    one_by_one = CaseBook(executor, Journal(tmp_path / "one_by_one.db"))
    one_by_one.import_cohort(cohort())
    singly = [one_by_one.apply_many([command])[0] for command in appeals().commands()]
    assert rows(together.journal) == rows(one_by_one.journal)
    assert [(a.command, a.error) for a in result.appeals] == [(a.command, a.error)
                                                              for a in singly]
    assert [a.error for a in result.appeals if a.error] == [
        "complaint 'A-4' is not decided yet; only a decision can be revised (hint: decide it "
        "first)"]
    first = together.state("k1").appeals
    assert [(r.appeal, r.decision, r.revision, r.late) for r in first] == [
        ("A-1", "rejected", "annulled by the agency", False),
        ("A-3", "satisfied", None, True)]
    (agency,) = together.state("k2").appeals
    assert (agency.extended_days, str(instant(agency.due))) == (4, "2019-04-17 18:30:00+06:00")


def test_a_complaint_about_a_case_outside_the_cohort_is_rejected_by_name(
        executor: Executor, tmp_path: Path) -> None:
    book = CaseBook(executor, Journal(tmp_path / "cases.db"))
    result = book.import_cohort(cohort(), appeals(case_ids=["k1", "k2", "k1", "elsewhere"]))
    errors = [a.error for a in result.appeals if a.error]
    assert len(errors) == 2  # its filing and its revision
    assert errors[0] == errors[1]
    assert errors[0] is not None
    assert errors[0].startswith("complaint 'A-4' is about case 'elsewhere', which is not a case of "
                            "this cohort (hint: file complaints about cases already")
    assert book.journal.cases() == ["k1", "k2", "k3"]


def test_bad_values_get_the_single_commands_messages(executor: Executor, tmp_path: Path) -> None:
    book = CaseBook(executor, Journal(tmp_path / "cases.db"))
    result = book.import_cohort(cohort(), appeals(bodies=["court", "quality_agency", "provider",
                                                          7]))
    errors = [a.error for a in result.appeals if a.error]
    assert errors[0].startswith('unknown body "court"')  # type: ignore[union-attr]
    assert 'appeal k3: "body" must be a string, got 7' in errors


@pytest.mark.parametrize(("changed", "message"), [
    ({"bodies": ["provider"]}, "appeals: bodies has 1 rows, case_ids 4 (hint: one row per "
                               "complaint)"),
    ({"filed": [1, 2, 3, 4]}, "appeals: filed must be a numpy int64 array"),
    ({"revised": None}, "appeals: the revision lacks revised (hint: give revisions, revised, "
                        "revised_by together, or none of them)"),
    ({"documents": [None, "КК-7", "12-3/50", None]},
     "appeals row 0 (case 'k1', complaint 'A-1'): the decision lacks documents"),
])
def test_columns_that_are_not_a_table_are_refused_with_where(changed: dict[str, object],
                                                            message: str) -> None:
    with pytest.raises(CohortError) as caught:
        appeals(**changed)
    assert str(caught.value).startswith(message)


def test_commands_follow_time_within_a_case() -> None:
    commands = appeals().commands()
    k1 = [(type(c).__name__, c.appeal) for c in commands if c.case_id == "k1"]
    assert k1 == [("Appeal", "A-1"), ("Appeal", "A-3"), ("DecideAppeal", "A-1"),
                  ("DecideAppeal", "A-3"), ("ReviseAppeal", "A-1")]
