"""Text from a spec is printed as text: `<script>`, quotes and ampersands come out escaped.

A copy of the school-admission specs (`tests/execute/data/`, in force in 2024) gets a
hostile string in every text field a document shows — titles, provider, channel,
documents and their conditions, results, a refusal ground and its citation, the appeal,
the region, the units, the outcome labels — and every kind of document is rendered in
every layout, from a case whose id is hostile too.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.calendar import default_calendar, parse_instant
from engine.cases import Executor, simulate
from engine.corpus import load_corpus
from renderers.documents.case_documents import (
    application_form,
    notification,
    reasoned_refusal,
    receipt,
    refusal_to_accept,
)
from renderers.documents.html import render_html
from renderers.documents.passport import passport
from tests.render.cases import KINDS, LAYOUTS

DATA = Path(__file__).resolve().parents[1] / "execute" / "data"
HOSTILE = """<script>alert("x")</script> & 'q'"""
CASE_ID = '<b>2024 & "1"</b>'


def _hostile(text: dict[str, Any]) -> dict[str, Any]:
    return {**text, "kk": f"{text['kk']} {HOSTILE}", "ru": f"{text['ru']} {HOSTILE}"}


def _hostile_specs(where: Path) -> Path:
    standard = yaml.safe_load((DATA / "standard.yaml").read_text(encoding="utf-8"))
    standard["title"] = _hostile(standard["title"])
    standard["provider"]["title"] = _hostile(standard["provider"]["title"])
    standard["channels"]["provider_office"]["title"] = {"kk": f"Кеңсе {HOSTILE}",
                                                       "ru": f"Канцелярия {HOSTILE}"}
    for document in standard["documents"]:
        document["title"] = _hostile(document["title"])
    standard["documents"][0]["copy"] = "original"
    standard["documents"].append({
        "id": "extra", "title": {"kk": f"қосымша {HOSTILE}", "ru": f"дополнительный {HOSTILE}"},
        "condition": {"kk": f"бар болса {HOSTILE}", "ru": f"при наличии {HOSTILE}"},
        "source": "test"})
    for result in standard["results"]:
        result["title"] = _hostile(result["title"])
    standard["refusal_grounds"].append({
        "id": "hostile", "title": {"kk": f"негіз {HOSTILE}", "ru": f"основание {HOSTILE}"},
        "citation": {"kk": f"бап {HOSTILE}", "ru": f"статья {HOSTILE}"}, "source": "test"})
    standard["appeal"]["text"] = _hostile(standard["appeal"]["text"])
    regulation = yaml.safe_load((DATA / "regulation.yaml").read_text(encoding="utf-8"))
    regulation["region"] = _hostile(regulation["region"])
    for actor in regulation["actors"]:
        actor["title"] = _hostile(actor["title"])
    for steps in regulation["processes"].values():
        for step in steps:
            for outcome in step.get("outcomes", ()):
                outcome["label"] = _hostile(outcome["label"])
            if step.get("ends") == "refusal":
                step["refusal_grounds"] = [*step["refusal_grounds"], "hostile"]
    where.mkdir()
    (where / "schedules.yaml").write_bytes((DATA / "schedules.yaml").read_bytes())
    for name, data in (("standard.yaml", standard), ("regulation.yaml", regulation)):
        (where / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                  encoding="utf-8")
    return where


@pytest.fixture(scope="module")
def hostile_executor(tmp_path_factory: pytest.TempPathFactory) -> Executor:
    specs = _hostile_specs(tmp_path_factory.mktemp("hostile") / "specs")
    return Executor(load_corpus([specs]), default_calendar())


@functools.cache
def _moment() -> Any:
    return parse_instant("2024-03-20T10:00:00+05:00")


def _records(ex: Executor) -> dict[str, object]:
    def run(channel: str, **options: Any) -> Any:
        return simulate(ex, "school-admission", channel, _moment(), case_id=CASE_ID, **options)

    standard = ex.corpus.standard_versions("school-admission")[-1]
    opened = ex.replay(ex.open(CASE_ID, "school-admission", "provider_office", _moment(),
                               "000101500001", ["application", "extra"]))
    return {
        "application": application_form(standard, "provider_office"),
        "receipt": receipt(ex, opened),
        "refusal-to-accept": refusal_to_accept(ex, run("provider_office", documents=[])),
        "refusal": reasoned_refusal(ex, run("provider_office", outcomes={"review": ["refuse"]},
                                            ground="hostile")),
        "notification": notification(ex, run("provider_office", outcomes={"review": ["accept"]})),
        "passport": passport(standard, ex.calendar),
    }


@pytest.mark.parametrize("layout", LAYOUTS)
def test_hostile_text_in_any_spec_field_comes_out_escaped(hostile_executor: Executor,
                                                          layout: str) -> None:
    records = _records(hostile_executor)
    assert set(records) == set(KINDS)
    for kind, record in records.items():
        html = render_html(kind, record, layout=layout, service_id=HOSTILE)  # type: ignore[arg-type]
        assert "<script" not in html.lower(), kind
        assert "<b>" not in html, kind
        escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;q&#39;"
        assert escaped in html, kind
        # the hostile string is printed wherever the spec's text is: several fields per document
        assert html.count(escaped) >= 4, (kind, html.count(escaped))
        if kind != "application" and kind != "passport":
            assert "&lt;b&gt;2024 &amp; &#34;1&#34;&lt;/b&gt;" in html, kind


def test_every_hostile_field_reaches_some_document(hostile_executor: Executor) -> None:
    """The fixture's fields are the ones documents print: each hostile text is shown."""
    pages = "".join(render_html(kind, record)  # type: ignore[arg-type]
                    for kind, record in _records(hostile_executor).items())
    for marker in ("Кеңсе", "Канцелярия", "қосымша", "при наличии", "негіз", "статья",
                   "основание", "бап"):
        assert f"{marker} &lt;script&gt;" in pages, marker
