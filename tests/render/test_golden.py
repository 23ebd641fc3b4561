"""Every kind of document in every layout, compared byte for byte with its golden file.

The golden files (`tests/render/golden/<kind>.<layout>.html`) are the review: after a
change to a template, a label or a builder, regenerate and read the diff:

    pytest tests/render/test_golden.py --regen-golden
    git diff tests/render/golden/

Open a golden file in a browser to see the page (print preview shows the A4 layout).
"""

from __future__ import annotations

import pytest

from renderers.documents import DocumentKind
from renderers.documents.html import render_html
from tests.render.cases import GOLDEN, KINDS, LAYOUTS, document

CASES = [(kind, layout) for kind in KINDS for layout in LAYOUTS]


def golden_file(kind: str, layout: str) -> str:
    return f"{kind}.{layout}.html"


@pytest.mark.parametrize(("kind", "layout"), CASES)
def test_document_matches_its_golden_file(kind: DocumentKind, layout: str,
                                          regen_golden: bool) -> None:
    record, service = document(kind)
    html = render_html(kind, record, layout=layout, service_id=service)
    golden = GOLDEN / golden_file(kind, layout)
    if regen_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(html.encode("utf-8"))
        return
    assert golden.exists(), f"no {golden.name}: run pytest with --regen-golden and review it"
    assert html == golden.read_bytes().decode("utf-8"), (
        f"{golden.name} differs: run pytest {__file__} --regen-golden and review git diff")


def test_every_golden_file_has_its_case() -> None:
    expected = {golden_file(kind, layout) for kind, layout in CASES}
    assert sorted(p.name for p in GOLDEN.glob("*.html")) == sorted(expected)


@pytest.mark.parametrize("kind", KINDS)
def test_the_layouts_differ_as_documented(kind: DocumentKind) -> None:
    record, _ = document(kind)
    interlinear, columns, separate = (render_html(kind, record, layout=layout)
                                      for layout in LAYOUTS)
    # interlinear: one article, labels "kk / ru"
    assert interlinear.count("<article") == 1
    assert '</span> / <span lang="ru">' in interlinear
    assert "<table class=\"row cols" not in interlinear
    # columns: one article, rows as two cells, Kazakh left
    assert columns.count("<article") == 1
    assert '<td lang="kk">' in columns
    assert columns.index('<td lang="kk">') < columns.index('<td lang="ru">')
    # separate: an article per language, Kazakh first, the second on a new page
    assert separate.count("<article") == 2
    assert separate.index('<article class="document" lang="kk">') < separate.index(
        '<article class="document" lang="ru">')
    assert "article.document + article.document { break-before: page;" in separate
    kk_part, ru_part = separate.split('<article class="document" lang="ru">')
    assert 'lang="ru"' not in kk_part.split("<body")[1]
    assert 'lang="kk"' not in ru_part


@pytest.mark.parametrize("kind", KINDS)
def test_one_language_renders_only_that_language(kind: DocumentKind) -> None:
    record, _ = document(kind)
    for lang, other in (("kk", "ru"), ("ru", "kk")):
        html = render_html(kind, record, layout="interlinear", langs=(lang,))
        body = html.split("<body")[1]
        assert f'lang="{other}"' not in body
        assert f'<html lang="{lang}">' in html


@pytest.mark.parametrize("kind", KINDS)
def test_rendering_is_byte_for_byte_deterministic(kind: DocumentKind) -> None:
    """Twice from the same record, and from a record built again from the specs."""
    record, service = document(kind)
    first = render_html(kind, record, layout="columns", service_id=service)
    assert render_html(kind, record, layout="columns", service_id=service) == first
    assert render_html(kind, document(kind)[0], layout="columns", service_id=service) == first
