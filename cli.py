"""The `reglament` command line: parses arguments and calls the library."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from engine.commands.check import run_check
from engine.schema import bundle_text

app = typer.Typer(
    name="reglament",
    help="Declarative regulation engine for public services of Kazakhstan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Spec files or directories.")],
    fmt: Annotated[CheckFormat, typer.Option("--format", help="Report format.")] = CheckFormat.text,
) -> None:
    """Load and check specs; exit 0 when clean, 1 on findings, 2 on usage errors."""
    raise typer.Exit(run_check(paths, fmt.value, sys.stdout, sys.stderr))


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of every spec kind."""
    sys.stdout.write(bundle_text())


if __name__ == "__main__":
    app()
