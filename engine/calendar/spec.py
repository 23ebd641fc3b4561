"""From a checked `kind: calendar` document to `CalendarData`, with semantic checks.

The JSON Schema (`engine/spec/schemas/calendar.json`) has already checked the shape;
here go the checks that need the whole calendar: references between sections,
contiguous years, transfers that really swap a rest day and a working day, breaks
inside the working hours, published counts that match the data. Each section is read,
and checked on its own, by `engine.calendar.spec_sections`; this module assembles them
and checks the transfers and the counts against the days they make. Every problem is
a located `SpecError`; all of them are raised together as `SpecErrors`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from engine.calendar.banking import read_banking_days
from engine.calendar.data import resolve_holiday_dates
from engine.calendar.days import DayTable
from engine.calendar.model import WEEKDAYS, CalendarData, Week
from engine.calendar.spec_sections import (
    KeyPath,
    Problems,
    SpecSource,
    check_references,
    read_corrections,
    read_holidays,
    read_schedule,
    read_text,
    read_years,
)
from engine.spec.errors import SpecError, SpecErrors

__all__ = ["SpecSource", "build_calendar_data", "calendar_errors"]

_KINDS = {
    "working": "a working day", "rest": "a rest day", "holiday": "a holiday",
    "moved_day_off": "a day off moved from a holiday", "transfer_off": "a transferred day off",
    "transfer_worked": "a transferred working day",
}


#: What each side of a transfer must be on the base calendar (holidays and their moves, no
#: transfers). A day off moved from a holiday may itself be transferred: decree No. 820 of
#: 2019 moved the day off of Monday 11 May 2020 (Victory Day fell on Saturday 9 May) to
#: Friday 8 May, so 11 May was worked.
_TRANSFERABLE: dict[str, tuple[str, ...]] = {
    "worked": ("rest", "moved_day_off"), "off": ("working",),
}


def _check_transfers(data: CalendarData, problems: Problems) -> None:
    bases = {week: DayTable(data, week, transfers=False) for week in data.weeks}
    seen: dict[dt.date, str] = {}
    for i, year in enumerate(data.years):
        for j, transfer in enumerate(year.transfers):
            where: KeyPath = ("years", i, "transfers", j)
            for key, wanted in _TRANSFERABLE.items():
                day: dt.date = getattr(transfer, key)
                if day in seen:
                    problems.add((*where, key), f"{day.isoformat()} is already moved by the "
                                 f"transfer at {seen[day]}")
                seen[day] = str(problems.source.location((*where, key), value=True))
                if not data.first_year <= day.year <= data.last_year:
                    problems.add((*where, key), f"{day.isoformat()} is outside the covered "
                                 f"years {data.first_year}-{data.last_year} (hint: add "
                                 f"{day.year} under years:)")
                    continue
                for week in transfer.weeks:
                    if week not in bases:
                        continue
                    info = bases[week].info(day)
                    if info.kind not in wanted:
                        weekday = WEEKDAYS[day.weekday()]
                        what = " or ".join(_KINDS[kind] for kind in wanted)
                        problems.add((*where, key), f"{day.isoformat()} ({weekday}) must be "
                                     f"{what} of the {week} week, but it is {_KINDS[info.kind]} "
                                     "(hint: `worked` is the rest day that becomes a working "
                                     "day, `off` the working day that becomes a day off)")


def _check_counts(data: CalendarData, problems: Problems) -> None:
    tables: dict[str, DayTable] = {}  # one table of a week answers for all its years
    for i, year in enumerate(data.years):
        for j, (week, official) in enumerate(year.official_counts.items()):
            if week not in data.weeks:
                continue
            if week not in tables:
                tables[week] = DayTable(data, week)
            computed = tables[week].count(year.year)
            if computed != official:
                problems.add(("years", i, "official_counts", j, "working_days"),
                             f"the data gives {computed} working days on the {week} week in "
                             f"{year.year}, not {official} (hint: check this year's transfers, "
                             "dates and corrections)")


def build_calendar_data(source: SpecSource) -> CalendarData:
    """Build the calendar of a schema-valid `kind: calendar` document.

    A document of the same path and text as one built before in this process gives the
    same calendar, or raises the same errors, at once: `reglament check` checks the
    calendar file as it reads the specs, then builds it again to verify them on it.

    Raises:
        SpecErrors: every semantic problem, located.
    """
    text = getattr(source, "text", "")
    if not isinstance(text, str) or not text:
        return _build(source)
    key = (source.path, text)
    if key not in _BUILT:
        try:
            _BUILT[key] = _build(source)
        except SpecErrors as errors:
            _BUILT[key] = list(errors.errors)
        while len(_BUILT) > _KEEP:
            del _BUILT[next(iter(_BUILT))]
    built = _BUILT[key]
    if isinstance(built, list):
        raise SpecErrors(built)
    return built


#: The calendars built in this process by path and text (the last few), or their errors.
_BUILT: dict[tuple[str, str], CalendarData | list[SpecError]] = {}
_KEEP = 4


def _build(source: SpecSource) -> CalendarData:
    problems = Problems(source)
    data: Mapping[str, Any] = source.data
    weeks = {
        name: Week(name, read_text(node["title"]),
                   frozenset(WEEKDAYS.index(d) for d in node["working_weekdays"]))
        for name, node in data["weeks"].items()
    }
    holidays = read_holidays(data["holidays"], problems)
    schedules = {name: read_schedule(name, node, problems)
                 for name, node in data["schedules"].items()}
    check_references(data, weeks, schedules, problems)
    years = read_years(data["years"], holidays, weeks, problems)
    corrections = read_corrections(data.get("corrections", []), holidays,
                                   {y.year for y in years}, problems)
    banking = read_banking_days(data.get("banking_days"), weeks, {y.year for y in years},
                                problems)
    if problems.errors:
        raise SpecErrors(problems.errors)
    dates, base_problems = resolve_holiday_dates(data["holiday_base"]["country"], holidays,
                                                 years, corrections)
    for problem in base_problems:
        problems.add(problem.path, problem.message)
    calendar = CalendarData(data["id"], read_text(data["title"]), data["timezone"], weeks,
                            holidays, dates, years, corrections, schedules, source.path,
                            banking)
    _check_transfers(calendar, problems)
    if not problems.errors:
        _check_counts(calendar, problems)
    if problems.errors:
        raise SpecErrors(problems.errors)
    return calendar


def calendar_errors(source: SpecSource) -> list[SpecError]:
    """The semantic errors of a schema-valid calendar document (empty when it is sound).

    For `reglament check`, which collects errors instead of raising them.
    """
    try:
        build_calendar_data(source)
    except SpecErrors as exc:
        return list(exc.errors)
    return []
