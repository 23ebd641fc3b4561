"""What `reglament check` loads: only what the check needs (issue 19, start-up).

`cli.py` imports a verb's module when that verb runs (`cli.ELSEWHERE`), so the check of one
standard does not pay for the renderers, Jinja, WeasyPrint, the journal or the cases'
executor. Each run is a fresh interpreter, as the console script's is.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import ELSEWHERE, app

ROOT = Path(__file__).resolve().parents[1]

#: Packages a check never uses: documents, diagrams, exports, the journal, cases, scenarios;
#: jsonschema for valid specs (`engine.spec.schema`), the holidays of other countries
#: (`engine.calendar.data.country_class`), pydantic for the values (`commands.coercion`).
NOT_FOR_A_CHECK = ("renderers", "jinja2", "weasyprint", "num2words", "sqlite3", "engine.cases",
                   "engine.scenarios", "commands.render", "commands.case", "commands.run", "jsonschema",
                   "holidays.countries", "pydantic")


def _modules_after(*args: str) -> tuple[int, list[str]]:
    """The exit code of `reglament ARGS` in a fresh interpreter and the modules it loaded."""
    script = ("import contextlib, io, json, sys\n"
              "from cli import app\n"
              "code = 0\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              "    try:\n"
              f"        app({list(args)!r})\n"
              "    except SystemExit as done:\n"
              "        code = done.code\n"
              "print(json.dumps([code, sorted(sys.modules)]))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    code, modules = json.loads(done.stdout)
    return code, modules


def _loaded(modules: list[str], package: str) -> bool:
    return any(m == package or m.startswith(f"{package}.") for m in modules)


def test_the_check_of_a_standard_loads_no_renderer_journal_or_executor() -> None:
    code, modules = _modules_after("check", "specs/standards/preschool-queue.yaml")
    assert code == 0
    assert "engine.verify.checker" in modules  # the check ran
    assert [p for p in NOT_FOR_A_CHECK if _loaded(modules, p)] == []


def test_the_version_loads_no_command_module() -> None:
    code, modules = _modules_after("--version")
    assert code == 0
    helpers = {"commands.style", "commands.coercion"}  # what cli.py itself uses
    assert [m for m in modules if m.startswith("commands.") and m not in helpers] == []
    assert not _loaded(modules, "engine")


@pytest.mark.parametrize("verb", list(ELSEWHERE))
def test_every_verb_imported_when_run_has_its_help(verb: str) -> None:
    done = CliRunner().invoke(app, [verb, "--help"], prog_name="reglament")
    assert done.exit_code == 0, done.output
    assert f"Usage: reglament {verb}" in done.output


def test_the_help_lists_every_verb_in_order() -> None:
    done = CliRunner().invoke(app, ["--help"], prog_name="reglament", env={"COLUMNS": "100"})
    listed = [line.split()[1] for line in done.output.splitlines()
              if line.startswith("│ ") and len(line.split()) > 2 and line.split()[1].isalpha()
              and line[2] != " "]
    verbs = ["check", "test", "new", "schema", *ELSEWHERE]
    assert [v for v in listed if v in verbs] == verbs
