"""The engine's public objects as plain JSON: standards, regulations, schedules.

`plain` walks a frozen dataclass of the model field by field, so a field added to the
model is served without a change here: texts become `{"kk", "ru"}` (and `en` when there is
one), durations their spec form ("15 wd"), periods of a day "09:00-13:00", dates ISO, sets
sorted lists. Positions in the YAML (`location`, `key_locations`, a schedule's `where`) are
left out: they name files on the server; the file a spec came from is given relative to
the specs served (`path`). `json_response` writes with sorted keys: the same specs give
the same bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from starlette.responses import Response

from engine.calendar import Calendar, Period, Schedule
from engine.spec import Duration, Regulation, Standard, Text

__all__ = ["json_response", "plain", "regulation_data", "schedule_data", "standard_data"]

#: Fields that say where a spec stands on the server's disk, not what it says.
_HIDDEN = frozenset({"location", "key_locations", "where", "sources"})
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _relative(path: str, specs: Path) -> str:
    with contextlib.suppress(ValueError):  # a path outside the specs directory stays whole
        return Path(path).resolve().relative_to(specs.resolve()).as_posix()
    return path


def plain(value: Any, specs: Path) -> Any:
    """`value` as JSON data (see the module's docstring).

    Examples:
        >>> plain(Text("сәлем", "привет"), Path("."))
        {'kk': 'сәлем', 'ru': 'привет'}
        >>> plain({"b": (Period(540, 780),), "a": dt.date(2025, 1, 2)}, Path("."))
        {'a': '2025-01-02', 'b': ['09:00-13:00']}
    """
    if isinstance(value, Text):
        found = {"kk": value.kk, "ru": value.ru}
        return found | ({"en": value.en} if value.en else {})
    if isinstance(value, Duration | Period):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: (_relative(getattr(value, f.name), specs) if f.name == "path"
                         else plain(getattr(value, f.name), specs))
                for f in dataclasses.fields(value) if f.name not in _HIDDEN}
    if isinstance(value, Mapping):
        return {str(key): plain(item, specs) for key, item in sorted(value.items(), key=str)}
    if isinstance(value, frozenset | set):
        return sorted(plain(item, specs) for item in value)
    if isinstance(value, tuple | list):
        return [plain(item, specs) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def standard_data(standard: Standard, specs: Path) -> dict[str, Any]:
    """One version of a standard, whole: documents, results, refusal grounds, channels
    (term, schedule, reception), cost, appeal, legal basis."""
    data: dict[str, Any] = plain(standard, specs)
    return data


def regulation_data(regulation: Regulation, specs: Path) -> dict[str, Any]:
    """One version of a regulation, whole: actors, each channel's steps with their limits
    and outcomes, amendments, validity."""
    data: dict[str, Any] = plain(regulation, specs)
    return data


def schedule_data(schedule: Schedule, calendar: Calendar, specs: Path) -> dict[str, Any]:
    """A schedule with its hours on each weekday: working periods and reception, the
    working weekdays of its week, and the schedule its terms count on."""
    data: dict[str, Any] = plain(schedule, specs)
    week = calendar.data.weeks.get(schedule.week) if schedule.week else None
    working = sorted(week.working_weekdays) if week is not None else list(range(7))
    data["weekdays"] = {
        _WEEKDAYS[day]: {"working": week is None or day in week.working_weekdays,
                         "hours": [str(p) for p in schedule.periods_on(day)]
                         if week is None or day in week.working_weekdays else [],
                         "reception": [str(p) for p in schedule.reception_on(day)]
                         if week is None or day in week.working_weekdays else []}
        for day in range(7)}
    data["working_weekdays"] = [_WEEKDAYS[day] for day in working]
    data["counting"] = schedule.counting
    return data


def json_response(data: Any, status: int = 200, media_type: str = "application/json",
                  headers: Mapping[str, str] | None = None) -> Response:
    """`data` as JSON with sorted keys and real Cyrillic: the same data, the same bytes."""
    return Response(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1),
                    status_code=status, media_type=media_type, headers=dict(headers or {}))
