"""The set-up script of README command (b): what it installs when something is absent.

Absence is simulated, not assumed: each test builds a file system (`--root`) and a `PATH`
where every requirement is present but the ones it removes, and reads the dry run. The last
tests hold this machine and the suite to it: everything is installed (or the failure names
the set-up command), and no test skips because a program is missing.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from renderers.documents.pdf import SYSTEM_PACKAGES
from tests.system_tools import MISSING_HINT
from tools.setup_tests import REQUIREMENTS, SETUP_COMMAND, Requirement, missing_packages

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "setup_tests.py"
PACKAGES = [r.package for r in REQUIREMENTS]


def _machine(tmp_path: Path, absent: Requirement | None = None) -> tuple[Path, str]:
    """A root and a PATH holding every requirement's files and commands except `absent`'s."""
    root, bin_dir = tmp_path / "root", tmp_path / "bin"
    bin_dir.mkdir(parents=True)
    for requirement in REQUIREMENTS:
        if requirement == absent:
            continue
        for command in requirement.commands:
            stub = bin_dir / command
            stub.write_text("#!/bin/sh\n")
            stub.chmod(0o755)
        for pattern in requirement.files:
            # A library in the multiarch directory, a font at its own path.
            target = root / (pattern if "/" in pattern else f"usr/lib/x86_64-linux-gnu/{pattern}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"")
    return root, str(bin_dir)


def _dry_run(root: Path, path: str) -> list[str]:
    """The packages the script's dry run would install with apt."""
    done = subprocess.run([sys.executable, str(SCRIPT), "--dry-run", "--no-python", "--no-npm",
                           "--root", str(root)], env={"PATH": path}, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return re.findall(r"^apt: would install (\S+) — ", done.stdout, re.M)


def test_the_dry_run_lists_every_package_on_a_bare_machine(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    assert _dry_run(tmp_path, str(tmp_path / "bin")) == PACKAGES


@pytest.mark.parametrize("absent", REQUIREMENTS, ids=PACKAGES)
def test_the_dry_run_lists_a_package_whose_command_or_file_is_absent(
        absent: Requirement, tmp_path: Path) -> None:
    root, path = _machine(tmp_path, absent)
    assert _dry_run(root, path) == [absent.package]


def test_the_dry_run_lists_nothing_when_all_is_present(tmp_path: Path) -> None:
    root, path = _machine(tmp_path)
    done = subprocess.run([sys.executable, str(SCRIPT), "--dry-run", "--no-python", "--no-npm",
                           "--root", str(root)], env={"PATH": path}, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.stdout == "setup: everything the tests use is installed\n"


def test_a_library_in_a_plain_lib_directory_counts_as_present(tmp_path: Path) -> None:
    root, path = _machine(tmp_path)
    for found in (root / "usr/lib/x86_64-linux-gnu").glob("libpango-1.0.so.0"):
        found.rename(root / "usr/lib" / found.name)
    assert missing_packages(root, path) == []


def test_the_pdf_packages_are_installed_by_the_script() -> None:
    assert set(SYSTEM_PACKAGES) <= set(PACKAGES)


def test_this_machine_has_every_package_the_tests_use() -> None:
    """The guard: on a machine not set up, this fails and says what to run."""
    missing = [r.package for r in missing_packages()]
    assert missing == [], f"missing system packages {missing} ({MISSING_HINT})"


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.match(r"# Reglament\n\n```sh\n(.*?)```\n", text, re.S)
    assert block is not None, "the README starts with its title and the set-up commands"
    return block.group(1).splitlines()


def test_the_readme_starts_with_two_commands_that_ci_runs() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert SETUP_COMMAND in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in commands:
        assert command in ci, f".ci/run does not run the README's {command!r}"


#: The skips that remain, each for a reason no installation can change.
ALLOWED_SKIPS = {
    "tests/execute/test_journal_damage.py": 'pytest.skip("this SQLite has no dbstat table")',
    "tests/diagrams/test_cpsv_export.py": 'pytest.skip(f"no shared shapes at',
}


def test_no_test_skips_because_a_program_is_missing() -> None:
    """A skip on a missing program hides the failure: the tests call `tests.system_tools.tool`."""
    found = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path == Path(__file__).resolve() or any(p.startswith(".") for p in path.relative_to(ROOT).parts):
            continue  # this file; caches (tests/.cache holds pre-commit's clones of the repository)
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"pytest\.(?:skip|importorskip)\(.*", text):
            found[path.relative_to(ROOT).as_posix()] = match.group(0)
    unexpected = {p: line for p, line in found.items()
                  if p not in ALLOWED_SKIPS or not line.startswith(ALLOWED_SKIPS[p])}
    assert unexpected == {}
