"""`reglament audit LOG --specs DIR --map MAP.yaml`: an event log against the regulations and
the legal terms (docs/audit.md). The audit is `engine.audit`; this module reads the options,
loads the specs and the mapping, runs the single-machine audit and writes the report as text,
JSON, the cases' rows as CSV or Parquet, or HTML. Exit 0 when every case conforms and meets
its term and every row was read, 1 on findings, 2 on usage errors and unreadable inputs (the
specs, the mapping file, the log).

With `--dask local[:N]` or `--dask ADDRESS` the same audit runs on a Dask cluster
(`engine.audit.on_dask`; docs/audit.md, "On a Dask cluster"): the same report, byte for byte."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from commands.output import write_output
from commands.workspace import EXIT_USAGE, CommandError, load_specs, require_specs_dir
from engine.audit import (
    AuditContext,
    AuditPart,
    LogError,
    audit_log,
    audit_report,
    load_audit_map,
    log_format,
    report_json,
    report_text,
    rows_csv,
    rows_parquet,
)
from engine.audit.dask_cluster import DaskError, dask_client, parse_dask_target
from engine.audit.on_dask import audit_on_dask, refuse
from engine.calendar import CalendarError, default_calendar
from engine.spec import SpecErrors
from renderers.documents import RenderError, parse_langs
from renderers.reports.audit_html import audit_html

__all__ = ["AuditFormat", "audit_command", "run_audit"]


class AuditFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    parquet = "parquet"
    html = "html"


def _context(log: str, specs: str | None, mapping: str, worst: int, fmt: str | None) -> AuditContext:
    where = require_specs_dir(specs)
    try:
        corpus = load_specs([where])
    except CommandError as error:
        raise CommandError(str(error), EXIT_USAGE, error.details) from None
    if not Path(mapping).is_file():
        raise CommandError(f"--map: no such file: {mapping}", EXIT_USAGE)
    try:
        found = load_audit_map(mapping, corpus)
    except SpecErrors as errors:
        raise CommandError(f"--map: {mapping} has {len(errors.errors)} error(s)", EXIT_USAGE,
                           [str(e) for e in errors.errors]) from None
    try:
        kind = log_format(log, fmt)
        calendar = default_calendar()
    except (LogError, CalendarError) as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    unit = {"parquet": "row", "ocel": "event"}.get(kind, "line")
    context = AuditContext((str(where),), found, None, worst, log, unit)
    context.attach(corpus, calendar)
    return context


def run_audit(log: str, *, specs: str | None, mapping: str, fmt: str, out: str | None,
              langs: str, worst: int, partitions: int, log_format_name: str | None,
              stdout: TextIO, err: TextIO, jobs: int = 0, dask: str | None = None) -> int:
    """Audit `log` and write the report; the exit code."""
    try:
        try:
            languages = parse_langs(langs)
        except RenderError as error:
            raise CommandError(str(error), EXIT_USAGE) from None
        if fmt == "parquet" and out is None:
            raise CommandError("--format parquet needs --out PATH", EXIT_USAGE)
        context = _context(log, specs, mapping, worst, log_format_name)
        kind = log_format(log, log_format_name)
        try:
            # the cases' rows only for the formats that write them: the report itself reads
            # the summary, so its memory does not grow with the log
            keep = fmt in ("csv", "parquet")
            part = audit_log(log, context, kind, partitions, keep_cases=keep, jobs=jobs) \
                if dask is None else _on_dask(log, context, kind, dask, keep)
        except (LogError, DaskError) as error:
            raise CommandError(str(error), EXIT_USAGE) from None
        report = audit_report(part, context)
        data: str | bytes
        if fmt == "json":
            data = report_json(report)
        elif fmt == "csv":
            data = rows_csv(report)
        elif fmt == "parquet":
            data = rows_parquet(report)
        elif fmt == "html":
            data = audit_html(report, languages)
        else:
            data = report_text(report, languages)
        if out is None:
            stdout.write(data if isinstance(data, str) else data.decode())
        else:
            write_output(Path(out), data, stdout)
        return report.exit_code
    except CommandError as error:
        return error.report("audit", err)


def _on_dask(log: str, context: AuditContext, kind: str, dask: str,
             keep_cases: bool = True) -> AuditPart:
    """The audit on the Dask cluster `--dask` names (CSV, Parquet and XES logs)."""
    target = parse_dask_target(dask)
    refuse(log, kind)  # before a cluster starts
    with dask_client(target) as client:
        return audit_on_dask(client, [Path(log)], context, keep_cases=keep_cases)


def audit_command(
    log: Annotated[str, typer.Argument(metavar="LOG", help="The event log: .csv, .parquet, "
                                       ".xes, .xes.gz or .jsonocel (OCEL 2.0 JSON).")],
    mapping: Annotated[str, typer.Option(
        "--map", metavar="MAP.yaml", help="The mapping of the log's names to the specs' ids "
        "(`kind: audit_map`).", show_default=False)],
    specs: Annotated[str | None, typer.Option(
        "--specs", metavar="DIR", help="The specs directory (default: the project's).")] = None,
    fmt: Annotated[AuditFormat, typer.Option("--format", help="Output format: a summary, the "
                                             "report as JSON, the cases' rows as CSV or Parquet, "
                                             "or a short HTML report.")] = AuditFormat.text,
    out: Annotated[str | None, typer.Option(
        "--out", metavar="PATH", help="The file to write; stdout by default.")] = None,
    langs: Annotated[str, typer.Option("--lang", help="Languages, Kazakh first.")] = "kk,ru",
    worst: Annotated[int, typer.Option("--worst", metavar="N", min=0,
                                       help="How many worst cases to show with timelines.")] = 10,
    partitions: Annotated[int, typer.Option(
        "--partitions", metavar="N", min=0, help="Partitions of the log by case, audited one "
        "at a time from disk: 0 chooses (one in memory up to 250,000 events).")] = 0,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", metavar="N", min=0, help="Processes that audit the partitions: 0 for "
        "one per core (the default), 1 for none besides this one. The report is the same "
        "for any N.")] = 0,
    log_format_name: Annotated[str | None, typer.Option(
        "--log-format", metavar="csv|parquet|xes|ocel",
        help="The log's format, when its extension does not say it.")] = None,
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="ADDRESS|local[:N]", help="Run on Dask: local:N starts N workers on "
        "this machine, an address (tcp://scheduler:8786) joins a running cluster; CSV, "
        "Parquet and XES logs (pip install 'reglament\\[dask]').", show_default=False)] = None,
) -> None:
    """Audit an event log against the regulations and legal terms; exit 0 when every case
    conforms and meets its term, 1 on findings, 2 on usage errors or unreadable inputs."""
    raise typer.Exit(run_audit(log, specs=specs, mapping=mapping, fmt=fmt.value, out=out,
                               langs=langs, worst=worst, partitions=partitions,
                               log_format_name=log_format_name, stdout=sys.stdout,
                               err=sys.stderr, jobs=jobs, dask=dask))
