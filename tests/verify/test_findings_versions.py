"""Issue 14, item 5, "Versions dated right": the corpus's findings are dated within the texts.

A spec's `valid_from` is the day the text in hand came into force. A spec written from a
wording "in the new wording" of a later amending act (жаңа редакцияда / в новой редакции)
starts when that amending act took effect, not with the original act; otherwise `reglament
check` shows counterexample receipts (the worst moment of receipt of a path) dated before
the text they are for.

Checked on the real corpus (`specs/`):

- no verdict's worst-case receipt (under either reading of the day limits, when the
  verdict has two) lies outside the validity of the regulation version it is for, nor of
  the standard version that version was compiled with;
- a regulation whose amendment note says "new wording" starts no earlier than that
  amendment took effect: its `effective` date when the spec knows it, else the earliest
  day the note allows (an act "in force ten calendar days after its first official
  publication" cannot take effect before the eleventh day after its own date), else the
  amending act's date;
- a standard starts no earlier than the acts of its `legal_basis` (the model keeps no
  amendment notes for standards: their amending orders are in `legal_basis`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache

import pytest

from engine.corpus import load_corpus
from engine.process.compile import CompiledRegulation
from engine.spec import Regulation, Standard, is_valid_on
from engine.spec.model import Amendment
from engine.verify import CheckReport, check_corpus
from tests.conftest import SPECS

#: How an amendment note says that a paragraph (or the whole text) was replaced.
NEW_WORDING = ("жаңа редакцияда", "в новой редакции", "в редакции", "new wording")
#: How a note says the amending act takes effect ten calendar days after publication.
TEN_DAYS = ("күнтізбелік он күн", "десяти календарных дней", "ten calendar days")


@cache
def _report() -> CheckReport:
    return check_corpus([SPECS])


def _compiled_by_file() -> dict[str, CompiledRegulation]:
    return {compiled.regulation.path: compiled for compiled in _report().compiled}


def _receipts() -> Iterator[tuple[str, CompiledRegulation, dt.date]]:
    """(what, the compiled regulation version, local day of receipt) of every worst case."""
    compiled_by_file = _compiled_by_file()
    for verdict in _report().verdicts:
        compiled = compiled_by_file[verdict.location.path]
        assert compiled.regulation.id == verdict.regulation
        for name in ("worst", "elapsed_worst"):
            worst = getattr(verdict, name, None)
            if worst is None:
                continue
            received = worst.received
            what = f"{verdict.regulation} {verdict.channel} {verdict.path.describe()} ({name})"
            yield what, compiled, dt.date(received.year, received.month, received.day)


def test_the_corpus_has_worst_cases_to_check() -> None:
    receipts = list(_receipts())
    assert receipts, "no verdict of the corpus has a worst case"
    assert {compiled.regulation.id for _, compiled, _ in receipts} >= {
        "aktobe-school-admission", "aktobe-externat-permission",
        "aktobe-education-document-duplicates"}


def _outside(spec: Standard | Regulation, day: dt.date) -> str | None:
    if is_valid_on(spec, day):
        return None
    return (f"{spec.kind} {spec.id} of {spec.valid_from} to {spec.valid_to or 'open end'} "
            f"({spec.path})")


def test_no_worst_case_receipt_predates_the_texts_it_is_for() -> None:
    wrong = []
    for what, compiled, day in _receipts():
        for spec in (compiled.regulation, compiled.standard):
            problem = _outside(spec, day)
            if problem is not None:
                wrong.append(f"{what}: received {day}, outside the {problem}")
        # ... nor before the wording the regulation's text is in (whatever its valid_from)
        for amendment in _new_wording_amendments(compiled.regulation):
            earliest = _takes_effect_no_earlier_than(amendment)
            if day < earliest:
                wrong.append(f"{what}: received {day}, before the new wording of act No. "
                             f"{amendment.act.number} of {amendment.act.date} can have taken "
                             f"effect ({earliest})")
    assert wrong == []


def _takes_effect_no_earlier_than(amendment: Amendment) -> dt.date:
    """The earliest day the amending act can have taken effect, by what the spec says."""
    if amendment.effective is not None:
        return amendment.effective
    note = f"{amendment.note.kk} {amendment.note.ru} {amendment.note.en or ''}".lower()
    if any(words in note for words in TEN_DAYS):
        # published no earlier than it was adopted; in force on the eleventh day after
        return amendment.act.date + dt.timedelta(days=11)
    return amendment.act.date


def _new_wording_amendments(regulation: Regulation) -> list[Amendment]:
    """The amendments whose note says the text (or a part of it) is in a new wording."""
    return [amendment for amendment in regulation.amendments
            if any(words in f"{amendment.note.kk} {amendment.note.ru}".lower()
                   for words in NEW_WORDING)]


def _new_wordings() -> list[tuple[Regulation, Amendment]]:
    return [(regulation, amendment) for regulation in load_corpus([SPECS]).regulations
            for amendment in _new_wording_amendments(regulation)]


def test_the_corpus_has_texts_in_a_new_wording() -> None:
    # The three Aktobe regulations with steps are each in a wording of 2016 or 2018.
    assert {regulation.id for regulation, _ in _new_wordings()} >= {
        "aktobe-school-admission", "aktobe-externat-permission",
        "aktobe-education-document-duplicates"}


@pytest.mark.parametrize(("regulation", "amendment"), _new_wordings(),
                         ids=lambda value: getattr(value, "id", None)
                         or f"{value.act.number}-{value.date}")
def test_a_text_in_a_new_wording_starts_when_that_wording_took_effect(
        regulation: Regulation, amendment: Amendment) -> None:
    earliest = _takes_effect_no_earlier_than(amendment)
    assert regulation.valid_from >= amendment.date
    assert regulation.valid_from >= earliest, (
        f"{regulation.path}: valid_from {regulation.valid_from} is before the day the new "
        f"wording of act No. {amendment.act.number} of {amendment.act.date} can have taken "
        f"effect ({earliest})")


def test_a_standard_starts_no_earlier_than_the_acts_that_approve_it() -> None:
    wrong = [f"{standard.path}: valid_from {standard.valid_from} is before act No. "
             f"{act.number} of {act.date}"
             for standard in load_corpus([SPECS]).standards
             for act in standard.legal_basis if standard.valid_from < act.date]
    assert wrong == []


def test_a_regulation_starts_no_earlier_than_the_standard_it_is_checked_against() -> None:
    # The version of the standard in force when the regulation starts is the one it is
    # compiled with (docs/authoring.md, "Versions, amendments and repeals").
    for compiled in _report().compiled:
        assert is_valid_on(compiled.standard, compiled.regulation.valid_from), (
            compiled.regulation.path, compiled.standard.path)
