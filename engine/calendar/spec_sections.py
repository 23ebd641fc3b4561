"""The sections of a `kind: calendar` document read into the calendar's records.

Each function reads one section (weeks' and schedules' hours, holidays, years with their
transfers and published counts, corrections) and checks what needs only that section and
the names it refers to: hours and breaks in order, contiguous years, days inside their
year, known weeks, holidays and time zone. A problem is added to the `Problems` of the
document, located at its path; `engine.calendar.spec` assembles the sections into
`CalendarData` and checks the whole.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from typing import Any

from engine.calendar.model import Correction, Holiday, Schedule, Transfer, Week, YearData
from engine.calendar.problems import KeyPath, Problems, SpecSource
from engine.calendar.schedule_reading import check_schedule_weeks, read_schedule, read_text

__all__ = [
    "KeyPath",
    "Problems",
    "SpecSource",
    "check_references",
    "read_corrections",
    "read_holidays",
    "read_schedule",
    "read_text",
    "read_years",
]

def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def check_references(data: Mapping[str, Any], weeks: Mapping[str, Week],
                     schedules: Mapping[str, Schedule], problems: Problems) -> None:
    """The weeks and schedules the schedules name exist; the time zone is known."""
    for name, schedule in schedules.items():
        check_schedule_weeks(schedule, weeks, problems)
        if schedule.counts_on is not None:
            target = schedules.get(schedule.counts_on)
            if target is None or target.intake == "always":
                options = [n for n, s in schedules.items() if s.intake == "hours"]
                problems.add(("schedules", name, "counts_on"), f'"{schedule.counts_on}" is not '
                             f'a schedule with working hours (hint: one of {", ".join(options)})')
    try:
        zoneinfo.ZoneInfo(data["timezone"])
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Asia", a folder
        problems.add(("timezone",), f'unknown time zone "{data["timezone"]}" '
                     '(hint: an IANA name such as "Asia/Almaty")')


def read_holidays(nodes: list[Mapping[str, Any]], problems: Problems) -> dict[str, Holiday]:
    """The holidays by id; ids and package names are unique."""
    found: dict[str, Holiday] = {}
    names: set[str] = set()
    for i, node in enumerate(nodes):
        if node["id"] in found:
            problems.add(("holidays", i, "id"), f'holiday "{node["id"]}" is defined twice')
        if node["package_name"] in names:
            problems.add(("holidays", i, "package_name"),
                         f'package_name "{node["package_name"]}" is used twice')
        names.add(node["package_name"])
        found[node["id"]] = Holiday(node["id"], read_text(node["name"]), node["package_name"],
                                    node["moved_when_on_rest_day"],
                                    node.get("set_each_year", False))
    return found


def read_years(nodes: list[Mapping[str, Any]], holidays: Mapping[str, Holiday],
               weeks: Mapping[str, Week], problems: Problems) -> tuple[YearData, ...]:
    """The covered years in order, with their holiday dates, transfers and published counts."""
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


def _check_transfer_years(transfer: Transfer, year: int, path: KeyPath,
                          problems: Problems) -> None:
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


def read_corrections(nodes: list[Mapping[str, Any]], holidays: Mapping[str, Holiday],
                     covered: set[int], problems: Problems) -> tuple[Correction, ...]:
    """The corrections of the holiday base, of known holidays in covered years."""
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

