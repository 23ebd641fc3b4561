"""A step that waits for a meeting: the rule by which a body meets, as a spec writes it.

Real texts say "the commission meets on the last working Friday of each month", "every
Tuesday", list the dates, or give only a frequency ("at least once a month"). A step's
`waits_for:` holds one such rule (`Meeting`); the calendar turns it into meeting days
(`engine.calendar.meetings`), the verifier bounds the wait by it and the executor dates it.

Examples:
    >>> from engine.spec.errors import Location
    >>> from engine.spec.texts import Text
    >>> name = Text("Комиссия отырысы", "Заседание комиссии")
    >>> Meeting(name, "monthly", "text", Location("x.yaml", 1, 1), nth=-1,
    ...         weekdays=(4,)).describe()
    'the last working Friday of each month'
    >>> Meeting(name, "every", "text", Location("x.yaml", 1, 1), weekdays=(1, 3)).describe()
    'every Tuesday and Thursday (skipped when not a working day)'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from engine.spec.errors import Location
from engine.spec.texts import Text

__all__ = ["DAY_OFF_RULES", "PERIODS", "WEEKDAYS", "DayOff", "Meeting", "MeetingRule", "Period",
           "build_meeting"]

#: The weekdays as a spec writes them, Monday first (their index is `date.weekday()`).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MeetingRule = Literal["every", "monthly", "dates", "at_least"]
Period = Literal["week", "month", "quarter"]
DayOff = Literal["skip", "next", "previous"]
#: `at_least:` values and the calendar period each one guarantees a meeting in.
PERIODS: dict[str, Period] = {"once_a_week": "week", "once_a_month": "month",
                              "once_a_quarter": "quarter"}
DAY_OFF_RULES: tuple[DayOff, ...] = ("skip", "next", "previous")
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


@dataclass(frozen=True)
class Meeting:
    """The meetings a step waits for, by one rule of the text.

    `weekdays` (0 = Monday) for `every`, and the one weekday of `monthly`; `nth` 1-4 or -1
    (the last) for `monthly`; `dates` for `dates`; `period` for `at_least`. A meeting day
    that is not a working day of the actor is handled by `if_day_off` (`every`, `dates`).
    """

    meeting: Text
    rule: MeetingRule
    source: str
    location: Location
    weekdays: tuple[int, ...] = ()
    nth: int = 0
    dates: tuple[dt.date, ...] = ()
    date_locations: tuple[Location, ...] = ()
    period: Period | None = None
    if_day_off: DayOff = "skip"

    def describe(self) -> str:
        """The rule in English words, as reports print it."""
        if self.rule == "monthly":
            return (f"the {_ORDINALS[self.nth]} working {_NAMES[self.weekdays[0]]} of each "
                    "month")
        if self.rule == "at_least":
            return f"at least once a {self.period}"
        moved = {"skip": "skipped", "next": "moved to the next working day",
                 "previous": "moved to the previous working day"}[self.if_day_off]
        if self.rule == "every":
            days = [_NAMES[d] for d in self.weekdays]
            listed = days[0] if len(days) == 1 else f"{', '.join(days[:-1])} and {days[-1]}"
            return f"every {listed} ({moved} when not a working day)"
        first, last = self.dates[0].isoformat(), self.dates[-1].isoformat()
        span = first if len(self.dates) == 1 else f"{first} to {last}"
        return f"on {len(self.dates)} listed date(s), {span} ({moved} when not a working day)"


def build_meeting(data: dict[str, Any], meeting: Text, location: Location,
                  date_locations: tuple[Location, ...]) -> Meeting:
    """A `Meeting` from a checked `waits_for:` mapping (exactly one rule in it), its
    `meeting` text already read."""
    common: dict[str, Any] = {"meeting": meeting, "source": data["source"],
                              "location": location,
                              "if_day_off": data.get("if_day_off", "skip")}
    if "every" in data:
        days = tuple(sorted(WEEKDAYS.index(d) for d in data["every"]))
        return Meeting(rule="every", weekdays=days, **common)
    if "monthly" in data:
        nth = data["monthly"]["nth"]
        return Meeting(rule="monthly", nth=-1 if nth == "last" else int(nth),
                       weekdays=(WEEKDAYS.index(data["monthly"]["weekday"]),), **common)
    if "dates" in data:
        pairs = sorted(zip((dt.date.fromisoformat(d) for d in data["dates"]), date_locations,
                           strict=True))
        return Meeting(rule="dates", dates=tuple(d for d, _ in pairs),
                       date_locations=tuple(loc for _, loc in pairs), **common)
    return Meeting(rule="at_least", period=PERIODS[data["at_least"]], **common)
