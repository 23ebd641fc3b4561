"""The `reglament` command line: parses arguments and calls the library."""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Iterator, Mapping, MutableMapping
from enum import StrEnum
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Annotated, Any

import typer
import typer.core
import typer.main

from commands.coercion import plain_coercion
from commands.style import disable_colour, progress

#: The verbs defined in their command modules (`module:attribute`, a typer function or a
#: sub-app), in the order `reglament --help` lists them after the verbs defined below. Each
#: module is imported only when its verb runs, is completed or listed in help: a check does
#: not load Jinja, WeasyPrint, SQLite or the cases' executor (issue 19).
ELSEWHERE: dict[str, str] = {
    "due": "commands.calendar:due_command",
    "run": "commands.run:run_command",
    "render": "commands.render:render_command",
    "export": "commands.export:export_command",
    "diagram": "commands.diagram:diagram_command",
    "catalog": "commands.catalog:catalog_command",
    "report": "commands.report:report_command",
    "audit": "commands.audit:audit_command",
    "calendar": "commands.calendar:calendar_app",
    "case": "commands.case:case_app",
    "serve": "commands.serve:serve_command",
    "synth": "commands.synth:synth_command",
}


def _elsewhere(name: str) -> Any:
    """The click command of a verb of `ELSEWHERE`, built as `app.command(name)` or
    `app.add_typer(sub_app, name=name)` would have built it."""
    module, attribute = ELSEWHERE[name].split(":")
    found = getattr(importlib.import_module(module), attribute)
    holder = typer.Typer(pretty_exceptions_enable=False)
    if isinstance(found, typer.Typer):
        holder.add_typer(found, name=name)
    else:
        holder.command(name)(found)
    return typer.main.get_group(holder).commands[name]


class _Verbs(MutableMapping[str, Any]):
    """The verbs of the group: those of cli.py as typer built them, then `ELSEWHERE`'s,
    each built on first use."""

    def __init__(self, built: Mapping[str, Any]) -> None:
        self.built = dict(built)
        self.order = [*built, *(name for name in ELSEWHERE if name not in built)]

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            if name not in ELSEWHERE:
                raise KeyError(name)
            self.built[name] = _elsewhere(name)
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command
        if name not in self.order:
            self.order.append(name)

    def __delitem__(self, name: str) -> None:
        self.built.pop(name, None)
        self.order.remove(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)


class LazyGroup(typer.core.TyperGroup):
    """The `reglament` group, whose verbs of `ELSEWHERE` are imported when first used."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Verbs(self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names only: nothing imported to list them

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        plain_coercion(self.get_params(ctx))  # --version, --help...: no pydantic to parse them
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            # The verb's values without pydantic (commands.coercion), its --help too: that
            # option is made for the context typer makes next, made here the same way.
            verb = command.context_class(command, info_name=name, parent=ctx,
                                         **command.context_settings)
            plain_coercion(command.get_params(verb))
        return name, command, rest


app = typer.Typer(
    name="reglament",
    help="Declarative regulation engine for public services of Kazakhstan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
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
    from commands.check import run_check  # each verb imports what it needs when it runs

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
    from commands.test import run_test

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
    from commands.new import run_new

    raise typer.Exit(run_new(kind.value, spec_id, out=out, standard=standard,
                             stdout=sys.stdout, err=sys.stderr))


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of every spec kind."""
    from engine.spec import bundle_text

    sys.stdout.write(bundle_text())


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
