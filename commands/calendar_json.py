"""`reglament calendar workdays|show --json`: the same answers as data for scripts.

Keys are sorted and texts are `{"kk": ..., "ru": ...}` (Kazakh first in every text a person
reads; JSON objects are sorted anyway). A figure in a year whose transfer order was not
published yet carries the calendar's `provisional` note (None otherwise).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.calendar import Calendar, DayInfo, month_grids

__all__ = ["show_data", "workdays_data"]


def _head(calendar: Calendar, year: int, schedule: str) -> dict[str, Any]:
    chosen = calendar.schedule(schedule)
    counting = calendar.schedule(chosen.counting)
    note = calendar.provisional_note(dt.date(year, 1, 1))
    return {"calendar": calendar.data.id, "year": year, "schedule": chosen.id,
            "week": counting.week, "timezone": calendar.timezone,
            "working_days": calendar.working_days(year, schedule), "provisional": note or None}


def workdays_data(calendar: Calendar, year: int, schedule: str) -> dict[str, Any]:
    """The number of working days of `year` on the schedule's week, with what it rests on.

    Raises:
        CalendarError: the year is not covered, or the schedule is unknown.
    """
    return _head(calendar, year, schedule)


def _day(info: DayInfo, notes: dict[str, dict[dt.date, str]]) -> dict[str, Any]:
    note = {lang: notes[lang][info.date] for lang in ("kk", "ru") if info.date in notes[lang]}
    return {"date": info.date.isoformat(), "working": info.working, "kind": info.kind,
            "holidays": list(info.holidays),
            "moved_from": info.moved_from.isoformat() if info.moved_from else None,
            "note": note or None}


def show_data(calendar: Calendar, year: int, schedule: str) -> dict[str, Any]:
    """Every day of `year` on the schedule's week: working or not, its kind (`working`, `rest`,
    `holiday`, `moved_day_off`, `transfer_off`, `transfer_worked`), the holidays on it, the
    other day of a transfer, and its note in Kazakh and Russian; the count of each month.

    Raises:
        CalendarError: the year is not covered, or the schedule is unknown.
    """
    grids = {lang: month_grids(calendar, year, schedule, lang) for lang in ("kk", "ru")}
    months = []
    met: set[str] = set()
    for n, grid in enumerate(grids["kk"]):
        notes = {lang: dict(grids[lang][n].notes) for lang in ("kk", "ru")}
        cells = [cell for week in grid.weeks for cell in week if cell is not None]
        met.update(h for cell in cells for h in cell.holidays)
        days = [_day(cell, notes) for cell in cells]
        months.append({"month": grid.month, "working_days": grid.working_days, "days": days})
    holidays = {h.id: {"kk": h.name.get("kk"), "ru": h.name.get("ru")}
                for h in calendar.data.holidays.values() if h.id in met}
    return {**_head(calendar, year, schedule), "months": months, "holidays": holidays}
