"""The details real texts give, as the documents print them (tests/data/gaps): a second
waiting time at the result, a paid service whose text states no amount, a document the
provider obtains from another organisation — golden files and the facts of the records."""

from __future__ import annotations

import pytest

from engine.spec import Duration
from renderers.documents import DocumentKind
from renderers.documents.html import render_html
from renderers.documents.labels import LABELS
from renderers.documents.records import ApplicationForm, Passport, Receipt
from tests.render.cases import GAPS_GOLDEN, GAPS_KINDS, gaps_document


@pytest.mark.parametrize("kind", GAPS_KINDS)
def test_the_details_match_their_golden_file(kind: DocumentKind, regen_golden: bool) -> None:
    html = render_html(kind, gaps_document(kind), layout="interlinear",
                       service_id="school-transport")
    golden = GAPS_GOLDEN / f"{kind}.interlinear.html"
    if regen_golden:
        GAPS_GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(html.encode("utf-8"))
        return
    assert html == golden.read_bytes().decode("utf-8"), (
        f"{golden.name} differs: run pytest {__file__} --regen-golden and review git diff")


def test_the_passport_prints_both_waiting_times_in_both_languages() -> None:
    record = gaps_document("passport")
    assert isinstance(record, Passport)
    (line,) = record.terms
    assert (line.max_wait, line.max_wait_result, line.max_service) == (
        Duration(15, "min"), Duration(15, "min"), Duration(20, "min"))
    html = render_html("passport", record, layout="interlinear")
    assert ("нәтижені алу кезінде күтудің рұқсат етілген ең ұзақ уақыты – 15 (он бес) минут"
            in html)
    assert "максимально допустимое время ожидания при получении результата – 15 (пятнадцать) минут" in html


def test_a_fee_the_text_does_not_state_is_said_so_with_the_texts_words() -> None:
    record = gaps_document("passport")
    assert isinstance(record, Passport)
    assert (record.amount, record.amount_unknown, record.cost.ru) == (None, True, "платно")
    html = render_html("passport", record, layout="interlinear")
    assert ("ақылы, төлем мөлшері мәтінде көрсетілмеген (Мемлекеттік қызмет ақылы негізде "
            "көрсетіледі)") in html
    assert ("платно, размер платы в тексте не указан (Государственная услуга оказывается на "
            "платной основе)") in html


def test_an_obtained_document_is_the_providers_not_the_applicants() -> None:
    passport = gaps_document("passport")
    assert isinstance(passport, Passport)
    (group,) = passport.documents
    obtained = group.items[2]
    assert obtained.title.ru == "Справка о месте жительства"
    (note,) = obtained.notes
    assert (note.kk, note.ru) == (
        f"{LABELS['obtained_from'].kk}: Ауылдық округ әкімінің аппараты",
        f"{LABELS['obtained_from'].ru}: Аппарат акима сельского округа")
    # the application and the receipt list it apart from what the applicant hands in
    application = gaps_document("application")
    assert isinstance(application, ApplicationForm)
    assert [d.title.ru for d in application.documents] == []  # the application itself is not attached
    assert [d.title.ru for d in application.obtained] == ["Справка о месте жительства"]
    receipt = gaps_document("receipt")
    assert isinstance(receipt, Receipt)
    assert [d.title.ru for d in receipt.documents] == ["Заявление"]
    assert [(d.title.ru, d.notes) for d in receipt.obtained] == [
        ("Справка о месте жительства", (note,))]
    html = render_html("receipt", receipt, layout="interlinear")
    assert html.index(LABELS["documents_accepted"].ru) < html.index(
        LABELS["obtained_documents"].ru) < html.index(LABELS["term"].ru)
