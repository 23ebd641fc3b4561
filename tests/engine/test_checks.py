"""Checks of one file beyond its schema: ids, references inside the file, branches, scripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.spec import check_document, did_you_mean, lookalike_errors, parse_text, read_document_bytes
from engine.spec.checks import _Findings, _impossible_dates, _no_impossible_date
from engine.spec.lookalike import _plain_texts, _texts
from engine.spec.parsed import Parsed
from tests.specdata import VALID_REGULATION, VALID_STANDARD


def _changed(path: Path, *changes: tuple[str, str]) -> str:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _errors(path: Path, *changes: tuple[str, str]) -> list[str]:
    document = read_document_bytes(_changed(path, *changes).encode(), "f.yaml")
    return [str(e) for e in document.errors]


def regulation_errors(*changes: tuple[str, str]) -> list[str]:
    return _errors(VALID_REGULATION, *changes)


def standard_errors(*changes: tuple[str, str]) -> list[str]:
    return _errors(VALID_STANDARD, *changes)


def test_the_bases_are_clean() -> None:
    assert regulation_errors() == []
    assert standard_errors() == []


# did you mean ----------------------------------------------------------------------------


def test_did_you_mean_names_the_closest_id() -> None:
    assert did_you_mean("executr", ["head", "executor"]) == 'did you mean "executor"?'


def test_did_you_mean_lists_the_defined_ids_when_none_is_close() -> None:
    assert did_you_mean("zzz", ["b", "a", "a"]) == "defined: a, b"
    many = [f"step_{n}" for n in range(10)]
    assert did_you_mean("qqq", many) == ("defined: step_0, step_1, step_2, step_3, step_4, step_5, "
                                         "step_6, step_7, ...")


def test_did_you_mean_with_nothing_defined() -> None:
    assert did_you_mean("x", []) == "none are defined"


# regulations -----------------------------------------------------------------------------


def test_unknown_actor_with_did_you_mean() -> None:
    assert regulation_errors(("      actor: executor\n      action:\n        kk: Қажетті",
                              "      actor: executr\n      action:\n        kk: Қажетті")) == [
        'f.yaml:39:14: processes.provider_office[id=register].actor: unknown actor "executr" '
        '(hint: did you mean "executor"?)']


def test_duplicate_actor_id_names_the_first_line() -> None:
    assert regulation_errors(("  - id: head\n", "  - id: executor\n"),
                             ("      actor: head\n      action:\n        kk: Қолхатқа",
                              "      actor: executor\n      action:\n        kk: Қолхатқа"),
                             ("      actor: head\n      action:\n        kk: Дәлелді",
                              "      actor: executor\n      action:\n        kk: Дәлелді")) == [
        'f.yaml:31:9: actors[id=executor].id: actor id "executor" is defined twice (first at '
        "line 26) (hint: ids must be unique)"]


def test_all_errors_of_a_file_are_collected_in_order() -> None:
    assert regulation_errors(
        ("      actor: executor\n      action:\n        kk: Қажетті",
         "      actor: clerk\n      action:\n        kk: Қажетті"),
        ("          next: issue_refusal", "          next: issue_refusl"),
        ("      ends: refusal\n      refusal_grounds: [requirements_not_met]\n",
         "      ends: refusal\n"),
    ) == [
        'f.yaml:39:14: processes.provider_office[id=register].actor: unknown actor "clerk" '
        "(hint: defined: executor, head)",
        'f.yaml:58:17: processes.provider_office[id=review].outcomes[id=refuse].next: unknown step '
        '"issue_refusl" in this channel (hint: did you mean "issue_refusal"?)',
        'f.yaml:75:13: processes.provider_office[id=issue_refusal].ends: a refusal must cite '
        '"refusal_grounds" of the standard (hint: e.g. refusal_grounds: [requirements_not_met])',
    ]


def test_decision_leads_on_through_outcomes_only() -> None:
    assert regulation_errors(("      duration: 10 min\n", "      duration: 10 min\n      next: "
                              "issue_receipt\n")) == [
        'f.yaml:52:7: processes.provider_office[id=review].next: a decision leads on through its '
        'outcomes, not "next" (hint: move it into the outcomes)']


def test_outcome_with_next_and_ends() -> None:
    assert regulation_errors(("          next: issue_receipt\n",
                              "          next: issue_receipt\n          ends: result\n")) == [
        'f.yaml:56:11: processes.provider_office[id=review].outcomes[id=accept].ends: an outcome '
        'either goes on ("next") or ends the case ("ends"), not both (hint: remove one)']


def test_step_with_next_and_ends() -> None:
    errors = regulation_errors(("      results: [receipt]\n      ends: result\n",
                                "      results: [receipt]\n      ends: result\n      next: "
                                "register\n"))
    assert errors == ['f.yaml:67:7: processes.provider_office[id=issue_receipt].ends: a step '
                      'either goes on ("next") or ends the case ("ends"), not both (hint: remove '
                      "one)"]


def test_refusal_outcome_without_grounds_points_at_its_ends() -> None:
    assert regulation_errors(("          next: issue_refusal", "          ends: refusal")) == [
        'f.yaml:58:17: processes.provider_office[id=review].outcomes[id=refuse].ends: a refusal '
        'must cite "refusal_grounds" of the standard (hint: e.g. refusal_grounds: '
        "[requirements_not_met])"]


def test_refusal_grounds_outside_a_refusal() -> None:
    assert regulation_errors(("      ends: result\n",
                              "      ends: result\n      refusal_grounds: [court_ban]\n")) == [
        'f.yaml:68:7: processes.provider_office[id=issue_receipt].refusal_grounds: '
        '"refusal_grounds" belong to a refusal (hint: add ends: refusal, or remove the grounds)']


def test_duplicate_outcome_ids() -> None:
    assert regulation_errors(("        - id: refuse\n", "        - id: accept\n")) == [
        'f.yaml:56:15: processes.provider_office[id=review].outcomes[id=accept].id: outcome id '
        '"accept" is defined twice (first at line 53) (hint: ids must be unique)']


def test_max_repeats_only_on_a_return() -> None:
    forward = regulation_errors(("          next: issue_receipt\n",
                                 "          next: issue_receipt\n          max_repeats: 2\n"))
    assert forward == [
        'f.yaml:56:11: processes.provider_office[id=review].outcomes[id=accept].max_repeats: '
        '"max_repeats" bounds a return to an earlier step; this outcome goes forward (hint: '
        "remove it)"]
    assert regulation_errors(("          next: issue_receipt\n",
                              "          next: register\n          max_repeats: 2\n")) == []


def test_duration_and_unbounded_exclude_each_other() -> None:
    assert regulation_errors(("      duration: 5 min\n      source: seed 002, regulation 1, p. 5 1)",
                              "      duration: 5 min\n      unbounded: {kk: а, ru: б}\n      "
                              "source: seed 002, regulation 1, p. 5 1)")) == [
        'f.yaml:44:7: processes.provider_office[id=register].unbounded: a step has either '
        '"duration" or "unbounded", not both (hint: keep the one the text states)']


def test_number_is_for_processes_and_conditions() -> None:
    assert regulation_errors(("      duration: 5 min\n      source: seed 002, regulation 1, p. 5 1)",
                              "      duration: 5 min\n      number: 1\n      "
                              "source: seed 002, regulation 1, p. 5 1)")) == [
        'f.yaml:44:7: processes.provider_office[id=register].number: "number" is for portal '
        "processes and conditions, not a task (hint: set kind: process or kind: condition)"]


def test_process_numbers_are_unique_per_channel_and_kind() -> None:
    errors = regulation_errors(
        ("    - id: register\n      actor: executor\n",
         "    - id: register\n      kind: process\n      number: 1\n      actor: executor\n"),
        ("    - id: issue_receipt\n      actor: head\n",
         "    - id: issue_receipt\n      kind: process\n      number: 1\n      actor: head\n"),
    )
    assert errors == ['f.yaml:64:15: processes.provider_office[id=issue_receipt].number: process '
                      "number 1 is used twice in this channel (hint: number them as the text "
                      "does)"]


def test_amendments_oldest_first() -> None:
    amendment = ("  - date: {date}\n    act:\n      title: {{kk: Қаулы, ru: Постановление}}\n"
                 '      number: "1"\n      date: {date}\n      source: s\n'
                 "    note: {{kk: Өзгеріс, ru: Изменение}}\n    source: s\n")
    text = ("valid_to: 2020-02-17\namendments:\n" + amendment.format(date="2018-07-20")
            + amendment.format(date="2017-01-05"))
    errors = regulation_errors(("valid_to: 2020-02-17\n", text))
    assert errors == ["f.yaml:33:11: amendments[1].date: amendment of 2017-01-05 comes after one "
                      "of 2018-07-20 (hint: list amendments oldest first)"]


def test_task_with_outcomes_names_the_default_kind() -> None:
    errors = regulation_errors(("    - id: review\n      kind: decision\n", "    - id: review\n"))
    assert errors == ['f.yaml:51:7: processes.provider_office[id=review].outcomes: only a decision '
                      "or a condition has outcomes, this step is a task (the default kind) (hint: "
                      "set kind: decision or kind: condition)"]
    errors = regulation_errors(("    - id: review\n      kind: decision\n",
                                "    - id: review\n      kind: process\n"))
    assert errors[0].endswith("this step is a process (hint: set kind: decision or kind: condition)")


# standards -------------------------------------------------------------------------------


def test_valid_to_before_valid_from() -> None:
    assert standard_errors(("valid_from: 2015-07-26\n",
                            "valid_from: 2015-07-26\nvalid_to: 2015-07-25\n")) == [
        "f.yaml:19:11: valid_to: 2015-07-25 is before valid_from 2015-07-26 "
        "(hint: swap them or fix the year)"]
    assert standard_errors(("valid_from: 2015-07-26\n",
                            "valid_from: 2015-07-26\nvalid_to: 2015-07-26\n")) == []


def test_quoted_impossible_dates_are_found_anywhere() -> None:
    assert standard_errors(("    date: 2015-04-13\n", '    date: "2015-04-31"\n'),
                           ("valid_from: 2015-07-26\n", "valid_from: '2015-02-29'\n")) == [
        'f.yaml:16:11: legal_basis[0].date: "2015-04-31" is not a valid date (hint: dates are '
        "YYYY-MM-DD and must exist)",
        'f.yaml:18:13: valid_from: "2015-02-29" is not a valid date (hint: dates are YYYY-MM-DD '
        "and must exist)",
    ]


def test_author_defined_channel_needs_a_title() -> None:
    courier = "  courier:\n    term: 2 wd\n    schedule: provider\n    source: s\n"
    assert standard_errors(("  portal:\n", courier + "  portal:\n")) == [
        'f.yaml:37:3: channels.courier: channel "courier" needs a "title" (hint: only '
        "provider_office, gov_corp, portal have built-in names)"]
    titled = courier + "    title: {kk: Курьер, ru: Курьер}\n"
    assert standard_errors(("  portal:\n", titled + "  portal:\n")) == []


def test_document_on_an_undefined_channel() -> None:
    assert standard_errors(("    channels: [portal]", "    channels: [portl]")) == [
        'f.yaml:53:16: documents[id=eds_request].channels[0]: unknown channel "portl" '
        '(hint: did you mean "portal"?)']


def test_duplicate_document_and_result_ids() -> None:
    assert standard_errors(("  - id: eds_request", "  - id: application")) == [
        'f.yaml:49:9: documents[id=application].id: document id "application" is defined twice '
        "(first at line 42) (hint: ids must be unique)"]


def test_a_statutory_ground_listed_twice() -> None:
    text = VALID_STANDARD.read_text(encoding="utf-8") + "  - statutory: unreliable_documents\n"
    document = read_document_bytes(text.encode(), "f.yaml")
    assert [str(e) for e in document.errors] == [
        'f.yaml:66:5: refusal_grounds[2]: refusal ground "unreliable_documents" is listed twice '
        "(hint: remove the duplicate)"]


# look-alike letters ----------------------------------------------------------------------


def test_lookalikes_are_located_in_every_language_and_block_scalars() -> None:
    text = ("title:\n  kk: |\n    бірінші жол\n    кeңсе және кeңсе\n  ru: Канцелярия\n"
            "  en: Office\nnote: {ru: Пoрядок}\nsource: кeңсе\n")
    parsed = parse_text(text, "f.yaml")
    assert [str(e) for e in lookalike_errors(parsed)] == [
        'f.yaml:4:6: title.kk: word "кeңсе" mixes Cyrillic with the Latin letter "e" (U+0065) '
        '(hint: type the Cyrillic "е" instead)',
        'f.yaml:4:17: title.kk: word "кeңсе" mixes Cyrillic with the Latin letter "e" (U+0065) '
        '(hint: type the Cyrillic "е" instead)',
        'f.yaml:7:13: note.ru: word "Пoрядок" mixes Cyrillic with the Latin letter "o" (U+006F) '
        '(hint: type the Cyrillic "о" instead)',
    ]  # `source:` is a citation, not a text: not checked


def test_lookalikes_are_reported_with_schema_errors() -> None:
    errors = standard_errors(('register_code: "403001"', "register_code: 403001"),
                             ("      ru: уведомление о постановке", "      ru: yведомление о постановке"))
    assert [e.split(": ", 2)[1] for e in errors] == ["register_code", "results[id=queue_notice].title.ru"]


def test_check_document_of_a_clean_document_is_empty() -> None:
    document = read_document_bytes(VALID_REGULATION.read_bytes(), "f.yaml")
    assert check_document(document.parsed, "regulation") == []


@pytest.mark.parametrize("kind", ["standard", "regulation"])
def test_check_document_reports_impossible_dates_before_anything_else(kind: str) -> None:
    parsed = parse_text('valid_from: "2015-02-30"\nvalid_to: "2015-01-01"\n', "f.yaml")
    assert [e.code for e in check_document(parsed, kind)] == ["date"]


@pytest.mark.parametrize("amount", [".nan", ".inf"])
def test_a_fee_must_be_a_finite_amount(amount: str) -> None:
    assert standard_errors(("  kind: free\n", f"  kind: paid\n  amount: {amount}\n"
                            "  basis: {kk: Салық кодексі, ru: Налоговый кодекс}\n")) == [
        f"f.yaml:28:11: cost.amount: expected an amount in tenge, got {float(amount[1:])} "
        "(hint: write the fee in digits, e.g. 1250)"]


# The walks that find nothing in nearly every spec, without the path of each node (issue 19),
# agree with the walks that locate what they find, on any data a YAML file can give.
_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.sampled_from(
    ["2024-02-29", "2023-02-29", "2024-13-01", "0000-00-00", "2024-02-29\n", "кeңсе", "кеңсе",
     "egov.kz", "", "x"]), st.text(max_size=12))
_DATA = st.recursive(_LEAVES, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(["kk", "ru", "en", "id", "title", "valid_from"]) | st.text(max_size=3),
    inner, max_size=4), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(data=_DATA)
def test_the_quick_walks_agree_with_the_locating_ones(data: object) -> None:
    assert _plain_texts(data, []) == [text for _, text in _texts(data, ())]
    found = _impossible_dates(_Findings(Parsed("f.yaml", data)), data, ())
    assert _no_impossible_date(data) == (found == 0)
