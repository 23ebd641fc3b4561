"""The month grid of a year, as `reglament calendar show` prints it, in kk or ru.

Each day is its number and a mark: `*` a holiday, `+` a day off moved from a
holiday that fell on a rest day, `~` a day off by transfer, `!` a rest day worked
by transfer, `·` a rest day; working days have no mark. Under each month, the
named days in the chosen language.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from dataclasses import dataclass

from engine.calendar.core import DEFAULT_SCHEDULE, Calendar
from engine.calendar.days import DayInfo, DayKind

__all__ = ["LANGUAGES", "MonthGrid", "month_grids", "render_year"]

#: Languages of the grid, Kazakh first.
LANGUAGES = ("kk", "ru")

_MARKS: dict[DayKind, str] = {
    "working": " ", "rest": "·", "holiday": "*", "moved_day_off": "+",
    "transfer_off": "~", "transfer_worked": "!",
}
_MONTHS = {
    "kk": ("Қаңтар", "Ақпан", "Наурыз", "Сәуір", "Мамыр", "Маусым", "Шілде", "Тамыз",
           "Қыркүйек", "Қазан", "Қараша", "Желтоқсан"),
    "ru": ("Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август",
           "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"),
}
_WEEKDAYS = {
    "kk": ("Дс", "Сс", "Ср", "Бс", "Жм", "Сн", "Жс"),
    "ru": ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"),
}
_WORDS = {
    "kk": {
        "working_days": "жұмыс күні", "schedule": "кесте", "hours": "жұмыс уақыты",
        "legend": ("* мереке күні   + мерекеден ауыстырылған демалыс   ~ ауыстырылған "
                   "демалыс күні   ! ауыстырылған жұмыс күні   · демалыс күні"),
        "moved": "{name} (демалыс {other} бастап ауыстырылды)",
        "transfer_off": "Демалыс күні ({other} бастап ауыстырылды)",
        "transfer_worked": "Жұмыс күні ({other} демалыс күнінің орнына)",
    },
    "ru": {
        "working_days": "рабочих дней", "schedule": "график", "hours": "рабочее время",
        "legend": ("* праздничный день   + выходной, перенесённый с праздника   ~ перенесённый "
                   "выходной день   ! перенесённый рабочий день   · выходной день"),
        "moved": "{name} (выходной перенесён с {other})",
        "transfer_off": "Выходной день (перенесён с {other})",
        "transfer_worked": "Рабочий день (вместо выходного {other})",
    },
}


@dataclass(frozen=True)
class MonthGrid:
    """One month: weeks of seven cells (None outside the month) and the named days."""

    year: int
    month: int
    weeks: tuple[tuple[DayInfo | None, ...], ...]
    notes: tuple[tuple[dt.date, str], ...]
    working_days: int


def _note(calendar: Calendar, info: DayInfo, lang: str) -> str:
    words = _WORDS[lang]
    other = info.moved_from.strftime("%d.%m.%Y") if info.moved_from else ""
    names = [calendar.data.holidays[h].name.get(lang) for h in info.holidays]
    if info.kind == "moved_day_off":
        return words["moved"].format(name="; ".join(names), other=other)
    if info.kind in ("transfer_off", "transfer_worked"):
        return words[info.kind].format(other=other)
    return "; ".join(names)


def month_grids(
    calendar: Calendar, year: int, schedule: str = DEFAULT_SCHEDULE, lang: str = "kk"
) -> list[MonthGrid]:
    """The twelve month grids of `year` on the schedule's week.

    Raises:
        NoCalendarData: when the year is not covered.
    """
    calendar.check_year(year)
    table = calendar.day_table(schedule)
    grids = []
    for month in range(1, 13):
        weeks = []
        notes = []
        for week in stdlib_calendar.Calendar().monthdatescalendar(year, month):
            cells: list[DayInfo | None] = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                info = table.info(day)
                cells.append(info)
                if info.kind not in ("working", "rest"):
                    notes.append((day, _note(calendar, info, lang)))
            weeks.append(tuple(cells))
        count = sum(1 for w in weeks for c in w if c is not None and c.working)
        grids.append(MonthGrid(year, month, tuple(weeks), tuple(notes), count))
    return grids


def render_year(
    calendar: Calendar, year: int, schedule: str = DEFAULT_SCHEDULE, lang: str = "kk"
) -> str:
    """The year as text: a header, a legend, and the twelve month grids with named days."""
    if lang not in LANGUAGES:
        raise ValueError(f'unknown language "{lang}" (hint: one of {", ".join(LANGUAGES)})')
    words = _WORDS[lang]
    chosen = calendar.schedule(schedule)
    counting = calendar.schedule(chosen.counting)
    week = calendar.data.weeks[counting.week or ""]
    hours = ", ".join(str(p) for p in counting.periods)
    lines = [
        f"{calendar.data.title.get(lang)} — {year}",
        f"{words['schedule']}: {chosen.id} ({chosen.title.get(lang)}); {week.title.get(lang)}; "
        f"{words['hours']}: {hours}",
        f"{words['working_days']}: {calendar.working_days(year, schedule)}",
        words["legend"],
    ]
    for grid in month_grids(calendar, year, schedule, lang):
        lines += ["", f"{_MONTHS[lang][grid.month - 1]} {year} — "
                      f"{words['working_days']}: {grid.working_days}",
                  " ".join(f"{d:>3}" for d in _WEEKDAYS[lang])]
        for cells in grid.weeks:
            lines.append(" ".join(
                "   " if c is None else f"{c.date.day:>2}{_MARKS[c.kind]}" for c in cells
            ).rstrip())
        lines += [f"  {day.day:>2} {text}" for day, text in grid.notes]
    return "\n".join(lines) + "\n"
