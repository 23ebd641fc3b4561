"""Every label of every document exists in Kazakh and in Russian, and prints in both.

The templates name labels by key (`m.lbl("iin", ls)`, `labels["head"]`); the keys are
read from the templates' syntax trees, so a label added to a template is checked here
without listing it.
"""

from __future__ import annotations

import html as html_module
import json
import re

import pytest
from jinja2 import nodes

from engine.cases.receipts import _ARTICLE  # the articles the executor cites
from engine.spec import Text, find_lookalikes
from renderers.documents.case_documents import SIMULATED_CASE, receipt, refusal_to_accept
from renderers.documents.environment import TEMPLATES, environment
from renderers.documents.html import render_html, template_name
from renderers.documents.labels import ARTICLES, COPIES, COST_KINDS, FORMS, LABELS, RECIPIENTS, RESULT_FORMS
from renderers.documents.passport import passport
from tests.render.cases import GAPS_KINDS, KINDS, ROOT, case, document, executor, gaps_document, latest

_MACROS = {"lbl", "fill", "para", "fill_para", "field", "heading"}
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
BIN = "080640400000"  # a valid БИН (a legal entity), for the label of a business applicant


def label_keys(source: str) -> set[str]:
    """The label keys a template names: first arguments of the label macros, `labels[...]`
    subscripts, and `heading`'s subtitle."""
    tree = environment().parse(source)
    keys: set[str] = set()
    for call in tree.find_all(nodes.Call):
        name = call.node.attr if isinstance(call.node, nodes.Getattr) else getattr(
            call.node, "name", None)
        if name == "blank":  # blank(ls, hint)
            keys.update(a.value for a in call.args[1:2] if isinstance(a, nodes.Const))
        if name in _MACROS:
            keys.update(a.value for a in call.args[:1] if isinstance(a, nodes.Const))
            keys.update(a.value for a in call.args[2:3] if name == "heading"
                        and isinstance(a, nodes.Const))
            keys.update(k.value.value for k in call.kwargs if k.key in ("hint", "subtitle")
                        and isinstance(k.value, nodes.Const))
    for item in tree.find_all(nodes.Getitem):
        if isinstance(item.node, nodes.Name) and item.node.name == "labels" and isinstance(
                item.arg, nodes.Const):
            keys.add(item.arg.value)
    return keys


def template_labels(name: str) -> set[str]:
    return label_keys((TEMPLATES / name).read_text(encoding="utf-8"))


#: Labels chosen by a field's value: `m.identifier` prints `lbl(applicant.kind, ls)`.
DYNAMIC = {"iin", "bin"}
SHARED = template_labels("macros.html") | template_labels("base.html") | DYNAMIC
USED = {kind: template_labels(template_name(kind)) | SHARED for kind in KINDS}
#: Labels the builders put into the records (a place, a note, a signatory).
IN_RECORDS = {m.group(1) for path in (ROOT / "renderers").rglob("*.py")
              for m in re.finditer(r'LABELS\["(\w+)"\]', path.read_text(encoding="utf-8"))}


def test_the_templates_name_labels_and_every_one_is_defined() -> None:
    used = set().union(*USED.values())
    assert len(used) > 60
    assert sorted(used - set(LABELS)) == []


def test_every_label_is_used_by_a_template_or_a_builder() -> None:
    assert {"from_gateway", "personal_account"} <= IN_RECORDS
    assert sorted(set(LABELS) - set().union(*USED.values()) - IN_RECORDS) == []


@pytest.mark.parametrize("key", sorted(LABELS))
def test_a_label_has_both_languages_in_their_own_script(key: str) -> None:
    text = LABELS[key]
    assert text.kk.strip()
    assert text.ru.strip()
    assert text.kk != text.ru or not any(c.isalpha() for c in text.kk)
    assert find_lookalikes(text.kk) == []
    assert find_lookalikes(text.ru) == []
    assert not set(text.ru) & KAZAKH_LETTERS, "Russian text with a Kazakh letter"
    assert text.kk.count("{}") == text.ru.count("{}") <= 1


