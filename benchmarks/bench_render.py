"""Benchmark of documents: the passport of every standard to HTML, receipts to PDF (issue 6).

Run from the project root, after `pip install -e '.[test]'` (and the PDF system packages of
`.ci/run`):

    python benchmarks/bench_render.py [--specs 1000] [--receipts 100] [--seed 7] [--json]

A corpus of `--specs` synthetic specs (`benchmarks/generate_corpus.py`, standards and
regulations in pairs; the same seed gives the same files) is written to a temporary directory
and loaded. Then, one document at a time, as `reglament render` makes them:

(a) **passport → HTML**, for every standard: the record (`renderers.documents.passport.passport`) and its
    HTML (`render_html("passport", ..., layout="separate")`, kk and ru, print CSS inlined).
    Baseline in the same run: the same fields of the same record poured into one `str.format`
    HTML string with `html.escape` and the same words of terms (`renderers.documents.words`) — what
    making that text costs without Jinja, macros and layouts.
(b) **receipt → PDF**, for the first `--receipts` (regulation, channel) pairs in force on
    2025-03-12: a case received at 10:00 that day (`Executor.open`, `replay`), its receipt
    record and HTML, then `html_to_pdf`. The first PDF of the process (fonts loaded, caches
    filled) is reported apart, and not among the rest. Baseline in the same run: `html_to_pdf`
    of an empty page — WeasyPrint's fixed cost per PDF.

Each timing is one document: wall clock (`time.perf_counter`: median and 95th percentile,
nearest rank) and CPU time of the process (`time.process_time`: median), which other programs
on a shared machine disturb less; the load average is printed too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import html
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate_corpus import generate
from benchmarks.timing import Samples, Timing
from engine.calendar import default_calendar, localize
from engine.cases import SAMPLE_APPLICANT, Executor
from engine.corpus import load_corpus
from engine.spec import Standard
from renderers.documents.case_documents import receipt
from renderers.documents.html import render_html
from renderers.documents.passport import passport
from renderers.documents.pdf import html_to_pdf
from renderers.documents.records import Passport
from renderers.documents.words import LANGS, duration_text

__all__ = ["RECEIVED", "Samples", "Timing", "format_passport", "main", "receipt_cases"]

#: The moment every benchmarked case is received: a Wednesday, a working day.
RECEIVED = dt.datetime(2025, 3, 12, 10, 0)
EMPTY_PAGE = '<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>-</title></head><body></body></html>'
_PAGE = ('<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
         "<body><h1>{title}</h1><p>{provider}</p><ul>{channels}</ul><ul>{recipients}</ul><p>{cost}</p>"
         "<ul>{terms}</ul><ul>{forms}</ul><ul>{schedules}</ul><ul>{documents}</ul><ul>{results}</ul>"
         "</body></html>\n")


def format_passport(record: Passport) -> str:
    """The baseline: the passport's fields in one `str.format` page per language, escaped."""

    def items(values: Sequence[str]) -> str:
        return "".join(f"<li>{html.escape(v)}</li>" for v in values)

    pages = []
    for lang in LANGS:
        pages.append(_PAGE.format(
            lang=lang,
            title=html.escape(record.service.title.get(lang)),
            provider=html.escape(record.service.provider.get(lang)),
            channels=items([c.get(lang) for c in record.channels]),
            recipients=items([r.get(lang) for r in record.recipients]),
            cost=html.escape(record.cost.get(lang)),
            terms=items([f"{t.channel.get(lang)}: {duration_text(t.term, lang)}" for t in record.terms]),
            forms=items([f.get(lang) for f in record.forms]),
            schedules=items([f"{s.title.get(lang)} {s.hours or ''}" for s in record.schedules]),
            documents=items([i.title.get(lang) for g in record.documents for i in g.items]),
            results=items([r.title.get(lang) for r in record.results]),
        ))
    return "".join(pages)


def receipt_cases(executor: Executor, count: int) -> list[tuple[str, str, str]]:
    """Up to `count` (regulation, standard, channel) triples in force on `RECEIVED`, sorted."""
    day = RECEIVED.date()
    chosen: list[tuple[str, str, str]] = []
    for regulation in sorted(executor.corpus.regulations, key=lambda r: (r.id, r.valid_from)):
        if executor.corpus.regulation_on(regulation.id, day) is not regulation:
            continue
        if executor.corpus.standard_on(regulation.standard, day) is None:
            continue
        chosen.extend((regulation.id, regulation.standard, channel) for channel in sorted(regulation.processes))
    return chosen[:count]


