"""The holiday base: the `holidays` package's dates, merged with the spec's own.

The package (KZ) knows the holidays of the Law "On holidays" and the first day of
Kurban Ait; the spec names each holiday by the package's English name and may
state a holiday's date for a year (`set_each_year`) or correct the package with a
cited source. The package's own observed days and transfers are ignored: moves
off rest days are computed per week pattern by `engine.calendar.days`, and the
transfers come from the spec.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import holidays as holidays_package
from holidays.registry import COUNTRIES

from engine.calendar.model import Correction, Holiday, HolidayDate, YearData

__all__ = ["BaseProblem", "country_class", "package_base", "resolve_holiday_dates"]

# The package lists its own transfers as "Day off (substituted from 07/01/2023)".
_SUBSTITUTED = re.compile(r"^Day off \(substituted from ")


@dataclass(frozen=True)
class BaseProblem:
    """Something in the package's base the spec does not account for."""

    message: str
    path: tuple[str | int, ...]


def package_base(country: str, years: Iterable[int]) -> dict[dt.date, list[str]]:
    """The package's holidays (English names), without observed days or its transfers.

    Examples:
        >>> base = package_base("KZ", [2024])
        >>> base[dt.date(2024, 3, 22)]
        ['Nowruz Holiday']
        >>> dt.date(2024, 3, 25) in base  # an observed day: not part of the base
        False
    """
    options: dict[str, Any] = {"years": list(years), "observed": False, "language": "en_US",
                               "islamic_show_estimated": False}
    entity = country_class(country)
    table = (entity(**options) if entity is not None
             else holidays_package.country_holidays(country, **options))
    base: dict[dt.date, list[str]] = {}
    for day in sorted(table):
        names = [name for name in table.get_list(day) if not _SUBSTITUTED.match(name)]
        if names:
            base[day] = names
    return base


@cache
def country_class(country: str) -> Any:
    """The holidays package's class of `country` (a code such as "KZ"), its module loaded
    alone; None when the package does not lay it out as expected.

    `holidays.country_holidays` imports `holidays.countries`, whose `__init__` imports every
    one of the ~250 countries the package knows (60 ms of `reglament check`'s start-up, issue
    19), to build one of them. The same module file is executed here on its own, under its own
    name but not put in `sys.modules`, so an import of `holidays.countries` later is the
    package's own. When this cannot be done, `package_base` asks `country_holidays`, which
    answers the same (a test compares both).
    """
    for module, (name, *codes) in COUNTRIES.items():
        if country in codes:
            path = Path(holidays_package.__file__).with_name("countries") / f"{module}.py"
            spec = importlib.util.spec_from_file_location(f"holidays.countries.{module}", path)
            if spec is None or spec.loader is None or not path.is_file():
                return None
            loaded = importlib.util.module_from_spec(spec)
            try:
                spec.loader.exec_module(loaded)
            except Exception:  # whatever keeps the module from running alone: the public way
                return None
            return getattr(loaded, name, None)
    return None


def resolve_holiday_dates(
    country: str,
    holidays: Mapping[str, Holiday],
    years: Iterable[YearData],
    corrections: Iterable[Correction],
) -> tuple[tuple[HolidayDate, ...], list[BaseProblem]]:
    """Merge the package's base with the spec's yearly dates and corrections.

    Returns the holiday dates of the covered years, sorted, and the problems found
    (a package name the spec does not know; a correction that changes nothing).
    """
    year_list = list(years)
    covered = {y.year for y in year_list}
    by_name = {h.package_name: h.id for h in holidays.values()}
    set_yearly = {h.id for h in holidays.values() if h.set_each_year}
    problems: list[BaseProblem] = []
    dates: set[HolidayDate] = set()
    for day, names in package_base(country, sorted(covered)).items():
        for name in names:
            holiday = by_name.get(name)
            if holiday is None:
                problems.append(BaseProblem(
                    f'the holidays package lists "{name}" on {day.isoformat()}, which no '
                    f'holiday names as its package_name (hint: add a holiday with '
                    f'package_name: "{name}" and its kk and ru names)', ("holidays",)))
            elif holiday not in set_yearly:
                dates.add(HolidayDate(day, holiday))
    for year in year_list:
        for holiday, day in year.dates.items():
            dates.add(HolidayDate(day, holiday))
    for index, fix in enumerate(corrections):
        item = HolidayDate(fix.date, fix.holiday)
        if fix.action == "add":
            if item in dates:
                problems.append(BaseProblem(
                    f"{fix.holiday} is already a holiday on {fix.date.isoformat()} "
                    "(hint: remove this correction)", ("corrections", index)))
            dates.add(item)
        elif item in dates:
            dates.remove(item)
        else:
            problems.append(BaseProblem(
                f"{fix.holiday} is not a holiday on {fix.date.isoformat()}, nothing to remove "
                "(hint: check the date, or remove this correction)", ("corrections", index)))
    return tuple(sorted(dates)), problems
