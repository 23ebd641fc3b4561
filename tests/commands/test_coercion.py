"""The plain coercion of command-line values gives typer's own values and errors (issue 19).

`commands.coercion.plain_coercion` answers for well-formed flags, texts, lists of texts,
whole numbers and choices without pydantic, and hands anything else to typer's coercion.
Each command line below is parsed twice, by typer alone and with the plain coercion, and
must give the same parameters, of the same types, or the same error.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from cli import app
from commands.coercion import plain_coercion

ROOT = Path(__file__).resolve().parents[2]
INSTANT = "2024-05-03T10:00:00+05:00"

COMMAND_LINES: list[tuple[str, list[str]]] = [
    ("check", ["specs"]), ("check", ["a.yaml", "b.yaml"]), ("check", ["a", "--format", "json"]),
    ("check", ["a", "--format=sarif"]), ("check", ["a", "--format", "JSON"]),
    ("check", ["a", "--format", "xml"]), ("check", ["a", "--jobs", "4"]),
    ("check", ["a", "-j", "0"]), ("check", ["a", "--jobs", "04"]), ("check", ["a", "--jobs", "-1"]),
    ("check", ["a", "--jobs", "x"]), ("check", ["a", "--jobs", "٣"]), ("check", ["a", "--jobs", " 2"]),
    ("check", ["a", "--jobs", "99999999999999999999"]), ("check", ["a", "--cache-dir", ""]),
    ("check", ["a", "--explain", "svc", "--strict"]), ("check", []), ("check", ["--", "-x.yaml"]),
    ("check", ["a", "--strict", "--strict"]), ("check", ["a", "--format"]),
    ("test", ["x", "--format", "json", "--specs", "d"]), ("test", ["x", "--format", "yaml"]),
    ("new", ["standard", "some-id"]), ("new", ["regulation", "r", "--standard", "s", "--out", "o"]),
    ("new", ["treaty", "x"]), ("new", ["Standard", "x"]), ("schema", []),
    ("due", ["--from", INSTANT, "--add", "2 h"]), ("due", ["--from", INSTANT, "--add", "1 wd", "--json"]),
    ("run", ["svc", "--channel", "portal", "--received", INSTANT, "--outcome", "a=b",
             "--outcome", "c=d", "--json"]),
    ("run", ["svc", "--channel", "portal"]),
    ("render", ["svc", "--doc", "receipt", "--out", "o", "--format", "pdf", "--layout", "columns"]),
    ("render", ["svc", "--doc", "nope", "--out", "o"]),
    ("export", ["svc", "--format", "cpsv-jsonld"]), ("export", ["svc", "--format", "rdf"]),
    ("diagram", ["svc", "--format", "bpmn", "--lang", "ru", "--view", "interaction"]),
    ("diagram", ["svc", "--lang", "en"]),
    ("catalog", ["--on", "2024-01-01", "--format", "csv"]), ("catalog", ["--format", "xls"]),
]


def _parse(name: str, argv: list[str], *, plain: bool) -> Any:
    group = typer.main.get_command(app)
    command = group.commands[name]  # as typer built it: nothing plain yet
    parent = group.make_context("reglament", [name], resilient_parsing=True)
    if plain:
        verb = command.context_class(command, info_name=name, parent=parent,
                                     **command.context_settings)
        plain_coercion(command.get_params(verb))
    try:
        ctx = command.make_context(name, list(argv), parent=parent)
    except Exception as error:
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        return type(error).__name__, message
    return {key: (type(value), value) for key, value in ctx.params.items()}


@pytest.mark.parametrize(("name", "argv"), COMMAND_LINES)
def test_the_plain_coercion_gives_typer_s_values_and_errors(name: str, argv: list[str]) -> None:
    assert _parse(name, argv, plain=True) == _parse(name, argv, plain=False)


def test_a_check_imports_no_pydantic() -> None:
    script = ("import contextlib, io, sys\n"
              "from cli import app\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              "    try:\n"
              "        app(['check', 'specs/standards/preschool-queue.yaml', '--format', 'json',\n"
              "             '--jobs', '1', '--strict'])\n"
              "    except SystemExit as done:\n"
              "        assert done.code == 0, done.code\n"
              "print('pydantic' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    assert done.stdout.strip() == "False"