def run(specs: int, receipts: int, seed: int, out: Path) -> dict[str, Any]:
    """Generate, load, render; return the report."""
    started = time.perf_counter()
    generate(specs, out, seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    corpus = load_corpus([out])
    executor = Executor(corpus, default_calendar())
    loaded = time.perf_counter() - started
    standards: list[Standard] = sorted(
        (versions[-1] for versions in (corpus.standard_versions(i) for i in sorted({s.id for s in corpus.standards}))),
        key=lambda s: s.id)

    passport_total, passport_render, passport_baseline = (Samples("documents") for _ in range(3))
    for standard in standards:
        def record_and_html(standard: Standard = standard) -> Passport:
            record = passport(standard, executor.calendar)
            passport_render.time(lambda: render_html("passport", record, layout="separate"))
            return record

        record = passport_total.time(record_and_html)
        passport_baseline.time(functools.partial(format_passport, record))

    received = localize(RECEIVED)
    receipt_html, receipt_pdf, first_pdf, empty = (Samples("documents") for _ in range(4))
    pdf_bytes: list[int] = []
    cases = receipt_cases(executor, receipts)
    for number, case in enumerate(cases):
        document = receipt_html.time(functools.partial(_receipt_page, executor, number, case, received))
        pdf = (first_pdf if number == 0 else receipt_pdf).time(functools.partial(html_to_pdf, document))
        pdf_bytes.append(len(pdf))
    for _ in range(max(1, min(20, len(cases)))):
        empty.time(lambda: html_to_pdf(EMPTY_PAGE))

    return {
        "python": platform.python_version(),
        "jinja2": version("jinja2"),
        "weasyprint": version("weasyprint"),
        "seed": seed,
        "specs": specs,
        "standards": len(standards),
        "generate_s": generated,
        "load_s": loaded,
        "passport_html": asdict(passport_total.timing()),
        "passport_render_html": asdict(passport_render.timing()),
        "passport_str_format": asdict(passport_baseline.timing()),
        "receipt_html": asdict(receipt_html.timing()),
        "receipt_pdf": asdict(receipt_pdf.timing()),
        "receipt_pdf_first_ms": first_pdf.wall[0] * 1e3 if first_pdf.wall else None,
        "empty_page_pdf": asdict(empty.timing()),
        "receipt_pdf_median_bytes": int(statistics.median(pdf_bytes)) if pdf_bytes else 0,
        "receipts": len(cases),
    }


def _receipt_page(executor: Executor, number: int, case: tuple[str, str, str], received: dt.datetime) -> str:
    """A case received on `received`, its receipt record and its HTML (kk+ru, interlinear)."""
    regulation, standard_id, channel = case
    standard = executor.corpus.standard_on(standard_id, received.date())
    assert standard is not None  # receipt_cases chose it so
    documents = [d.id for d in standard.required_documents(channel)]
    state = executor.replay(executor.open(f"bench-{number:04d}", standard_id, channel, received,
                                          SAMPLE_APPLICANT, documents, regulation=regulation))
    return render_html("receipt", receipt(executor, state))


def _print(report: dict[str, Any], load: tuple[float, float, float], load_after: tuple[float, float, float]) -> None:
    def line(key: str) -> str:
        return str(Timing(**report[key]))

    print(f"python {report['python']}, jinja2 {report['jinja2']}, weasyprint {report['weasyprint']}, "
          f"{os.cpu_count()} CPUs, load average {load[0]:.2f} before, {load_after[0]:.2f} after")
    print(f"corpus: {report['specs']:,} specs ({report['standards']:,} standards), seed {report['seed']}: "
          f"generated in {report['generate_s']:.1f} s, loaded in {report['load_s']:.1f} s")
    print("passport -> HTML, kk+ru, layout separate (one per standard)")
    print(f"  record + render_html:               {line('passport_html')}")
    print(f"  render_html alone:                  {line('passport_render_html')}")
    print(f"  baseline: str.format, same fields:  {line('passport_str_format')}")
    print(f"receipt -> PDF, kk+ru interlinear ({report['receipts']} cases received {RECEIVED:%Y-%m-%d %H:%M})")
    print(f"  case + record + render_html:        {line('receipt_html')}")
    first = report["receipt_pdf_first_ms"]
    print(f"  html_to_pdf (after the first):      {line('receipt_pdf')}")
    print(f"  html_to_pdf, first of the process:  {first:8.1f} ms" if first is not None else "  no receipts")
    print(f"  baseline: html_to_pdf, empty page:  {line('empty_page_pdf')}")
    print(f"  PDF size, median:                   {report['receipt_pdf_median_bytes']:,} bytes")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its report (text, or JSON with --json); return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--specs", type=int, default=1000, help="specs in the generated corpus (default 1000)")
    parser.add_argument("--receipts", type=int, default=100, help="receipts rendered to PDF (default 100)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-render-") as directory:
        report = run(args.specs, args.receipts, args.seed, Path(directory) / "corpus")
    load_after = os.getloadavg()
    if args.json:
        print(json.dumps({**report, "load_average": [load[0], load_after[0]]}, indent=2, sort_keys=True))
    else:
        _print(report, load, load_after)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
