"""A margin against a term, told one way everywhere: in the term's unit, in words.

"met the term with 2 h 10 min to spare", "missed the term by 1 wd 2 h", "met the term with
no time to spare", and "missed the term outside working hours" for an end after the term's that
no working time separates from it. `run`, `case show`, `check --explain` and the scenarios' reports all
print it with `margin_words`; JSON keeps numbers (`margin_minutes`).

The amount (`amount_words`) is the time between two instants in the unit of the term:

- a term in minutes or hours: the working time between them on the term's schedule,
  "2 h 10 min";
- a term in working (banking) days: the whole working (banking) days between the two
  instants' days, a day whose working time the span covers whole counting as one, and the
  working time left over on the first and last days: "1 wd 2 h";
- a term in calendar days or months: the calendar days between the two days ("3 cd"), or
  the working time when both are on the same day.
"""

from __future__ import annotations

import datetime as dt

import pendulum

from engine.calendar.core import Calendar

__all__ = ["amount_words", "margin_words", "minutes_words"]


def minutes_words(minutes: int) -> str:
    """Working minutes as hours and minutes.

    Examples:
        >>> minutes_words(130), minutes_words(120), minutes_words(5), minutes_words(0)
        ('2 h 10 min', '2 h', '5 min', '0 min')
    """
    hours, rest = divmod(abs(minutes), 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts) or "0 min"


def _minutes(calendar: Calendar, start: dt.datetime, end: dt.datetime, schedule: str) -> int:
    if end <= start:
        return 0
    return calendar.elapsed(start, end, schedule).working_minutes


def amount_words(calendar: Calendar, start: dt.datetime, end: dt.datetime, schedule: str,
                 unit: str) -> str:
    """The time from `start` to `end` (not before it) in the unit `unit` of a term, counted on
    `schedule` (the term's: `Calendar.term_schedule`): "2 h 10 min", "1 wd 2 h", "3 cd"."""
    zone = calendar.timezone
    first = pendulum.instance(start).in_timezone(zone)
    last = pendulum.instance(end).in_timezone(zone)
    first_day, last_day = first.date(), last.date()
    if unit in ("min", "h") or first_day == last_day:
        return minutes_words(_minutes(calendar, first, last, schedule))
    if unit in ("cd", "mo"):
        return f"{(last_day - first_day).days} cd"
    after_first = pendulum.datetime(first_day.year, first_day.month, first_day.day,
                                    tz=zone).add(days=1)
    last_midnight = pendulum.datetime(last_day.year, last_day.month, last_day.day, tz=zone)
    table = calendar.day_table(schedule)
    flags = calendar.banking_days() if unit == "bd" else table.working
    days = int(sum(flags[table.index(first_day) + 1:table.index(last_day)]))
    left = 0
    for since, until, whole_from, whole_to in (
            (first, after_first, after_first.subtract(days=1), after_first),
            (last_midnight, last, last_midnight, last_midnight.add(days=1))):
        part = _minutes(calendar, since, until, schedule)
        if part and part == _minutes(calendar, whole_from, whole_to, schedule):
            days += 1
        else:
            left += part
    parts = ([f"{days} {unit}"] if days else []) + ([minutes_words(left)] if left else [])
    return " ".join(parts) or "0 min"


def margin_words(calendar: Calendar, finished: dt.datetime, due: dt.datetime, schedule: str,
                 unit: str) -> str:
    """How an end at `finished` stands against a term ending at `due`, in words."""
    if finished <= due:
        amount = amount_words(calendar, finished, due, schedule, unit)
        if amount == "0 min":
            return "met the term with no time to spare"
        return f"met the term with {amount} to spare"
    amount = amount_words(calendar, due, finished, schedule, unit)
    if amount == "0 min":  # after the term's end, but no working time later
        return "missed the term outside working hours"
    return f"missed the term by {amount}"
