#!/usr/bin/env python3
"""Install everything the test suite uses, skipping what is present: README command (b), `.ci/run`.

On Debian or Ubuntu with Python 3.11+ and pip, three things, each only when missing:

1. **System packages** (apt): Pango, HarfBuzz's subsetter, fontconfig and DejaVu for PDFs
   (`renderers/documents/pdf.py`), Graphviz's `dot`, `rsvg-convert`, node and npm for the diagram
   tests, git for the pre-commit test, Chromium and its chromedriver for the catalogue's browser
   tests. A package counts as present when its commands are on
   `PATH` and its files (libraries, fonts) are below `--root`; the apt part runs as root, else
   through sudo.
2. **Python packages**: `pip install -e '.[test]'` unless reglament is installed from this
   checkout with every package of the test extra.
3. **npm packages** the diagram tests run (bpmnlint; mermaid's parser, about 145 MB) into
   `tests/.cache/npm`, never globally (`tests/diagrams/exports_npm.py` pins them).

It says what it installs and downloads before doing it; `--dry-run` only says it. Standard
library only: it runs before anything is installed.

Examples:
    python3 tools/setup_tests.py && pytest     # README command (b)
    python3 tools/setup_tests.py --dry-run     # what it would install; nothing when all is there
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

__all__ = ["REQUIREMENTS", "SETUP_COMMAND", "Requirement", "main", "missing_packages", "python_missing"]

ROOT = Path(__file__).resolve().parents[1]
#: What a test names when something it needs is missing.
SETUP_COMMAND = "python3 tools/setup_tests.py"
_LIBRARY_DIRS = ("usr/lib/*", "usr/lib", "lib/*", "lib", "usr/lib64", "lib64")


@dataclass(frozen=True)
class Requirement:
    """A Debian package the tests use, and how to tell it is there."""

    package: str
    why: str
    commands: tuple[str, ...] = ()
    #: Files that must exist below the root: a path pattern (glob), or a library's soname,
    #: looked for in the library directories (multiarch ones too).
    files: tuple[str, ...] = ()


#: In install order. The PDF packages are `renderers/documents/pdf.py`'s SYSTEM_PACKAGES (tested).
REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("libpango-1.0-0", "PDF documents (WeasyPrint)", files=("libpango-1.0.so.0",)),
    Requirement("libpangoft2-1.0-0", "PDF documents (WeasyPrint)", files=("libpangoft2-1.0.so.0",)),
    Requirement("libharfbuzz-subset0", "byte-identical PDFs (font subsetting)",
                files=("libharfbuzz-subset.so.0",)),
    Requirement("fontconfig", "PDF documents: finding fonts", commands=("fc-list",)),
    Requirement("fonts-dejavu-core", "a font with every Kazakh letter",
                files=("usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                       "usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")),
    Requirement("graphviz", "the DOT export's tests (dot)", commands=("dot",)),
    Requirement("librsvg2-bin", "the swimlane SVG rendered to PNG (rsvg-convert)", commands=("rsvg-convert",)),
    Requirement("nodejs", "bpmnlint and mermaid's parser (node)", commands=("node",)),
    Requirement("npm", "fetching bpmnlint and mermaid's parser", commands=("npm",)),
    Requirement("git", "the pre-commit hook's test", commands=("git",)),
    Requirement("chromium", "the public catalogue's tests in a real browser (headless)",
                commands=("chromium",)),
    Requirement("chromium-driver", "driving Chromium from the tests (Selenium's chromedriver)",
                commands=("chromedriver",)),
)


def _present(requirement: Requirement, root: Path, path: str) -> bool:
    if not all(shutil.which(c, path=path) for c in requirement.commands):
        return False
    for pattern in requirement.files:
        candidates = [pattern] if "/" in pattern else [f"{d}/{pattern}" for d in _LIBRARY_DIRS]
        if not any(any(root.glob(c)) for c in candidates):
            return False
    return True


def missing_packages(root: Path = Path("/"), path: str | None = None) -> list[Requirement]:
    """The requirements not present below `root` with commands on `path` (default: `$PATH`)."""
    search = os.environ.get("PATH", os.defpath) if path is None else path
    return [r for r in REQUIREMENTS if not _present(r, root, search)]


def _test_extra() -> list[str]:
    """The distribution names of pyproject.toml's test extra."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^test = \[(.*?)^\]", text, re.S | re.M)
    assert block is not None, "pyproject.toml has no test extra"
    return re.findall(r'^\s*"([A-Za-z0-9_.-]+)', block.group(1), re.M)


