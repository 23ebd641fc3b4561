"""The real peers of the export tests from npm, installed locally into a cache directory.

`bpmnlint` (with its `bpmnlint:recommended` rules) judges the BPMN exports and the
`mermaid` parser the Mermaid ones. They are installed once, with the pinned versions
below, into `tests/.cache/npm` (or `$REGLAMENT_NPM_CACHE`), never globally; later runs
reuse the installation while the pins are unchanged. `.ci/run` makes node and npm
available (Debian's `nodejs npm` when missing) and fetches both sets ahead: `tools/setup_tests.py`.

The pins run on Node.js 18 (Debian 12's) and later: bpmnlint 11+ needs Node 20, mermaid
12 Node 22. mermaid's parser needs a DOM for its sanitiser, hence jsdom.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BPMNLINT", "CACHE", "MERMAID", "TOOLS", "NodeTools", "NpmUnavailable", "installed", "node_tools",
           "run_node"]

HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("REGLAMENT_NPM_CACHE") or HERE.parents[1] / "tests" / ".cache" / "npm")

#: The packages of each tool, pinned.
BPMNLINT = {"bpmnlint": "10.3.1", "bpmn-moddle": "8.1.0"}
MERMAID = {"mermaid": "11.12.0", "jsdom": "24.1.3"}
#: Each set by the name of its directory in the cache, with about what it downloads
#: (tools/setup_tests.py fetches them ahead and says so).
TOOLS = {"bpmnlint": (BPMNLINT, "2 MB"), "mermaid": (MERMAID, "143 MB")}
#: The node scripts (kept beside this file) copied next to the installed packages.
SCRIPTS = ("bpmn_lint.cjs", "exports_mermaid_parse.mjs")


class NpmUnavailable(RuntimeError):
    """node or npm is not installed, or the packages could not be installed."""


@dataclass(frozen=True)
class NodeTools:
    """An installed set of npm packages and the node that runs the scripts beside them."""

    directory: Path
    node: str


def _manifest(packages: dict[str, str], name: str) -> str:
    manifest = {"name": f"reglament-test-{name}", "private": True, "dependencies": packages}
    return json.dumps(manifest, indent=2, sort_keys=True) + "\n"


def installed(packages: dict[str, str], name: str) -> bool:
    """True when `packages` are installed in `CACHE/name` at their pinned versions."""
    directory = CACHE / name
    stamp = directory / "installed.json"
    return (stamp.is_file() and stamp.read_text() == _manifest(packages, name)
            and (directory / "node_modules").is_dir())


def node_tools(packages: dict[str, str], name: str) -> NodeTools:
    """Install `packages` (name -> exact version) into `CACHE/name` unless already there.

    Raises:
        NpmUnavailable: node or npm missing, or `npm install` failed (its output attached).
    """
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        raise NpmUnavailable("node and npm are not installed (hint: python3 tools/setup_tests.py "
                             "installs what the tests need, README command (b))")
    directory = CACHE / name
    directory.mkdir(parents=True, exist_ok=True)
    wanted = _manifest(packages, name)
    # Several pytest runs may share the cache: one installs while the others wait.
    with (directory / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stamp = directory / "installed.json"
        if not installed(packages, name):
            (directory / "package.json").write_text(wanted)
            done = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=directory, capture_output=True, text=True, timeout=600, check=False)
            if done.returncode != 0:
                raise NpmUnavailable(f"npm install in {directory} failed:\n{done.stdout}{done.stderr}")
            stamp.write_text(wanted)
        for script in SCRIPTS:
            target = directory / script
            source = (HERE / script).read_text()
            if not target.exists() or target.read_text() != source:
                target.write_text(source)
    return NodeTools(directory, node)


def run_node(tools: NodeTools, script: str, arguments: Sequence[str], stdin: str = "") -> object:
    """Run a script of `SCRIPTS` with node in the tools' directory; its JSON answer on stdout."""
    done = subprocess.run([tools.node, str(tools.directory / script), *arguments], input=stdin,
                          cwd=tools.directory, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise AssertionError(f"node {script} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout)
