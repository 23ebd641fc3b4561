"""Finding, loading and caching the calendar, once per process.

The calendar spec lives in `specs/calendars/` of the project. Another directory
(or one file) can be given explicitly, or with the `REGLAMENT_CALENDARS`
environment variable. `default_calendar()` loads it on first use and keeps it, with
its indexes, for the life of the process: the checker and the executor call `due()`
millions of times.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from engine.calendar.core import Calendar
from engine.calendar.errors import CalendarError
from engine.calendar.spec import build_calendar_data
from engine.spec.errors import SpecErrors
from engine.spec.loader import read_document

__all__ = ["ENV_VAR", "calendars_dir", "default_calendar", "load_calendar"]

#: Environment variable naming the calendar directory (or file) to use.
ENV_VAR = "REGLAMENT_CALENDARS"


#: The calendar shipped inside the package (a link to the project's `specs/calendars/kz.yaml`
#: in a checkout; a copy of it in an installed wheel), for installs without the project.
BUNDLED = Path(__file__).with_name("bundled")


def calendars_dir(override: str | Path | None = None) -> Path:
    """Where the calendar spec is: `override`, else `$REGLAMENT_CALENDARS`, else the project's
    `specs/calendars/`, else (an installed package without the project) the bundled copy."""
    if override is not None and str(override):
        return Path(override)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    project = Path(__file__).resolve().parents[2] / "specs" / "calendars"
    return project if project.is_dir() else BUNDLED


def _calendar_file(where: Path) -> Path:
    if where.exists() and not where.is_dir():
        return where  # a file, or something the reader refuses with a located error
    if not where.is_dir():
        raise CalendarError(f"no calendar directory or file at {where} "
                            f"(hint: pass --calendars DIR or set {ENV_VAR})")
    # not only regular files: a pipe or a device named *.yaml is refused by the reader, with
    # a located error, rather than passed over
    files = sorted(p for p in where.iterdir() if p.suffix in (".yaml", ".yml") and not p.is_dir())
    if len(files) != 1:
        found = ", ".join(p.name for p in files) or "none"
        raise CalendarError(f"expected one calendar spec (*.yaml) in {where}, found {found} "
                            "(hint: keep one kind: calendar file per directory)")
    return files[0]


@cache
def _load(path: str) -> Calendar:
    document = read_document(path)
    if document.errors:
        raise SpecErrors(document.errors)
    if document.kind != "calendar":
        raise CalendarError(f'{path} is a "{document.kind}" spec, not a calendar '
                            "(hint: a calendar spec starts with kind: calendar)")
    return Calendar(build_calendar_data(document))


def calendar_source(where: str | Path | None = None) -> Path:
    """The calendar file `load_calendar(where)` reads.

    Raises:
        CalendarError: when there is no single calendar file there.
    """
    return _calendar_file(calendars_dir(where)).resolve()


def load_calendar(where: str | Path | None = None) -> Calendar:
    """Load (once per process and file) the calendar in a directory or file.

    Raises:
        CalendarError: when there is no single calendar file there.
        SpecErrors: every located error of the calendar spec.
    """
    return _load(str(calendar_source(where)))


def default_calendar() -> Calendar:
    """The project's calendar (or the one `$REGLAMENT_CALENDARS` names), loaded once."""
    return load_calendar(None)
