"""The records the templates read: what each builder takes from the specs and the case."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from engine.calendar import default_calendar, parse_instant
from engine.cases import Executor, simulate
from engine.corpus import load_corpus
from engine.spec import Duration, Text
from renderers.documents.case_documents import (
    application_form,
    notification,
    reasoned_refusal,
    receipt,
    refusal_to_accept,
    standard_case,
)
from renderers.documents.hours import span as _span
from renderers.documents.labels import ARTICLES, LABELS
from renderers.documents.passport import passport
from renderers.documents.records import DocumentError
from tests.render.cases import ROOT, case, executor, latest

DATA = ROOT / "tests" / "execute" / "data"


def kk(texts: tuple[Text, ...]) -> list[str]:
    return [t.kk for t in texts]


def test_the_passport_follows_the_standard_and_the_calendar() -> None:
    record = passport(latest("preschool-queue"), executor().calendar)
    assert record.service.register_code == "403001"
    assert [t.term for t in record.terms] == [Duration(30, "min")] * 3
    assert [t.max_wait for t in record.terms] == [Duration(15, "min"), Duration(15, "min"), None]
    office, gov_corp, portal = record.schedules
    assert (office.hours, office.breaks, office.reception, office.reception_breaks) == (
        "09:00-18:30", ("13:00-14:00",), "09:00-17:30", ("13:00-14:30",))
    assert (office.first_day.ru, office.last_day.ru) == ("понедельник", "пятница")  # type: ignore[union-attr]
    assert (gov_corp.hours, gov_corp.breaks, gov_corp.last_day.kk) == (  # type: ignore[union-attr]
        "09:00-20:00", (), "сенбі")
    assert portal.around_the_clock
    # the office and the State Corporation require the same documents: one group
    assert [len(g.channels) for g in record.documents] == [2, 1]
    gateway = record.documents[0].items[1]
    assert LABELS["from_gateway"] in gateway.notes
    assert record.cost.ru == "бесплатно"
    assert record.amount is None


def test_the_acceptance_day_is_noted_where_the_standard_excludes_it() -> None:
    record = passport(latest("education-document-duplicates"), executor().calendar)
    assert [t.acceptance_day_excluded for t in record.terms] == [False, True]


@pytest.mark.parametrize(("periods", "expected"), [
    ((), (None, ())),
    (((540, 780), (840, 1110)), ("09:00-18:30", ("13:00-14:00",))),
    (((840, 1110), (540, 780)), ("09:00-18:30", ("13:00-14:00",))),
    (((540, 1200),), ("09:00-20:00", ())),
])
def test_working_periods_as_hours_and_breaks(periods: tuple[tuple[int, int], ...],
                                             expected: tuple[str | None, tuple[str, ...]]) -> None:
    from engine.calendar import Period
    assert _span(tuple(Period(a, b) for a, b in periods)) == expected


def test_the_application_lists_the_channels_documents_and_asks_consent_when_needed() -> None:
    queue = application_form(latest("preschool-queue"), "provider_office")
    assert queue.consent  # the standard has the statutory ground no_consent
    assert queue.applicant.identifier is None
    # gateway ones excluded, and the application itself is not its own attachment
    assert [d.title.ru[:9] for d in queue.documents] == []
    # the portal's request signed with an EDS is no paper attachment
    portal = application_form(latest("preschool-queue"), "portal")
    assert [d.title.ru[:6] for d in portal.documents] == []
    every = application_form(latest("preschool-queue"))
    assert len(every.documents) == 0
    assert every.channel is None
    admission = application_form(latest("preschool-admission"), "provider_office")
    assert [d.title.ru[:11] for d in admission.documents] == [
        "направление", "документ, у", "паспорт здо", "справка о с"]
    assert not application_form(latest("school-admission"), "provider_office").consent


def test_the_receipt_promises_the_cases_due_instant_and_place() -> None:
    ex = executor()
    state = case("education-document-duplicates", "gov_corp", opening=True)
    record = receipt(ex, state)
    # 15 wd on the legal five-day week from Monday 2 September 2019: 3-6, 9-13, 16-20, 23
    # September, at the State Corporation's close (docs/calendar.md)
    assert record.due.isoformat() == "2019-09-23T20:00:00+06:00"
    assert state.due is not None
    assert int(record.due.timestamp() * 1_000_000) == state.due
    assert record.acceptance_day_excluded
    assert record.place.ru == "Госкорпорация «Правительство для граждан»"
    assert record.employee.position.ru == "Инспектор Государственной корпорации"
    assert record.employee.name is None  # a simulation names no person
    office = receipt(ex, case("school-admission", "provider_office", opening=True))
    # the office of the channel, not the standard's kind of provider in many lines
    assert office.place == office.channel
    portal = receipt(ex, case("school-admission", "portal", opening=True))
    assert portal.place == LABELS["personal_account"]


def test_refusals_to_accept_cite_their_article_or_the_outcome_that_refused() -> None:
    ex = executor()
    office = refusal_to_accept(ex, case("school-admission", "provider_office", opening=True,
                                        documents=[]))
    assert office.article == ARTICLES["Law 88-V, art. 19"]
    assert [m.title.ru for m in office.missing] == ["заявление согласно приложению 1 к Стандарту"]
    assert office.submitted == ()
    gov_corp = refusal_to_accept(ex, case("education-document-duplicates", "gov_corp",
                                          opening=True, documents=[]))
    assert gov_corp.article == ARTICLES["Law 88-V, art. 20 p. 2"]
    portal = refusal_to_accept(ex, case("school-admission", "portal", outcomes={
        "check_credentials": ["valid"], "check_signature": ["invalid"]}))
    assert (portal.article, portal.missing) == (None, ())
    assert [r.ru for r in portal.reasons] == ["Подлинность ЭЦП не подтверждена"]


def test_the_reasoned_refusal_carries_the_ground_its_citation_and_the_appeal() -> None:
    ex = executor()
    record = reasoned_refusal(ex, case("school-admission", "provider_office",
                                       outcomes={"review": ["refuse"]},
                                       ground="unreliable_documents"))
    assert record.ground.ru.startswith("установление недостоверности документов")
    assert "подпункт 1) пункта 2 статьи 19-1" in record.citation.ru
    assert (record.appeal.provider_term, record.appeal.agency_term, record.appeal.extension) == (
        Duration(5, "wd"), Duration(15, "wd"), Duration(10, "wd"))


def test_without_an_appeal_in_the_standard_the_terms_of_article_25_apply(tmp_path: Path) -> None:
    standard = yaml.safe_load((DATA / "standard.yaml").read_text(encoding="utf-8"))
    del standard["appeal"]
    (tmp_path / "standard.yaml").write_text(yaml.safe_dump(standard, allow_unicode=True),
                                            encoding="utf-8")
    for name in ("regulation.yaml", "schedules.yaml"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    ex = Executor(load_corpus([tmp_path]), default_calendar())
    state = simulate(ex, "school-admission", "provider_office",
                     parse_instant("2024-03-20T10:00:00+05:00"), outcomes={"review": ["refuse"]},
                     ground="requirements_not_met")
    appeal = reasoned_refusal(ex, state).appeal
    assert appeal.text is None
    assert (appeal.provider_term, appeal.agency_term) == (Duration(5, "wd"), Duration(15, "wd"))


def test_the_notification_names_the_results_the_steps_issued() -> None:
    ex = executor()
    record = notification(ex, case("school-admission", "provider_office",
                                   outcomes={"review": ["accept"]}))
    assert [r.title.ru for r in record.results] == ["расписка о приеме документов"]
    assert record.ready_at <= record.due
    every = notification(ex, case("education-document-duplicates", "provider_office"))
    assert [r.title.ru[:8] for r in every.results] == ["дубликат"]


@pytest.mark.parametrize(("build", "state_of", "message"), [
    (receipt, lambda: case("school-admission", "provider_office", opening=True, documents=[]),
     "case 2019-0042 was refused to accept: a receipt is issued only for an accepted "
     "application (hint: --doc refusal-to-accept)"),
    (refusal_to_accept, lambda: case("school-admission", "provider_office", opening=True),
     "case 2019-0042 is still open: a refusal to accept is issued only for an application "
     "refused at acceptance (hint: --doc receipt)"),
    (reasoned_refusal, lambda: case("school-admission", "provider_office", opening=True),
     "case 2019-0042 is still open: a reasoned refusal is issued only for a case refused "
     "with a ground"),
    (notification, lambda: case("school-admission", "provider_office",
                                outcomes={"review": ["refuse"]}, ground="requirements_not_met"),
     "case 2019-0042 ended in a reasoned refusal: a notification of the result is issued only "
     "for a case that ended with its result (hint: --doc refusal)"),
])
def test_a_document_that_does_not_fit_the_case_says_why(build: object, state_of: object,
                                                         message: str) -> None:
    with pytest.raises(DocumentError) as raised:
        build(executor(), state_of())  # type: ignore[operator]
    assert str(raised.value) == message


def test_records_are_frozen() -> None:
    record = passport(latest("preschool-queue"), executor().calendar)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.cost = LABELS["head"]  # type: ignore[misc]


def test_the_python_example_of_the_docs_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "docs" / "documents.md").read_text(encoding="utf-8")
    example = text.split("## From Python")[1].split("```python\n")[1].split("```")[0]
    monkeypatch.chdir(ROOT)
    scope: dict[str, object] = {}
    exec(compile(example, "docs/documents.md", "exec"), scope)
    pdf, html = scope["pdf"], scope["html"]
    assert isinstance(pdf, bytes)
    assert pdf.startswith(b"%PDF-")
    assert isinstance(html, str)
    assert "Мемлекеттік көрсетілетін қызмет паспорты" in html


def test_a_service_without_a_regulation_receives_by_its_standard_alone() -> None:
    """The preschool queue has no regulation in the specs: its standard decides acceptance and
    the term (Executor.receipt); the receipt and refusal to accept come from that."""
    ex = executor()
    moment = parse_instant("2024-09-02T10:00:00+05:00")  # the queue's wording of 2020 in force
    accepted = standard_case(ex, "preschool-queue", "gov_corp", moment, "000101500001",
                             ["application"])
    record = receipt(ex, accepted)
    assert record.due.isoformat() == "2024-09-02T10:30:00+05:00"
    assert record.employee.position.ru == "Госкорпорация «Правительство для граждан»"
    assert record.place == record.channel
    office = receipt(ex, standard_case(ex, "preschool-queue", "provider_office", moment,
                                       "000101500001", ["application"]))
    assert office.employee.position == office.channel  # not the standard's kind of provider
    refused = refusal_to_accept(ex, standard_case(ex, "preschool-queue", "gov_corp", moment,
                                                  "000101500001", []))
    assert refused.article == ARTICLES["Law 88-V, art. 20 p. 2"]
    assert [m.title.ru[:9] for m in refused.missing] == ["заявление"]
    filled = application_form(latest("preschool-queue"), executor=ex, state=accepted)
    assert filled.applicant.identifier == "000101500001"
    with pytest.raises(DocumentError, match="is still open"):
        notification(ex, accepted)
