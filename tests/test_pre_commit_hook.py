"""docs/ci.md's pre-commit recipe, run as written: a regulations repository using this
checkout's `.pre-commit-hooks.yaml` at its commit checks the changed specs, each against the
standard, schedules and calendar of its spec root.

pre-commit installs the hook from the commit (`rev:` is this checkout's HEAD, so the test
runs what is committed, as CI's clean clone does) into a virtual environment kept in
`tests/.cache/pre-commit`: the first run for a commit installs the package with pip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.specdata import ROOT, SPECS
from tests.system_tools import MISSING_HINT, tool

REGULATION = "specs/regulations/aktobe/school-admission.yaml"
HOME = ROOT / "tests" / ".cache" / "pre-commit"


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800,
                          check=False)


@pytest.fixture(scope="module")
def head() -> str:
    git = tool("git", "git")
    done = subprocess.run([git, "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        pytest.fail(f"the hook test needs this checkout to be a git repository: {done.stderr}")
    return done.stdout.strip()


def _pre_commit() -> list[str]:
    if shutil.which("pre-commit") is None:
        try:
            import pre_commit  # noqa: F401
        except ImportError:
            pytest.fail(f"pre-commit is not installed ({MISSING_HINT})", pytrace=False)
    return [sys.executable, "-m", "pre_commit"]


def test_the_hook_checks_the_changed_specs_of_a_repository(head: str, tmp_path: Path) -> None:
    git = tool("git", "git")
    repo = tmp_path / "regional-regulations"
    shutil.copytree(SPECS, repo / "specs", ignore=shutil.ignore_patterns("scenarios"))
    # The snippet of docs/ci.md, with this checkout as the repository and its HEAD as the rev.
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: reglament-check\n",
        encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"PRE_COMMIT_HOME": str(HOME), "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1", "PRE_COMMIT_COLOR": "never"}
    for command in (["init", "-q"], ["add", "."]):
        assert _run([git, *command], repo, env).returncode == 0
    pre_commit = _pre_commit()

    sound = _run([*pre_commit, "run", "--files", REGULATION], repo, env)
    assert sound.returncode == 0, sound.stdout + sound.stderr
    assert "reglament check" in sound.stdout
    assert "Passed" in sound.stdout

    regulation = repo / REGULATION
    regulation.write_text(regulation.read_text(encoding="utf-8").replace(
        "duration: 10 min", "duration: 11 min"), encoding="utf-8")
    assert _run([git, "add", REGULATION], repo, env).returncode == 0
    broken = _run([*pre_commit, "run"], repo, env)  # the staged files: the changed regulation
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Failed" in broken.stdout
    assert f"{REGULATION}:" in broken.stdout
    assert "takes up to 31 min; term 30 min" in broken.stdout
