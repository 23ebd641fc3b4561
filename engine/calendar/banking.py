"""Banking days: the days a term "within N banking days" counts.

**What the law says.** No definition of a "banking day" (банковский день / банк күні) was
found in the Law "On payments and payment systems" of 26 July 2016 No. 11-VI (its art. 1
lists the terms it defines; none is a banking day) nor in the Civil Code. The interbank
money transfer system works by the Rules of its functioning (National Bank Board
resolution of 31 August 2016 No. 201, registered 7 October 2016 No. 14310), whose text on
its operating days was not read. **UNCERTAIN**: the reading here rests on what the banks
and the exchange did, not on a definition.

**The reading.** A banking day is a working day of the five-day week of the production
calendar (banks are closed on the holidays and on the days off moved or transferred for the
five-day week), except a rest day worked by a transfer of days off: on Saturday 5 March 2022,
worked for Monday 7 March, "торги и расчеты по сделкам на биржах производиться не будут"
(Kursiv, kz.kursiv.media/?p=3188811), and on Saturday 28 April 2018, worked for Monday
30 April, KASE held no trading in its same-day-settlement instruments (USDKZT_TOD, EURKZT_TOD;
KASE news of 20 April 2018). The choice is data, `banking_days:` in the calendar spec
(`transferred_working_days: false`), with its sources and dated `days` (evidence or
overrides), not code.

Examples:
    >>> import datetime as dt
    >>> from engine.calendar import default_calendar
    >>> calendar = default_calendar()
    >>> calendar.is_banking_day(dt.date(2022, 3, 5)), calendar.is_working_day(dt.date(2022, 3, 5))
    (False, True)
    >>> calendar.is_banking_day(dt.date(2022, 3, 7)), calendar.is_banking_day(dt.date(2022, 3, 4))
    (False, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.calendar.days import DayTable
from engine.calendar.errors import NoBankingDays
from engine.calendar.model import BankingDay, BankingDays, CalendarData, Week
from engine.calendar.spec_sections import Problems

__all__ = ["banking_flags", "read_banking_days"]


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def read_banking_days(node: Mapping[str, Any] | None, weeks: Mapping[str, Week],
                      covered: set[int], problems: Problems) -> BankingDays | None:
    """The `banking_days:` section (None when the calendar has none): a known week, and
    dated days inside the covered years, none twice."""
    if node is None:
        return None
    path = ("banking_days",)
    if node["week"] not in weeks:
        problems.add((*path, "week"), f'unknown week "{node["week"]}" '
                     f'(hint: one of {", ".join(weeks)})')
    days = []
    seen: set[dt.date] = set()
    for i, item in enumerate(node.get("days", [])):
        day = BankingDay(_date(item["date"]), item["banking"], item["source"])
        if day.date.year not in covered:
            problems.add((*path, "days", i, "date"), f"{day.date.isoformat()} is outside the "
                         "covered years (hint: add the year under years:)")
        if day.date in seen:
            problems.add((*path, "days", i, "date"), f"{day.date.isoformat()} is listed twice "
                         "(hint: one entry per day, with every source in it)")
        seen.add(day.date)
        days.append(day)
    return BankingDays(node["week"], node["transferred_working_days"], node["source"],
                       node.get("note", ""), tuple(days))


def banking_flags(data: CalendarData) -> npt.NDArray[np.bool_]:
    """One flag per covered day (from 1 January of the first year): is it a banking day.

    Raises:
        NoBankingDays: when the calendar defines no banking days.
    """
    rule = data.banking
    if rule is None:
        raise NoBankingDays()
    table = DayTable(data, rule.week)
    flags = np.array(table.working, dtype=bool)
    if not rule.transferred_working_days:
        for transfer in data.transfers:
            if rule.week in transfer.weeks and table.start <= transfer.worked < table.stop:
                flags[table.index(transfer.worked)] = False
    for day in rule.days:
        if table.start <= day.date < table.stop:
            flags[table.index(day.date)] = day.banking
    return flags