def python_missing() -> list[str]:
    """What pip must install: reglament from this checkout, and the test extra's packages."""
    missing = []
    try:
        url = json.loads(metadata.distribution("reglament").read_text("direct_url.json") or "{}").get("url")
    except metadata.PackageNotFoundError:
        url = None
    if url != ROOT.as_uri():
        missing.append(f"reglament (editable, from {ROOT})")
    for name in _test_extra():
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            missing.append(name)
    return missing


def _npm_missing() -> list[tuple[str, dict[str, str], str]]:
    sys.path.insert(0, str(ROOT))
    from tests.diagrams.exports_npm import TOOLS, installed
    return [(name, packages, size) for name, (packages, size) in TOOLS.items()
            if not installed(packages, name)]


def _privileged(command: list[str]) -> list[str]:
    """`command` as root: directly, else through sudo; SystemExit when neither can."""
    if os.geteuid() == 0:
        return command
    sudo = shutil.which("sudo")
    if sudo is None:
        raise SystemExit(f"setup: installing system packages needs root; run as root or install sudo: "
                         f"{' '.join(command)}")
    return [sudo, *command]


def _run(command: Sequence[str], **env: str) -> None:
    print("+ " + " ".join(command), flush=True)
    subprocess.run(list(command), check=True, env={**os.environ, **env})


def install_system(missing: list[Requirement], run: Callable[..., None] = _run) -> None:
    """apt-get install the `missing` packages (after apt-get update)."""
    apt = shutil.which("apt-get")
    if apt is None:
        names = " ".join(r.package for r in missing)
        raise SystemExit(f"setup: no apt-get here; install the equivalents of: {names}")
    run(_privileged([apt, "update"]), DEBIAN_FRONTEND="noninteractive")
    run(_privileged([apt, "install", "-y", "--no-install-recommends", *(r.package for r in missing)]),
        DEBIAN_FRONTEND="noninteractive")


def main(argv: Sequence[str] | None = None) -> int:
    """Say what is missing, and (unless `--dry-run`) install it; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="list what would be installed; change nothing")
    parser.add_argument("--root", type=Path, default=Path("/"),
                        help="the file system whose libraries and fonts are looked for (default /)")
    parser.add_argument("--no-python", action="store_true", help="leave the Python packages alone")
    parser.add_argument("--no-npm", action="store_true", help="leave the npm packages alone")
    options = parser.parse_args(argv)
    system = missing_packages(options.root)
    python = [] if options.no_python else python_missing()
    npm = [] if options.no_npm else _npm_missing()
    verb = "would install" if options.dry_run else "installing"
    for requirement in system:
        print(f"apt: {verb} {requirement.package} — {requirement.why}")
    if python:
        print(f"pip: {verb} -e '.[test]' from PyPI (missing: {', '.join(python)})")
    for name, packages, size in npm:
        pins = " ".join(f"{package}@{version}" for package, version in packages.items())
        print(f"npm: {verb} {pins} into tests/.cache/npm/{name} (about {size})")
    if not (system or python or npm):
        print("setup: everything the tests use is installed")
    if options.dry_run:
        return 0
    if system:
        try:
            install_system(system)
        except subprocess.CalledProcessError as error:
            raise SystemExit(f"setup: apt-get failed (exit {error.returncode})") from None
    if python:
        try:
            _run([sys.executable, "-m", "pip", "install", "-e", f"{ROOT}[test]"])
        except subprocess.CalledProcessError as error:
            raise SystemExit(f"setup: pip failed (exit {error.returncode}); on a Python managed by the "
                             "system (PEP 668), make a virtual environment first: python3 -m venv .venv "
                             "&& . .venv/bin/activate (Debian: apt-get install python3-venv)") from None
    if npm:
        from tests.diagrams.exports_npm import node_tools
        for name, packages, _size in npm:
            print(f"+ npm install {name} in tests/.cache/npm/{name}", flush=True)
            node_tools(packages, name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
