"""An installed wheel holds every data file the code reads (not only an editable install).

Every file of the packages that is not Python source must be matched by the
package-data patterns of pyproject.toml, or a `pip install .` leaves it out (the
schemas once were: a non-editable install could not load any spec).
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest

from engine.calendar import loading

ROOT = Path(__file__).resolve().parents[1]


def _patterns() -> dict[str, list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    return patterns


def test_every_data_file_of_the_packages_is_package_data() -> None:
    patterns = _patterns()
    missing = []
    for package in ("engine", "renderers"):
        for path in sorted((ROOT / package).rglob("*")):
            if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(ROOT / package).as_posix()
            globs = patterns.get(package, [])
            if not any(fnmatch.fnmatch(relative, glob) or
                       (glob.endswith("/**/*") and relative.startswith(glob[:-4]))
                       for glob in globs):
                missing.append(f"{package}/{relative}")
    assert missing == []


def test_the_bundled_calendar_is_the_projects_calendar() -> None:
    bundled = loading.BUNDLED / "kz.yaml"
    assert bundled.resolve() == (ROOT / "specs" / "calendars" / "kz.yaml").resolve()


def test_without_the_project_the_bundled_calendar_is_used(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    monkeypatch.delenv(loading.ENV_VAR, raising=False)
    monkeypatch.setattr(loading, "__file__", str(tmp_path / "engine" / "calendar" / "loading.py"))
    assert loading.calendars_dir() == loading.BUNDLED
