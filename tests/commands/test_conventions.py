"""The command line's conventions: --version, shell completion, colour on a terminal only,
and the progress bar that only a terminal sees."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app, version
from commands.style import disable_colour, progress, use_colour
from tests.specdata import INVALID, ROOT

runner = CliRunner()


def test_version_prints_the_package_version_and_exits_0() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"reglament {version()}\n")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'\nversion = "{version()}"\n' in pyproject


def test_shell_completion_is_offered_and_completes_the_verbs() -> None:
    script = runner.invoke(app, ["--show-completion", "bash"], prog_name="reglament")
    assert script.exit_code == 0, (script.output, repr(script.exception))
    assert "_REGLAMENT_COMPLETE=complete_bash" in script.stdout
    words = runner.invoke(app, [], prog_name="reglament", env={
        "_REGLAMENT_COMPLETE": "complete_bash", "COMP_WORDS": "reglament ca", "COMP_CWORD": "1"})
    assert words.stdout.split() == ["catalog", "calendar", "case"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stream", "no_color", "environ", "expected"), [
    (_Terminal(), False, {}, True),
    (_Terminal(), False, {"TERM": "xterm-256color"}, True),
    (_Terminal(), False, {"NO_COLOR": ""}, True),  # no-color.org: set and not empty
    (_Terminal(), False, {"NO_COLOR": "1"}, False),
    (_Terminal(), False, {"TERM": "dumb"}, False),
    (_Terminal(), True, {}, False),
    (io.StringIO(), False, {}, False),  # a pipe or a file
])
def test_colour_only_on_a_terminal_without_no_color(stream: io.StringIO, no_color: bool,
                                                    environ: dict[str, str],
                                                    expected: bool) -> None:
    assert use_colour(stream, no_color=no_color, environ=environ) is expected


def test_no_color_option_is_recorded_for_the_run_only() -> None:
    try:
        disable_colour(True)
        assert not use_colour(_Terminal(), environ={})
        disable_colour(False)
        assert use_colour(_Terminal(), environ={})
    finally:
        disable_colour(False)


def _on_a_terminal(*args: str, env: dict[str, str]) -> bytes:
    """Run the command line with its standard output on a pseudo-terminal; what it wrote."""
    main, side = pty.openpty()
    try:
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], stdout=side,
                              stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                              env={**env, "PYTHONPATH": str(ROOT)}, check=False, timeout=300)
        os.close(side)
        side = -1
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main)
        if side != -1:
            os.close(side)
    assert done.returncode == 1
    return b"".join(chunks)


def test_check_paints_errors_red_on_a_terminal_and_not_with_no_color(tmp_path: Path) -> None:
    spec = INVALID / "bad-duration.yaml"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    coloured = _on_a_terminal("check", str(spec), env=env)
    assert b"\x1b[31m" + str(spec).encode() in coloured
    assert b"\x1b[0m" in coloured
    assert b"\x1b[" not in _on_a_terminal("check", str(spec), env={**env, "NO_COLOR": "1"})
    assert b"\x1b[" not in _on_a_terminal("--no-color", "check", str(spec), env=env)
    piped = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(spec)],
                           capture_output=True, env={**env, "PYTHONPATH": str(ROOT)},
                           check=False)
    assert b"\x1b[" not in piped.stdout


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with progress("reglament check", stream, delay=0):
        pass
    assert stream.getvalue() == ""


def test_the_progress_bar_is_drawn_on_a_terminal_and_erased() -> None:
    main, side = pty.openpty()
    with os.fdopen(side, "w", encoding="utf-8") as terminal:
        with progress("reglament check specs", terminal, delay=0):
            first = os.read(main, 4096)  # blocks until the bar is drawn
        terminal.flush()
        rest = os.read(main, 65536)
    os.close(main)
    assert first.startswith(b"\rreglament check specs [")
    assert (first + rest).endswith(b"\r\x1b[2K")
