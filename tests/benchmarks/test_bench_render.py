"""The render benchmark at a tiny size: its report has every measure, counted right (no timing asserted).

benchmarks/bench_render.py renders the passport of every standard of a generated corpus to HTML
and receipts to PDF; here on 6 specs (3 standards) and 2 receipts.
"""

from __future__ import annotations

import html
import json

import pytest

from benchmarks.bench_render import format_passport, main
from engine.calendar import default_calendar
from engine.corpus import load_corpus
from renderers.documents.passport import passport
from tests.conftest import REFERENCE_STANDARD

TIMINGS = ("passport_html", "passport_render_html", "passport_str_format", "receipt_html", "receipt_pdf",
           "empty_page_pdf")


def test_the_report_counts_every_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--specs", "6", "--receipts", "2", "--seed", "3", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["specs"] == 6
    assert report["standards"] == 3
    assert report["receipts"] == 2
    assert report["passport_html"]["count"] == report["passport_render_html"]["count"] == 3
    assert report["passport_str_format"]["count"] == 3
    assert report["receipt_html"]["count"] == 2
    assert report["receipt_pdf"]["count"] == 1  # the first PDF of the run is reported apart
    assert report["receipt_pdf_first_ms"] > 0
    assert report["empty_page_pdf"]["count"] == 2
    assert report["receipt_pdf_median_bytes"] > 1000
    for key in TIMINGS:
        timing = report[key]
        assert set(timing) == {"count", "median_ms", "p95_ms", "cpu_median_ms", "total_s", "unit"}
        assert 0 <= timing["median_ms"] <= timing["p95_ms"]


def test_the_baseline_page_carries_the_passport_fields() -> None:
    standard = next(iter(load_corpus([REFERENCE_STANDARD]).standards))
    record = passport(standard, default_calendar())
    page = format_passport(record)
    assert page.count("<!doctype html>") == 2  # one page per language, as the separate layout
    for lang in ("kk", "ru"):
        assert f"<h1>{html.escape(record.service.title.get(lang))}</h1>" in page
        assert all(html.escape(item.title.get(lang)) in page for group in record.documents for item in group.items)
