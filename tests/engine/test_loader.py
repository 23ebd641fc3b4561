"""Loading one spec: the checked document, the typed model, and all errors raised together."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import engine
from engine.spec.duration import Duration
from engine.spec.errors import Location, SpecErrors
from engine.spec.loader import load_spec, read_document, read_document_bytes
from engine.spec.model import BUILTIN_CHANNELS, STATUTORY_GROUNDS, Regulation, Standard, Text
from tests.specdata import REFERENCE_REGULATION, REFERENCE_STANDARD, VALID_REGULATION, VALID_STANDARD


@pytest.fixture(scope="module")
def standard() -> Standard:
    spec = load_spec(VALID_STANDARD)
    assert isinstance(spec, Standard)
    return spec


@pytest.fixture(scope="module")
def regulation() -> Regulation:
    spec = load_spec(VALID_REGULATION)
    assert isinstance(spec, Regulation)
    return spec


# documents -------------------------------------------------------------------------------


def test_read_document_of_a_clean_spec() -> None:
    document = read_document(VALID_STANDARD)
    assert document.errors == []
    assert document.kind == "standard"
    assert document.path == str(VALID_STANDARD)
    assert document.data["register_code"] == "403001"
    assert document.location(("channels", "portal", "term"), value=True) == \
        Location(str(VALID_STANDARD), 38, 11)


def test_read_document_bytes_names_the_file_as_told() -> None:
    document = read_document_bytes(VALID_REGULATION.read_bytes(), "in-memory.yaml")
    assert (document.kind, document.errors) == ("regulation", [])
    assert document.path == "in-memory.yaml"


@pytest.mark.parametrize(("raw", "code"), [
    (b"", "empty"), (b"- a\n", "type"), (b"kind: standart\n", "kind"), (b"id: x\n", "kind"),
    (b"kind: [standard]\n", "kind"), (b"\xef\xbb\xbfkind: standard\n", "bom"),
])
def test_documents_that_are_not_specs(raw: bytes, code: str) -> None:
    document = read_document_bytes(raw, "f.yaml")
    assert [e.code for e in document.errors] == [code]
    assert document.kind == ""


def test_a_kind_that_is_not_text_lists_the_kinds() -> None:
    document = read_document_bytes(b"kind: [standard]\n", "f.yaml")
    assert str(document.errors[0]).startswith('f.yaml:1:7: kind: expected kind ')
    assert "(hint: write one of: " in str(document.errors[0])


def test_no_kind_at_all() -> None:
    document = read_document_bytes(b"id: x\n", "f.yaml")
    assert str(document.errors[0]).endswith(
        "got no kind (hint: the first key of a spec says what it is)")


def test_semantic_checks_wait_for_a_schema_valid_document() -> None:
    text = VALID_REGULATION.read_text(encoding="utf-8")
    text = text.replace("      actor: executor\n      action:\n        kk: Қажетті",
                        "      actor: clerk\n      action:\n        kk: Қажетті")
    text = text.replace('  number: "232"', "  number: 232")
    document = read_document_bytes(text.encode(), "f.yaml")
    # the number is reported; the unknown actor only once the file passes its schema
    assert [e.code for e in document.errors] == ["type"]


# load_spec -------------------------------------------------------------------------------


def test_load_spec_raises_all_errors_together(tmp_path: Path) -> None:
    text = VALID_STANDARD.read_text(encoding="utf-8")
    text = text.replace('register_code: "403001"', "register_code: 403001")
    text = text.replace("recipients: [individuals]", "recipients: [individual]")
    text = text.replace("    max_wait: 15 min", "    max_wiat: 15 min")
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecErrors) as raised:
        load_spec(path)
    assert [(e.location.line, e.location.col, e.code) for e in raised.value.errors] == [
        (6, 16, "type"), (25, 14, "enum"), (33, 5, "unknown-key")]
    assert str(raised.value).splitlines()[0] == (
        f'{path}:6:16: register_code: expected text, got the number 403001 (hint: quote it: '
        '"403001")')


def test_load_spec_of_a_missing_file_raises_spec_errors(tmp_path: Path) -> None:
    with pytest.raises(SpecErrors) as raised:
        load_spec(tmp_path / "absent.yaml")
    assert [e.code for e in raised.value.errors] == ["io"]


@pytest.mark.parametrize(("path", "model"), [(REFERENCE_STANDARD, Standard),
                                             (REFERENCE_REGULATION, Regulation)])
def test_the_reference_specs_load(path: Path, model: type[Standard | Regulation]) -> None:
    spec = load_spec(path)
    assert isinstance(spec, model)
    assert spec.path == str(path)


def test_the_public_api_exports_the_loader() -> None:
    assert engine.load_spec is load_spec
    assert {"load_spec", "load_corpus", "check_paths", "read_document", "Standard",
            "Regulation", "SpecErrors", "parse_duration"} <= set(engine.__all__)


# the typed model of a standard -----------------------------------------------------------


def test_standard_fields(standard: Standard) -> None:
    assert standard.id == "preschool-queue"
    assert standard.register_code == "403001"
    assert standard.valid_from == dt.date(2015, 7, 26)
    assert standard.valid_to is None
    assert standard.recipients == ("individuals",)
    assert standard.forms == ("electronic_full", "paper")
    assert standard.cost.kind == "free"
    assert standard.cost.amount is None
    assert standard.appeal is None
    assert standard.title.ru.startswith("Постановка на очередь")
    cited = "seed 004, passport 12.1, «Қызметтің атауы» / «Название услуги»"
    assert standard.title.sources == {"kk": cited, "ru": cited}  # one source for both languages


def test_acts_carry_dates_and_numbers(standard: Standard) -> None:
    (act,) = standard.legal_basis
    assert (act.number, act.date) == ("198", dt.date(2015, 4, 13))
    assert act.source == "seed 002, resolution No. 232, p. 5"


def test_channel_durations_are_parsed(standard: Standard) -> None:
    gov_corp = standard.channels["gov_corp"]
    assert gov_corp.term == Duration(30, "min")
    assert gov_corp.max_wait == Duration(15, "min")
    assert gov_corp.max_service == Duration(15, "min")
    assert standard.channels["portal"].max_wait is None
    assert gov_corp.schedule == "gov_corp"
    assert gov_corp.location == Location(str(VALID_STANDARD), 31, 3)


def test_builtin_channels_get_their_titles(standard: Standard) -> None:
    assert standard.channels["gov_corp"].title == BUILTIN_CHANNELS["gov_corp"]
    assert standard.channels["portal"].title.ru == "Веб-портал «электронного правительства»"
    assert standard.channels["gov_corp"].title.get("en") == "State Corporation"


def test_statutory_grounds_have_their_numbers_and_citations(standard: Standard) -> None:
    first, second = standard.refusal_grounds
    assert (first.id, first.statutory_number) == ("unreliable_documents", 1)
    assert (second.id, second.statutory_number) == ("requirements_not_met", 2)
    assert second.title == STATUTORY_GROUNDS["requirements_not_met"][1]
    assert second.citation.ru == ("подпункт 2) пункта 2 статьи 19-1 Закона «О государственных "
                                  "услугах»")
    assert second.citation.kk == ("«Мемлекеттік көрсетілетін қызметтер туралы» Заңның 19-1-бабы "
                                  "2-тармағының 2) тармақшасы")
    assert standard.ground("requirements_not_met") is second
    assert standard.ground("court_ban") is None


def test_service_specific_ground(tmp_path: Path) -> None:
    text = VALID_STANDARD.read_text(encoding="utf-8") + (
        "  - id: age_over_six\n    title: {kk: Баланың жасы алтыдан асқан, ru: Ребенку больше "
        "шести лет}\n    citation: {kk: Стандарттың 9-тармағы, ru: Пункт 9 стандарта}\n"
        "    source: seed 004, passport 12.1\n")
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    spec = load_spec(path)
    assert isinstance(spec, Standard)
    ground = spec.ground("age_over_six")
    assert ground is not None
    assert ground.statutory_number is None
    assert ground.citation == Text("Стандарттың 9-тармағы", "Пункт 9 стандарта")


def test_documents_and_what_each_channel_requires(standard: Standard) -> None:
    application = standard.document("application")
    assert application is not None
    assert (application.channels, application.provision, application.copy) == \
        (("gov_corp",), "submit", "original")
    assert application.applies_to("gov_corp")
    assert not application.applies_to("portal")
    assert [d.id for d in standard.required_documents("portal")] == ["eds_request"]
    assert standard.results[0].form == ("paper", "electronic")


def test_key_locations_of_a_standard(standard: Standard) -> None:
    assert standard.where("valid_from") == Location(str(VALID_STANDARD), 18, 1)
    assert standard.where("appeal") == Location(str(VALID_STANDARD), 1, 1)  # absent: file start


# the typed model of a regulation ---------------------------------------------------------


def test_regulation_fields(regulation: Regulation) -> None:
    assert (regulation.id, regulation.standard) == ("aktobe-school-admission", "school-admission")
    assert (regulation.valid_from, regulation.valid_to) == (dt.date(2015, 7, 26),
                                                            dt.date(2020, 2, 17))
    assert regulation.approved_by.number == "232"
    assert regulation.approved_by.date == dt.date(2015, 6, 29)
    assert regulation.region == Text("Ақтөбе облысы", "Актюбинская область")
    assert [a.id for a in regulation.actors] == ["executor", "head"]
    head = regulation.actor("head")
    assert head is not None
    assert head.kind == "person"
    assert regulation.actor("clerk") is None


def test_steps_in_order_with_parsed_durations(regulation: Regulation) -> None:
    steps = regulation.processes["provider_office"]
    assert [s.id for s in steps] == ["register", "review", "issue_receipt", "issue_refusal"]
    assert [s.duration for s in steps] == [Duration(5, "min"), Duration(10, "min"),
                                           Duration(5, "min"), Duration(5, "min")]
    assert [s.kind for s in steps] == ["task", "decision", "task", "task"]
    assert steps[1].location == Location(str(VALID_REGULATION), 45, 7)


def test_outcomes_ends_and_references(regulation: Regulation) -> None:
    review, receipt, refusal = regulation.processes["provider_office"][1:]
    assert [(o.id, o.next, o.ends) for o in review.outcomes] == [
        ("accept", "issue_receipt", None), ("refuse", "issue_refusal", None)]
    assert review.outcomes[0].label.kk == "Қолхат ресімделеді"
    assert (receipt.ends, receipt.results) == ("result", ("receipt",))
    assert (refusal.ends, refusal.refusal_grounds) == ("refusal", ("requirements_not_met",))


def test_amendments_are_dated(tmp_path: Path) -> None:
    text = VALID_REGULATION.read_text(encoding="utf-8").replace("valid_to: 2020-02-17\n", (
        "valid_to: 2020-02-17\namendments:\n  - date: 2018-07-20\n    effective: 2018-08-05\n"
        "    act:\n      title: {kk: Қаулы, ru: Постановление}\n      number: \"333\"\n"
        "      date: 2018-07-20\n      source: seed 002\n"
        "    note: {kk: 3 тармақ жаңа редакцияда, ru: Пункт 3 в новой редакции}\n"
        "    source: seed 002, regulation 1, note to p. 3\n"))
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    spec = load_spec(path)
    assert isinstance(spec, Regulation)
    (amendment,) = spec.amendments
    assert (amendment.date, amendment.effective) == (dt.date(2018, 7, 20), dt.date(2018, 8, 5))
    assert amendment.act.number == "333"
    assert amendment.note.ru == "Пункт 3 в новой редакции"


def test_a_long_plain_text_file_is_quoted_short_in_its_error() -> None:
    """A file that is not YAML mapping at all (say /etc/passwd) is named by its start."""
    document = read_document_bytes(("root:x:0:0 " * 100).encode(), "passwd")
    (error,) = document.errors
    assert str(error) == (
        'passwd:1:1: expected a mapping with `kind:` at the top, got "root:x:0:0 root:x:0:0 '
        'root:x:0:0 root:x:0:0 root:x:0:0 ro..." (1099 characters) (hint: a spec starts '
        "with `kind: audit_map | calendar | catalog | regulation | report_input | schedules | standard`)")
