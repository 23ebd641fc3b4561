"""Write errors of `reglament export`, `diagram` and `render` (issue 15): one line, no partial file.

Each command writes one file into an `--out` directory; the file cannot be written because it
is `/dev/full` (a link to it, or `--out /dev/full` itself), because its directory is under a
regular file (ENOTDIR), because a directory stands where the file should be, or because the disk
fills up half-way (a child process whose file-size limit, RLIMIT_FSIZE, is 1000 bytes: a write
past it fails with EFBIG as one on a full disk fails with ENOSPC). Tests run as root, for whom a
read-only directory is writable, so these stand in for it. Every time: one line on stderr naming
the path, the exit code of the command's other failures (2 where the command line names a
directory that does not exist), and nothing left behind, not even the temporary file.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app

ROOT = Path(__file__).resolve().parents[2]
#: The command line of each command but --out, and the name of the file it writes into --out DIR.
COMMANDS = {
    "export": (["export", "school-admission"], "school-admission.jsonld"),
    "diagram": (["diagram", "aktobe-school-admission", "--channel", "portal", "--format", "mermaid"],
                "aktobe-school-admission.portal.mmd"),
    "render": (["render", "preschool-queue", "--doc", "passport"], "preschool-queue-passport.html"),
}
#: The file size a child process may write: less than any of the three documents.
FILE_SIZE_LIMIT = 1000
runner = CliRunner()


def _prepare(case: str, command: str, tmp_path: Path) -> tuple[str, str]:
    """Set up the case; return the --out to give and the path the error must name."""
    name = COMMANDS[command][1]
    out = tmp_path / "out"
    out.mkdir()
    if case == "dev-full":
        (out / name).symlink_to("/dev/full")
        return str(out), str(out / name)
    if case == "dev-full-itself":
        return "/dev/full", "/dev/full"
    if case == "under-a-file":
        (tmp_path / "plain").write_text("a regular file\n", encoding="utf-8")
        return str(tmp_path / "plain" / "sub"), str(tmp_path / "plain")
    if case == "directory-in-the-way":
        (out / name).mkdir()
        return str(out), str(out / name)
    assert case == "disk-full"
    return str(out), str(out / name)


def _limited_file_size() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


def _run(case: str, command: str, out: str) -> tuple[int, str, str]:
    arguments = [*COMMANDS[command][0], "--out", out]
    if case != "disk-full":
        result = runner.invoke(app, arguments)
        return result.exit_code, result.stdout, result.stderr
    # Python ignores SIGXFSZ, so a write past the limit fails with EFBIG instead of killing it.
    done = subprocess.run([sys.executable, "-c", "from cli import app; app()", *arguments],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
                          preexec_fn=_limited_file_size,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    return done.returncode, done.stdout, done.stderr


def _expected_code(case: str, command: str) -> int:
    # every command creates the missing directories of --out, so a path under a regular file
    # is a directory that cannot be created: exit 1, as any other write failure (issue 18)
    return 1


CASES = [(case, command) for case in ("dev-full", "under-a-file", "directory-in-the-way", "disk-full")
         for command in COMMANDS] + [("dev-full-itself", "export"), ("dev-full-itself", "diagram")]


@pytest.mark.parametrize(("case", "command"), CASES)
def test_a_write_error_is_one_line_naming_the_path_and_leaves_no_partial_file(
        case: str, command: str, tmp_path: Path) -> None:
    out, named = _prepare(case, command, tmp_path)
    before = set(tmp_path.rglob("*"))
    code, stdout, stderr = _run(case, command, out)
    assert code == _expected_code(case, command), stderr
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"reglament {command}: --out: "), lines[0]
    assert named in lines[0], lines[0]
    assert stdout == ""
    assert set(tmp_path.rglob("*")) == before  # no partial file, no temporary file
    if case == "disk-full":
        assert "File too large" in lines[0]
