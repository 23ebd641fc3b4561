"""Reception days and hours as the documents print them (tests/data/reception): an office that
receives on Wednesdays only and closes early on Fridays, a State Corporation office with a short
Saturday — golden passport and receipt, and the words in Kazakh and Russian."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.calendar import parse_instant
from engine.spec import ExecutionError
from renderers.documents.case_documents import receipt
from renderers.documents.html import render_html
from renderers.documents.passport import passport
from renderers.documents.records import Passport, Receipt
from tests.render.cases import GOLDEN, ROOT, executor, latest

DATA = ROOT / "tests" / "data" / "reception"
SERVICE = "district-service"
GOLDEN_DIR: Path = GOLDEN / "reception"


def _passport() -> Passport:
    ex = executor(DATA)
    return passport(latest(SERVICE, ex), ex.calendar)


def _receipt(received: str = "2024-06-05T10:00:00+05:00") -> Receipt:
    ex = executor(DATA)
    state = ex.replay(ex.open("2024-0100", SERVICE, "provider_office", parse_instant(received),
                              "000101500001", ["application"]))
    return receipt(ex, state)


@pytest.mark.parametrize("kind", ["passport", "receipt"])
def test_the_documents_match_their_golden_files(kind: str, regen_golden: bool) -> None:
    record = _passport() if kind == "passport" else _receipt()
    html = render_html(kind, record, layout="interlinear", service_id=SERVICE)  # type: ignore[arg-type]
    golden = GOLDEN_DIR / f"{kind}.interlinear.html"
    if regen_golden:
        GOLDEN_DIR.mkdir(exist_ok=True)
        golden.write_bytes(html.encode("utf-8"))
        return
    assert html == golden.read_bytes().decode("utf-8"), (
        f"{golden.name} differs: run pytest {__file__} --regen-golden and review git diff")


def test_the_passport_prints_the_reception_days_and_the_short_days() -> None:
    office, cso = _passport().schedules
    assert [(d.days.kk, d.days.ru, d.hours) for d in office.reception_days] == [
        ("сәрсенбі", "по средам", "09:00-13:00")]
    assert [(d.days.kk, d.days.ru, d.hours) for d in office.days] == [
        ("жұма", "по пятницам", "09:00-17:00")]
    assert [(d.days.kk, d.days.ru, d.hours) for d in cso.days] == [
        ("сенбі", "по субботам", "09:00-13:00")]
    html = render_html("passport", _passport(), layout="interlinear")
    assert "сәрсенбі 09:00-13:00" in html
    assert "по средам 09:00-13:00" in html


def test_the_receipt_says_when_results_are_issued() -> None:
    record = _receipt()
    assert record.issue_hours is not None
    assert (record.issue_hours.kk, record.issue_hours.ru) == (
        "сәрсенбі 09:00-13:00", "по средам 09:00-13:00")


def test_a_thursday_application_is_not_taken() -> None:
    with pytest.raises(ExecutionError, match=r"received Thu 2024-06-06 10:00, outside the "
                       r'reception hours of "district_reception" \(Wednesdays 09:00-13:00\); the '
                       r"next reception opens Wed 2024-06-12 09:00"):
        _receipt("2024-06-06T10:00:00+05:00")
