"""Schedules analysts write next to their specs (`kind: schedules`), joined to the calendar.

A `kind: schedules` document names week patterns and schedules in the calendar's own
format (read by `engine.calendar.schedule_reading`). `read_schedule_set` reads one and
checks what needs that file alone (times, breaks, reception inside the hours, two
schedules of one `office` that disagree); `with_schedules` joins the sets of a corpus to
a calendar and checks what needs them all (a name defined twice, a week or a `counts_on`
that exists nowhere, weekdays the week does not work). Every problem is located; a
problem found only when the sets are joined re-reads its file to locate itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from engine.calendar.core import Calendar
from engine.calendar.model import WEEKDAYS, Schedule, Week
from engine.calendar.problems import KeyPath, Problems, SpecSource
from engine.calendar.schedule_reading import check_schedule_weeks, read_schedule, read_text
from engine.spec.checks import did_you_mean
from engine.spec.errors import SpecError
from engine.spec.loader import read_document

__all__ = ["ScheduleSet", "read_schedule_set", "with_schedules"]


@dataclass(frozen=True)
class ScheduleSet:
    """The week patterns and schedules of one `kind: schedules` document."""

    id: str
    path: str
    weeks: dict[str, Week]
    schedules: dict[str, Schedule]
    #: Where each week and schedule is defined (`file:line:col`), by name.
    where: dict[str, str]


def read_schedule_set(source: SpecSource) -> tuple[ScheduleSet, list[SpecError]]:
    """The set of a schema-valid `kind: schedules` document, with its single-file problems."""
    problems = Problems(source)
    data: Mapping[str, Any] = source.data
    weeks = {name: Week(name, read_text(node["title"]),
                        frozenset(WEEKDAYS.index(d) for d in node["working_weekdays"]))
             for name, node in data.get("weeks", {}).items()}
    schedules = {name: read_schedule(name, node, problems)
                 for name, node in data["schedules"].items()}
    where = {name: str(source.location(("weeks", name))) for name in weeks}
    where |= {name: schedule.where for name, schedule in schedules.items()}
    _check_offices(schedules, problems)
    return ScheduleSet(data["id"], source.path, weeks, schedules, where), problems.errors


def _hours(schedule: Schedule) -> str:
    days = "; ".join(f"{WEEKDAYS[d]} {', '.join(map(str, p))}" for d, p in schedule.days)
    return f"{schedule.week}, {', '.join(map(str, schedule.periods))}" + (
        f"; {days}" if days else "")


def _check_offices(schedules: Mapping[str, Schedule], problems: Problems) -> None:
    """Two schedules of one office in one document with different working hours: a warning
    (a text that gives lunch 12:30-14:00 in one paragraph and 13:00-14:00 in another)."""
    first: dict[str, Schedule] = {}
    for name, schedule in schedules.items():
        if schedule.office is None or schedule.intake == "always":
            continue
        seen = first.setdefault(schedule.office, schedule)
        if seen is not schedule and _hours(seen) != _hours(schedule):
            problems.add(
                ("schedules", name, "office"),
                f'office "{schedule.office}" works {_hours(schedule)} here but '
                f'{_hours(seen)} in schedule "{seen.id}" at {seen.where} (hint: one office '
                "keeps one set of working hours; check which paragraph of the text is right, "
                "or give the reception its own hours under reception:)",
                severity="warning")


class _Deferred:
    """Collects problems as (path, message) until they must be located."""

    def __init__(self) -> None:
        self.found: list[tuple[KeyPath, str, bool]] = []

    def add(self, path: KeyPath, message: str, code: str = "calendar",
            severity: str = "error", *, at_key: bool = False) -> None:
        self.found.append((path, message, at_key))


def with_schedules(calendar: Calendar, sets: Sequence[ScheduleSet]) -> tuple[Calendar,
                                                                            list[SpecError]]:
    """`calendar` with the weeks and schedules of `sets` added, and the problems of joining
    them (the calendar unchanged when there are none to add)."""
    if not sets:
        return calendar, []
    weeks: dict[str, Week] = dict(calendar.data.weeks)
    schedules: dict[str, Schedule] = dict(calendar.data.schedules)
    defined = dict.fromkeys(weeks, calendar.data.path or "the calendar")
    defined |= {name: schedule.where or calendar.data.path for name, schedule in schedules.items()}
    errors: list[SpecError] = []
    for found in sorted(sets, key=lambda s: s.path):
        deferred = _Deferred()
        tables: tuple[tuple[str, dict[str, Any], dict[str, Any]], ...] = (
            ("weeks", found.weeks, weeks), ("schedules", found.schedules, schedules))
        for kind, names, table in tables:
            for name, value in names.items():
                if name in table and defined.get(name) == found.where.get(name):
                    continue  # the same definition, joined already
                if name in table:
                    deferred.add((kind, name), f'"{name}" is already defined at '
                                 f"{_place(defined, name, calendar)} (hint: give this one "
                                 "another name, or remove one of them)", at_key=True)
                    continue
                table[name] = value
                defined[name] = found.where.get(name, found.path)
        errors.extend(_locate(found, deferred))
    for found in sorted(sets, key=lambda s: s.path):
        deferred = _Deferred()
        for schedule in found.schedules.values():
            check_schedule_weeks(schedule, weeks, deferred)  # type: ignore[arg-type]
            counted = schedules.get(schedule.counts_on or "")
            if schedule.counts_on is not None and (counted is None or counted.intake == "always"):
                options = sorted(n for n, s in schedules.items() if s.intake == "hours")
                deferred.add(("schedules", schedule.id, "counts_on"),
                             f'"{schedule.counts_on}" is not a schedule with working hours '
                             f"(hint: {did_you_mean(schedule.counts_on, options)})")
        errors.extend(_locate(found, deferred))
    data = replace(calendar.data, weeks=weeks, schedules=schedules)
    return calendar.extended(data), errors


def _place(defined: Mapping[str, str], name: str, calendar: Calendar) -> str:
    where = defined[name]
    return f"{where} (the calendar)" if where.startswith(calendar.data.path or "\0") else where


def _locate(found: ScheduleSet, deferred: _Deferred) -> list[SpecError]:
    if not deferred.found:
        return []
    problems = Problems(read_document(found.path))
    for path, message, at_key in deferred.found:
        problems.add(path, message, at_key=at_key)
    return problems.errors
