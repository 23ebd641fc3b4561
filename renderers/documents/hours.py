"""When an office works and takes applications, in words for the passport and the receipt.

A channel's schedule gives its working days and hours, other hours on some weekdays (a
short Saturday) and its reception: the same every working day ("09:00-17:30, lunch
13:00-14:30"), or only on some weekdays, or other hours on some ("сәрсенбі / по средам,
09:00-13:00"). The passport prints all of it (`schedule_line`); the receipt the days and
hours of reception, when the result is issued at the office (`reception_text`).
"""

from __future__ import annotations

import itertools

from engine.calendar import Calendar, Period, Schedule
from engine.spec import Text
from renderers.documents.labels import LABELS, WEEKDAYS, WEEKDAYS_ON
from renderers.documents.records import DayHours, ScheduleLine

__all__ = ["days_text", "reception_text", "schedule_line", "span"]


def span(periods: tuple[Period, ...]) -> tuple[str | None, tuple[str, ...]]:
    """Working periods as the hours from the first start to the last end, and the breaks
    between them: (09:00-13:00, 14:00-18:30) → ("09:00-18:30", ("13:00-14:00",))."""
    if not periods:
        return None, ()
    ordered = sorted(periods, key=lambda p: p.start)
    whole = Period(ordered[0].start, ordered[-1].end)
    breaks = tuple(str(Period(a.end, b.start)) for a, b in itertools.pairwise(ordered)
                   if b.start > a.end)
    return str(whole), breaks


def _grouped(days: list[tuple[int, tuple[Period, ...]]]) -> tuple[DayHours, ...]:
    """Weekdays with the same periods together, in the order of their first weekday."""
    groups: dict[tuple[Period, ...], list[int]] = {}
    for weekday, periods in days:
        if periods:
            groups.setdefault(periods, []).append(weekday)
    return tuple(DayHours(days_text(weekdays), *span(periods))
                 for periods, weekdays in groups.items())


def days_text(weekdays: list[int]) -> Text:
    """Weekdays as a schedule says them: consecutive ones as a range ("дүйсенбі – жұма" /
    "понедельник – пятница"), others one by one ("сәрсенбі" / "по средам")."""
    if len(weekdays) > 2 and weekdays == list(range(weekdays[0], weekdays[-1] + 1)):
        first, last = WEEKDAYS[weekdays[0]], WEEKDAYS[weekdays[-1]]
        return Text(f"{first.kk} – {last.kk}", f"{first.ru} – {last.ru}")
    return Text(", ".join(WEEKDAYS_ON[d].kk for d in weekdays),
                ", ".join(WEEKDAYS_ON[d].ru for d in weekdays))


def _reception_source(calendar: Calendar, schedule: Schedule,
                      reception_name: str | None) -> Schedule:
    return calendar.schedule(reception_name) if reception_name else schedule


def _working_weekdays(calendar: Calendar, schedule: Schedule) -> list[int]:
    week = calendar.data.weeks.get(schedule.week or "")
    return sorted(week.working_weekdays) if week is not None else []


def schedule_line(channel: Text, calendar: Calendar, name: str,
                  reception_name: str | None) -> ScheduleLine:
    """The working days and hours of the schedule `name`, the weekdays whose hours differ,
    and the reception: the hours of the schedule `reception_name` when the channel names
    one, else the schedule's own; by weekday when they are not the same every day."""
    schedule = calendar.schedule(name)
    if schedule.intake == "always":
        return ScheduleLine(channel, schedule.title, around_the_clock=True)
    days = _working_weekdays(calendar, schedule)
    hours, breaks = span(schedule.periods)
    other_days = _grouped([(d, p) for d, p in sorted(schedule.days)])
    source = _reception_source(calendar, schedule, reception_name)
    if source.reception_weekdays is not None or source.reception_days:
        reception_days = _grouped([(d, source.reception_on(d))
                                   for d in _working_weekdays(calendar, source)])
        return ScheduleLine(channel, schedule.title, around_the_clock=False,
                            first_day=WEEKDAYS[days[0]] if days else None,
                            last_day=WEEKDAYS[days[-1]] if days else None,
                            hours=hours, breaks=breaks, days=other_days,
                            reception_days=reception_days)
    reception, reception_breaks = span(source.periods if reception_name else schedule.reception)
    return ScheduleLine(channel, schedule.title, around_the_clock=False,
                        first_day=WEEKDAYS[days[0]] if days else None,
                        last_day=WEEKDAYS[days[-1]] if days else None,
                        hours=hours, breaks=breaks, reception=reception,
                        reception_breaks=reception_breaks, days=other_days)


def reception_text(calendar: Calendar, name: str, reception_name: str | None) -> Text | None:
    """The days and hours of reception of a channel in Kazakh and Russian, e.g. "сәрсенбі
    09:00-13:00" / "по средам 09:00-13:00" (None for a 24/7 intake)."""
    schedule = calendar.schedule(name)
    if schedule.intake == "always":
        return None
    source = _reception_source(calendar, schedule, reception_name)
    groups = _grouped([(d, source.reception_on(d)) for d in _working_weekdays(calendar, source)])
    lines = {}
    for lang in ("kk", "ru"):
        lines[lang] = "; ".join(
            f"{g.days.get(lang)} {g.hours}"
            + (f" ({LABELS['lunch_break'].get(lang)} {', '.join(g.breaks)})" if g.breaks else "")
            for g in groups)
    return Text(lines["kk"], lines["ru"])
