"""`reglament report`: a provider's report (seed 000) from a journal and the specs, as HTML,
PDF, JSON, CSV or XLSX. The figures are `engine.report.provider_report`; this module reads the
options and the report input file (`--input`, `kind: report_input`), renders and writes
(docs/report.md). Exit 0, 1 when the journal or the specs fail,
2 on bad options (unknown provider, bad period, missing journal)."""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from commands.journals import journal_failure, open_journal
from commands.output import write_output
from commands.workspace import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CommandError, load_executor
from engine.cases import JournalError, ReplayError
from engine.report import (
    Period,
    PeriodError,
    UnknownProvider,
    parse_period,
    provider_report,
    read_report_input,
    report_labels,
)
from engine.spec import SpecErrors, Text
from renderers.documents import PdfError, RenderError, parse_langs
from renderers.reports import TABLES, report_html, report_json, report_pdf, report_tables, report_xlsx

__all__ = ["ReportFormat", "report_command", "run_report"]


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def _csv_files(tables: Mapping[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]
               ) -> dict[str, str]:
    files = {}
    for name in TABLES:
        header, rows = tables[name]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        files[name] = buffer.getvalue()
    return files


def _texts(path: str | None, provider: str, span: Period) -> dict[str, Text]:
    """The report input's texts by item, or every located error of the file (exit 1)."""
    if path is None:
        return {}
    if not Path(path).is_file():
        raise CommandError(f"--input: no file at {path}", EXIT_USAGE)
    try:
        return read_report_input(path, provider, span).texts
    except SpecErrors as errors:
        raise CommandError(f"--input: {path} has {len(errors.errors)} error(s)", EXIT_FAILED,
                           [str(e) for e in errors.errors]) from None


def run_report(db: str, provider: str, period: str, *, langs: str, fmt: str, out: str | None,
               specs: str | Sequence[str] | None, top: int, stdout: TextIO, err: TextIO,
               input_file: str | None = None) -> int:
    """Compute and write the report, with the texts of `input_file`; the exit code."""
    try:
        try:
            span = parse_period(period)
            languages = parse_langs(langs)
        except (PeriodError, RenderError) as error:
            option = "--period" if isinstance(error, PeriodError) else "--lang"
            raise CommandError(f"{option}: {error}", EXIT_USAGE) from None
        if fmt in ("pdf", "csv", "xlsx") and out is None:
            raise CommandError(f"--format {fmt} needs --out PATH", EXIT_USAGE)
        texts = _texts(input_file, provider, span)
        executor = load_executor(specs)
        with open_journal(db, create=False, writing=False) as journal:
            try:
                report = provider_report(journal, executor, provider, span, top)
            except UnknownProvider as error:
                raise CommandError(f"--provider: {error.args[0]}", EXIT_USAGE) from None
            except ReplayError as error:
                raise CommandError(str(error), EXIT_FAILED) from None
            except (JournalError, sqlite3.Error) as error:
                raise journal_failure(error, journal) from None
        labels = report_labels(executor.corpus, report)
        if fmt == "csv":
            assert out is not None
            for name, text in _csv_files(report_tables(report, texts, labels)).items():
                write_output(Path(out) / f"{name}.csv", text, stdout)
            return EXIT_OK
        try:
            data: str | bytes
            if fmt == "xlsx":
                data = report_xlsx(report, texts, labels)
            elif fmt == "pdf":
                data = report_pdf(report, languages, texts, labels)
            elif fmt == "json":
                data = report_json(report, texts, labels)
            else:
                data = report_html(report, languages, texts, labels)
        except PdfError as error:
            raise CommandError(str(error), EXIT_FAILED) from None
        if out is None:
            stdout.write(data if isinstance(data, str) else data.decode())
        else:
            write_output(Path(out), data, stdout)
    except CommandError as error:
        return error.report("report", err)
    return EXIT_OK


def report_command(
    db: Annotated[str, typer.Option("--db", help="The journal (SQLite file).",
                                    show_default=False)],
    provider: Annotated[str, typer.Option(
        "--provider", metavar="ID", help="The provider: the id of a `kind: catalog` of the specs.",
        show_default=False)],
    period: Annotated[str, typer.Option(
        "--period", metavar="YEAR|FROM..TO", help="A year (2016) or days (2016-01-01..2016-06-30).",
        show_default=False)],
    langs: Annotated[str, typer.Option("--lang", help="Languages, Kazakh first.")] = "kk,ru",
    fmt: Annotated[ReportFormat, typer.Option("--format", help="Output format.")] =
        ReportFormat.html,
    out: Annotated[str | None, typer.Option(
        "--out", metavar="PATH", help="The file (a directory for csv); stdout by default.")] = None,
    specs: Annotated[list[str] | None, typer.Option(
        "--specs", metavar="DIR", help="The specs directory (default: the project's); give it "
        "again for another spec root of the same corpus.")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many most demanded services.")] = 4,
    input_file: Annotated[str | None, typer.Option(
        "--input", metavar="FILE", help="The texts of sections 2-5 (`kind: report_input`).")] =
        None,
) -> None:
    """A provider's report (seed 000, kk and ru) from a journal: services by form, the most
    demanded, cases by channel and month, terms met or missed, refusals, complaints."""
    raise typer.Exit(run_report(db, provider, period, langs=langs, fmt=fmt.value, out=out,
                                specs=specs, top=top, stdout=sys.stdout, err=sys.stderr,
                                input_file=input_file))