def test_kazakh_labels_use_the_kazakh_letters() -> None:
    letters = set("".join(t.kk for t in LABELS.values()))
    assert set("әғқңөұүі") <= letters


def _printed(text: str, html: str) -> bool:
    """True when the label (its longest piece, for a label cut at "{}") is in the HTML as
    escaped, and not as part of a longer word ("г." is not printed by "услуг.")."""
    part = max(text.split("{}"), key=len).strip()
    before = r"(?<!\w)" if part[0].isalnum() else ""
    after = r"(?!\w)" if part[-1].isalnum() or part[-1] == "." else ""
    return re.search(before + re.escape(html_module.escape(part, quote=True)) + after,
                     html) is not None


def _rendered(kind: str, record: object, layout: str) -> str:
    return render_html(kind, record, layout=layout)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", KINDS)
def test_every_label_a_document_prints_is_printed_in_both_languages(kind: str) -> None:
    record, _ = document(kind)  # type: ignore[arg-type]
    for layout in ("interlinear", "columns", "separate"):
        html = _rendered(kind, record, layout)
        for key in sorted(USED[kind]):
            kk, ru = _printed(LABELS[key].kk, html), _printed(LABELS[key].ru, html)
            assert kk == ru, f"{kind} ({layout}): label {key!r} printed in one language only"


def test_every_label_is_printed_by_some_document() -> None:
    """The golden cases and a few more (a refusal at a step of the portal, a passport of a
    standard that gives no channels, a simulated receipt) print every label of the catalogue."""
    ex = executor()
    extra = [
        ("refusal-to-accept", refusal_to_accept(ex, case(
            "school-admission", "portal", applicant=BIN,
            outcomes={"check_credentials": ["valid"], "check_signature": ["invalid"]}))),
        ("receipt", receipt(ex, case("school-admission", "portal", opening=True))),
        ("passport", passport(latest("summer-camps-low-income"), ex.calendar)),
        # a simulated case: its specimen mark
        ("receipt", receipt(ex, case("school-admission", "provider_office", opening=True,
                                     case_id=SIMULATED_CASE))),
    ]
    pages = [_rendered(kind, document(kind)[0], "interlinear") for kind in KINDS]  # type: ignore[arg-type]
    pages += [_rendered(kind, record, "interlinear") for kind, record in extra]
    # the details of tests/data/gaps: a second waiting time, an unstated fee, obtained documents
    pages += [_rendered(kind, gaps_document(kind), "interlinear") for kind in GAPS_KINDS]
    missing = [key for key, text in LABELS.items()
               if not any(_printed(text.kk, page) and _printed(text.ru, page) for page in pages)]
    assert missing == []


def _schema_enum(*path: str) -> set[str]:
    node = json.loads((ROOT / "engine" / "spec" / "schemas" / "standard.json").read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return set(node["enum"])


@pytest.mark.parametrize(("table", "path"), [
    (RECIPIENTS, ("properties", "recipients", "items")),
    (FORMS, ("properties", "forms", "items")),
    (COST_KINDS, ("properties", "cost", "properties", "kind")),
    (COPIES, ("$defs", "document", "properties", "copy")),
    (RESULT_FORMS, ("$defs", "result", "properties", "form", "items")),
])
def test_every_value_the_schema_allows_has_its_wording(table: dict[str, Text],
                                                       path: tuple[str, ...]) -> None:
    assert set(table) == _schema_enum(*path)


def test_every_id_the_specs_use_has_its_wording() -> None:
    corpus = executor().corpus
    for standard in corpus.standards:
        assert set(standard.recipients) <= set(RECIPIENTS)
        assert set(standard.forms) <= set(FORMS)
        assert standard.cost.kind in COST_KINDS
        assert {d.copy for d in standard.documents if d.copy} <= set(COPIES)
        assert {f for r in standard.results for f in r.form} <= set(RESULT_FORMS)


def test_every_article_the_executor_cites_has_its_wording() -> None:
    assert set(_ARTICLE.values()) <= set(ARTICLES)
    for text in ARTICLES.values():
        assert "88-V" not in text.kk
        assert "«Мемлекеттік көрсетілетін қызметтер туралы»" in text.kk
        assert "«О государственных услугах»" in text.ru
