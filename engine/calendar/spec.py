"""From a checked `kind: calendar` document to `CalendarData`, with semantic checks.

The JSON Schema (`engine/spec/schemas/calendar.json`) has already checked the shape;
here go the checks that need the whole calendar: references between sections,
contiguous years, transfers that really swap a rest day and a working day, breaks
inside the working hours, published counts that match the data. Every problem is
a located `SpecError`; all of them are raised together as `SpecErrors`.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from typing import Any, Protocol

from engine.calendar.data import resolve_holiday_dates
from engine.calendar.days import DayTable
from engine.calendar.model import (
    WEEKDAYS,
    CalendarData,
    Correction,
    Holiday,
    Period,
    Schedule,
    Transfer,
    Week,
    YearData,
)
from engine.spec.errors import Location, SpecError, SpecErrors, breadcrumb
from engine.spec.model import Text

__all__ = ["SpecSource", "build_calendar_data", "calendar_errors"]

_Path = tuple[str | int, ...]


class SpecSource(Protocol):
    """What the calendar needs of a read document (`engine.spec.loader.Document`, `Parsed`)."""

    @property
    def path(self) -> str: ...

    @property
    def data(self) -> Any: ...

    def location(self, path: _Path, *, value: bool = False) -> Location: ...


class _Problems:
    def __init__(self, source: SpecSource) -> None:
        self.source = source
        self.errors: list[SpecError] = []

    def add(self, path: _Path, message: str, code: str = "calendar") -> None:
        crumb = breadcrumb(path, self.source.data)
        self.errors.append(SpecError(self.source.location(path, value=True), crumb, message, code))


def _text(node: Mapping[str, Any]) -> Text:
    return Text(node["kk"], node["ru"], node.get("en"))


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _period(text: str) -> Period:
    start, end = text.split("-")
    return Period(_minutes(start), _minutes(end))


def _periods(hours: str, breaks: list[str], path: _Path, problems: _Problems) -> tuple[Period, ...]:
    """Working hours minus breaks, as sorted periods; a misplaced break is an error."""
    whole = _period(hours)
    if whole.end <= whole.start:
        problems.add((*path, "hours"), f'"{hours}" ends before it starts '
                     '(hint: write "HH:MM-HH:MM" with the later time second)')
        return ()
    cuts = sorted((_period(b), i) for i, b in enumerate(breaks))
    periods, cursor = [], whole.start
    for cut, i in cuts:
        if not whole.start < cut.start < cut.end < whole.end or cut.start < cursor:
            problems.add((*path, "breaks", i), f'break "{breaks[i]}" must lie inside the hours '
                         f'"{hours}", after the start, before the end and not overlap another '
                         "break")
            continue
        periods.append(Period(cursor, cut.start))
        cursor = cut.end
    periods.append(Period(cursor, whole.end))
    return tuple(periods)


def _schedule(name: str, node: Mapping[str, Any], problems: _Problems) -> Schedule:
    path: _Path = ("schedules", name)
    intake = node.get("intake", "hours")
    periods: tuple[Period, ...] = ()
    reception: tuple[Period, ...] = ()
    if intake == "always":
        for key in ("week", "hours", "breaks", "reception"):
            if key in node:
                problems.add((*path, key), f'a schedule with intake: always takes no "{key}" '
                             f'(hint: it counts on "{node.get("counts_on")}"; remove "{key}")')
    else:
        if "counts_on" in node:
            problems.add((*path, "counts_on"), "counts_on is only for intake: always "
                         "(hint: remove it, or set intake: always)")
        periods = _periods(node["hours"], node.get("breaks", []), path, problems)
        if "reception" in node:
            reception = _periods(node["reception"]["hours"], node["reception"].get("breaks", []),
                                 (*path, "reception"), problems)
            if periods and reception and not (
                periods[0].start <= reception[0].start and reception[-1].end <= periods[-1].end
            ):
                problems.add((*path, "reception", "hours"), "reception hours must lie inside "
                             f'the working hours "{node["hours"]}"')
    return Schedule(name, _text(node["title"]), node.get("week"), periods, reception, intake,
                    node.get("counts_on"), node["source"])


def _check_references(data: Mapping[str, Any], weeks: Mapping[str, Week],
                      schedules: Mapping[str, Schedule], problems: _Problems) -> None:
    for name, schedule in schedules.items():
        if schedule.week is not None and schedule.week not in weeks:
            problems.add(("schedules", name, "week"), f'unknown week "{schedule.week}" '
                         f'(hint: one of {", ".join(weeks)})')
        if schedule.counts_on is not None:
            target = schedules.get(schedule.counts_on)
            if target is None or target.intake == "always":
                options = [n for n, s in schedules.items() if s.intake == "hours"]
                problems.add(("schedules", name, "counts_on"), f'"{schedule.counts_on}" is not '
                             f'a schedule with working hours (hint: one of {", ".join(options)})')
    try:
        zoneinfo.ZoneInfo(data["timezone"])
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.add(("timezone",), f'unknown time zone "{data["timezone"]}" '
                     '(hint: an IANA name such as "Asia/Almaty")')


def _holidays(nodes: list[Mapping[str, Any]], problems: _Problems) -> dict[str, Holiday]:
    found: dict[str, Holiday] = {}
    names: set[str] = set()
    for i, node in enumerate(nodes):
        if node["id"] in found:
            problems.add(("holidays", i, "id"), f'holiday "{node["id"]}" is defined twice')
        if node["package_name"] in names:
            problems.add(("holidays", i, "package_name"),
                         f'package_name "{node["package_name"]}" is used twice')
        names.add(node["package_name"])
        found[node["id"]] = Holiday(node["id"], _text(node["name"]), node["package_name"],
                                    node["moved_when_on_rest_day"],
                                    node.get("set_each_year", False))
    return found


def _years(nodes: list[Mapping[str, Any]], holidays: Mapping[str, Holiday],
           weeks: Mapping[str, Week], problems: _Problems) -> tuple[YearData, ...]:
    years: list[YearData] = []
    yearly = [h.id for h in holidays.values() if h.set_each_year]
    for i, node in enumerate(nodes):
        year = node["year"]
        if years and year != years[-1].year + 1:
            problems.add(("years", i, "year"), f"years must be contiguous and in order: "
                         f"expected {years[-1].year + 1} after {years[-1].year}, got {year}")
        dates = {key: _date(value) for key, value in node["dates"].items()}
        for key, day in dates.items():
            if key not in yearly:
                problems.add(("years", i, "dates", key), f'"{key}" is not a holiday set each '
                             f'year (hint: one of {", ".join(yearly) or "none"})')
            elif day.year != year:
                problems.add(("years", i, "dates", key), f"{day.isoformat()} is not in {year}")
        for key in yearly:
            if key not in dates:
                problems.add(("years", i, "dates"), f'missing the date of "{key}" in {year} '
                             f'(hint: add {key}: {year}-MM-DD)')
        transfers = []
        for j, item in enumerate(node["transfers"]):
            transfer = Transfer(_date(item["worked"]), _date(item["off"]), tuple(item["weeks"]),
                                item["source"])
            for k, week in enumerate(transfer.weeks):
                if week not in weeks:
                    problems.add(("years", i, "transfers", j, "weeks", k),
                                 f'unknown week "{week}" (hint: one of {", ".join(weeks)})')
            _check_transfer_years(transfer, year, ("years", i, "transfers", j), problems)
            transfers.append(transfer)
        counts = {}
        for j, item in enumerate(node.get("official_counts", [])):
            if item["week"] not in weeks:
                problems.add(("years", i, "official_counts", j, "week"),
                             f'unknown week "{item["week"]}" (hint: one of {", ".join(weeks)})')
            elif item["week"] in counts:
                problems.add(("years", i, "official_counts", j, "week"),
                             f'the {item["week"]} week is counted twice in {year}')
            counts[item["week"]] = item["working_days"]
        years.append(YearData(year, node["source"], dates, tuple(transfers), counts,
                              node.get("provisional", False)))
    return tuple(years)


def _check_transfer_years(transfer: Transfer, year: int, path: _Path,
                          problems: _Problems) -> None:
    """Both days of a transfer lie in its year, except that one of them may lie in the next
    or the previous year when the decree crosses the new year (decree No. 1322 of 2013:
    Saturday 28 December 2013 worked for Friday 3 January 2014)."""
    inside = [getattr(transfer, key).year == year for key in ("worked", "off")]
    for key, ok in zip(("worked", "off"), inside, strict=True):
        day: dt.date = getattr(transfer, key)
        if ok or (any(inside) and abs(day.year - year) == 1):
            continue
        problems.add((*path, key), f"{day.isoformat()} is not in {year} (hint: a transfer "
                     "lies in its year; only one of its days may lie in the adjacent year, "
                     "when the act crosses the new year)")


def _corrections(nodes: list[Mapping[str, Any]], holidays: Mapping[str, Holiday],
                 covered: set[int], problems: _Problems) -> tuple[Correction, ...]:
    found = []
    for i, node in enumerate(nodes):
        fix = Correction(_date(node["date"]), node["holiday"], node["action"], node["source"],
                         node.get("note", ""))
        if fix.holiday not in holidays:
            problems.add(("corrections", i, "holiday"), f'unknown holiday "{fix.holiday}" '
                         f'(hint: one of {", ".join(holidays)})')
        if fix.date.year not in covered:
            problems.add(("corrections", i, "date"), f"{fix.date.isoformat()} is outside the "
                         "covered years (hint: add the year under years:)")
        found.append(fix)
    return tuple(found)


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


def _check_transfers(data: CalendarData, problems: _Problems) -> None:
    bases = {week: DayTable(data, week, transfers=False) for week in data.weeks}
    seen: dict[dt.date, str] = {}
    for i, year in enumerate(data.years):
        for j, transfer in enumerate(year.transfers):
            where: _Path = ("years", i, "transfers", j)
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


def _check_counts(data: CalendarData, problems: _Problems) -> None:
    for i, year in enumerate(data.years):
        for j, (week, official) in enumerate(year.official_counts.items()):
            if week not in data.weeks:
                continue
            computed = DayTable(data, week).count(year.year)
            if computed != official:
                problems.add(("years", i, "official_counts", j, "working_days"),
                             f"the data gives {computed} working days on the {week} week in "
                             f"{year.year}, not {official} (hint: check this year's transfers, "
                             "dates and corrections)")


def build_calendar_data(source: SpecSource) -> CalendarData:
    """Build the calendar of a schema-valid `kind: calendar` document.

    Raises:
        SpecErrors: every semantic problem, located.
    """
    problems = _Problems(source)
    data: Mapping[str, Any] = source.data
    weeks = {
        name: Week(name, _text(node["title"]),
                   frozenset(WEEKDAYS.index(d) for d in node["working_weekdays"]))
        for name, node in data["weeks"].items()
    }
    holidays = _holidays(data["holidays"], problems)
    schedules = {name: _schedule(name, node, problems) for name, node in data["schedules"].items()}
    _check_references(data, weeks, schedules, problems)
    years = _years(data["years"], holidays, weeks, problems)
    corrections = _corrections(data.get("corrections", []), holidays,
                               {y.year for y in years}, problems)
    if problems.errors:
        raise SpecErrors(problems.errors)
    dates, base_problems = resolve_holiday_dates(data["holiday_base"]["country"], holidays,
                                                 years, corrections)
    for problem in base_problems:
        problems.add(problem.path, problem.message)
    calendar = CalendarData(data["id"], _text(data["title"]), data["timezone"], weeks, holidays,
                            dates, years, corrections, schedules, source.path)
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
