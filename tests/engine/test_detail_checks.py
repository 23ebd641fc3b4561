"""The details real texts give or leave out (issue 16, item 4): what the model keeps of them,
and the warnings that are not errors (the broken specs of each error are in data/invalid/)."""

from __future__ import annotations

import shutil
from pathlib import Path

from engine.corpus import check_paths, load_corpus
from engine.spec import Duration, Text, read_document_bytes
from tests.specdata import DATA, VALID_STANDARD

GAPS = DATA / "gaps"


def _findings(path: Path, *changes: tuple[str, str]) -> list[str]:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return [str(e) for e in read_document_bytes(text.encode(), "f.yaml").errors]


def test_an_empty_list_of_refusal_grounds_warns_at_the_key() -> None:
    grounds = "refusal_grounds:\n  - statutory: unreliable_documents\n  - statutory: requirements_not_met\n"
    assert _findings(VALID_STANDARD, (grounds, "refusal_grounds: []\n")) == [
        "f.yaml:63:1: warning: refusal_grounds: the text lists no refusal grounds (hint: check "
        "the standard's paragraph on the grounds for refusal and list them; while the list is "
        "empty no step may end in a reasoned refusal, which must cite one)"]


def test_the_details_are_kept_in_the_model() -> None:
    corpus = load_corpus([GAPS])
    (standard,) = corpus.standards
    channel = standard.channels["provider_office"]
    assert (channel.max_wait, channel.max_wait_result, channel.max_service) == (
        Duration(15, "min"), Duration(15, "min"), Duration(20, "min"))
    cost = standard.cost
    assert (cost.kind, cost.amount, cost.amount_unknown) == ("paid", None, True)
    assert cost.basis is not None
    assert cost.basis.sources == {
        "kk": "test, p. 7 (the text's own words; it names no amount)",
        "ru": "test, p. 7 (the text's own words; it names no amount)"}
    obtained = standard.document("residence_certificate")
    assert obtained is not None
    assert (obtained.provision, obtained.obtained_from) == ("obtained", Text(
        "Ауылдық округ әкімінің аппараты", "Аппарат акима сельского округа", None,
        {"kk": "test", "ru": "test"}))
    # the applicant hands in only what is submitted; the provider obtains the rest
    assert [d.id for d in standard.required_documents("provider_office")] == ["application"]
    assert [d.id for d in standard.obtained_documents("provider_office")] == [
        "residence_certificate"]
    (regulation,) = corpus.regulations
    steps = {s.id: s for s in regulation.processes["provider_office"]}
    assert steps["request_certificate"].obtains == ("residence_certificate",)
    accept, refuse = steps["review"].outcomes
    assert (accept.duration, accept.actor, accept.source) == (None, None, None)
    assert (refuse.duration, refuse.actor, refuse.source) == (Duration(1, "wd"), "clerk",
                                                             "test, p. 5 3)")
    assert refuse.action is not None
    assert refuse.action.ru.startswith("Возвращает")


def test_a_document_obtained_by_no_step_warns_at_the_channel(tmp_path: Path) -> None:
    shutil.copytree(GAPS, tmp_path / "gaps")
    regulation = tmp_path / "gaps" / "regulations" / "school-transport.yaml"
    text = regulation.read_text(encoding="utf-8")
    assert text.count("      obtains: [residence_certificate]\n") == 1
    regulation.write_text(text.replace("      obtains: [residence_certificate]\n", ""),
                          encoding="utf-8")
    result = check_paths([tmp_path / "gaps"])
    assert result.ok
    assert [(e.severity, e.code, str(e).removeprefix(str(tmp_path) + "/"))
            for e in result.errors] == [(
                "warning", "obtained",
                "gaps/regulations/school-transport.yaml:46:3: warning: processes.provider_office: "
                'the provider obtains document "residence_certificate" of standard '
                '"school-transport" from another organisation on this channel, and no step of '
                "it says so (hint: add obtains: [residence_certificate] to the step that requests "
                "it, with the time the text gives for it)")]


def test_the_test_service_of_the_details_is_clean() -> None:
    result = check_paths([GAPS])
    assert result.ok
    assert result.errors == []
