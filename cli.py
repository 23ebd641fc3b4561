"""The `reglament` command line: parses arguments and calls the library."""

from __future__ import annotations

import gc
import os
import sys
from enum import StrEnum
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Annotated

import typer

from commands.calendar import calendar_app, due_command
from commands.case import case_app
from commands.catalog import catalog_command
from commands.check import run_check
from commands.diagram import diagram_command
from commands.export import export_command
from commands.new import run_new
from commands.render import render_command
from commands.run import run_command
from commands.style import disable_colour, progress
from commands.test import run_test
from engine.spec import bundle_text

app = typer.Typer(
    name="reglament",
    help="Declarative regulation engine for public services of Kazakhstan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def version() -> str:
    """The installed package's version (pyproject.toml's, for a checkout run in place)."""
    try:
        return package_version("reglament")
    except PackageNotFoundError:  # pragma: no cover - run from a checkout never installed
        return "0+unknown"


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"reglament {version()}\n")
        raise typer.Exit(0)


@app.callback()
def main(
    show_version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True,
        help="Print the version and exit.")] = False,
    no_color: Annotated[bool, typer.Option(
        "--no-color", help="No colour, even on a terminal (as NO_COLOR=1 does; output to a "
        "pipe or a file is never coloured).")] = False,
) -> None:
    """Declarative regulation engine for public services of Kazakhstan."""
    disable_colour(no_color)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Spec files or directories.")],
    fmt: Annotated[CheckFormat, typer.Option("--format", help="Report format.")] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    explain: Annotated[str | None, typer.Option(
        "--explain", metavar="SPEC",
        help="Print the critical path and its timeline on a worst-case start for a regulation "
             "(id or file) or every regulation of a service (id), in the --format chosen.")] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", metavar="N",
        help="Processes that verify regulations: 0 for one per core (the default), 1 for none "
             "besides this one. The report is the same for any N.")] = 0,
    cache_dir: Annotated[str | None, typer.Option(
        "--cache-dir", metavar="DIR",
        help="Keep verdicts in DIR between runs (e.g. .reglament_cache), so that regulations "
             "whose files, standard, calendar and engine are unchanged are not verified "
             "again. Without it, every regulation is verified and nothing is written.")] = None,
) -> None:
    """Load, compile and verify specs; exit 0 when clean, 1 on findings, 2 on usage errors."""
    raise typer.Exit(run_check(paths, fmt.value, sys.stdout, sys.stderr, strict=strict,
                               explain_spec=explain, jobs=jobs, cache_dir=cache_dir))


class TestFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("test")
def scenarios(
    paths: Annotated[list[str], typer.Argument(
        help="Scenario files, or directories with scenarios/ directories below them.")],
    fmt: Annotated[TestFormat, typer.Option("--format", help="Report format.")] = TestFormat.text,
    specs: Annotated[str | None, typer.Option(
        "--specs", metavar="DIR",
        help="The specs the scenarios test (default: the nearest directory named specs).")] = None,
) -> None:
    """Run scenario tests of specs; exit 0 when all pass, 1 on a mismatch or error, 2 on usage errors."""
    with progress(f"reglament test {' '.join(paths)}", sys.stderr):
        code = run_test(paths, fmt.value, sys.stdout, sys.stderr, specs=specs)
    raise typer.Exit(code)


class NewKind(StrEnum):
    standard = "standard"
    regulation = "regulation"


@app.command()
def new(
    kind: Annotated[NewKind, typer.Argument(help="What to start: a standard or a regulation.")],
    spec_id: Annotated[str, typer.Argument(metavar="ID", help="The id of the new spec.")],
    out: Annotated[str | None, typer.Option(
        "--out", metavar="PATH", help="A file, or a directory to write ID.yaml in (created if "
        "missing); default: standard output. An existing file is never replaced.",
        show_default=False)] = None,
    standard: Annotated[str | None, typer.Option(
        "--standard", metavar="SERVICE", help="The standard a regulation implements (default: "
        "ID).", show_default=False)] = None,
) -> None:
    """Write a commented skeleton of a standard or regulation that loads without errors."""
    raise typer.Exit(run_new(kind.value, spec_id, out=out, standard=standard,
                             stdout=sys.stdout, err=sys.stderr))


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of every spec kind."""
    sys.stdout.write(bundle_text())


app.add_typer(calendar_app, name="calendar")
app.command("due")(due_command)
app.add_typer(case_app, name="case")
app.command("run")(run_command)
app.command("render")(render_command)
app.command("export")(export_command)
app.command("diagram")(diagram_command)
app.command("catalog")(catalog_command)


def run() -> None:
    """The `reglament` console script: the app, with the cycle collector out of a batch run's
    way, and no interpreter teardown at the end.

    Nearly every object a check makes is freed by reference counting, and most live until the
    end of the run; the collector only re-scans them (a third of a cold 1,000-spec check,
    issue 19). Objects made while importing are frozen out of its scans and it is switched
    off; at the end the output is flushed and the process exits at once, without tearing
    down millions of objects one by one. Tests that call `app` in-process are unaffected.
    """
    gc.freeze()
    gc.disable()
    code: object = 0
    try:
        app()
    except SystemExit as done:
        code = done.code
    if isinstance(code, str):
        sys.stderr.write(f"{code}\n")
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    run()
