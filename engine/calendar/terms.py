"""What a `Calendar` counts a term on, and how much of a term has run.

A term is counted on a named schedule (`DEFAULT_SCHEDULE` when none is named); a term in
days counts the working days of a week, the legal five-day week (`LEGAL_WEEK`) unless its
standard names another. When the office works another week, `Calendar.term_schedule`
counts on a schedule derived from the office's (`derive_schedule`, named
`<schedule>@<week>`), which `named_schedule` finds beside the calendar's own. `Elapsed`
is how much of a term has run between two instants (`Calendar.elapsed`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from engine.calendar.errors import CalendarError, UnknownSchedule
from engine.calendar.model import CalendarData, Schedule
from engine.spec.duration import Duration, parse_duration

__all__ = [
    "DEFAULT_SCHEDULE",
    "LEGAL_WEEK",
    "Elapsed",
    "as_duration",
    "check_week",
    "derive_schedule",
    "named_schedule",
    "provisional_note",
]

#: The schedule used when none is named: the provider's five-day week.
DEFAULT_SCHEDULE = "provider"
#: The week whose working days a term in days counts, unless its standard says otherwise with
#: a source: the five-day week of the production calendar, which the Labour Ministry
#: publishes each year with its transfers of days off for the five-day week only (Labour
#: Code of 23 November 2015 No. 414-V, art. 68 and 85; Law "On public services" of 15 April
#: 2013 No. 88-V, art. 1 and 5, counts terms in working days without naming an office's
#: week). An office open on Saturdays does not make Saturdays days of the term
#: (docs/calendar.md, "Which calendar counts a term").
LEGAL_WEEK = "five_day"


@dataclass(frozen=True)
class Elapsed:
    """How much of a term has run between two instants.

    `working` is the working time counted; `working_days` and `calendar_days` are the
    smallest N such that an "N wd" (an "N cd") term from the start ends at or after
    the end instant, so that `elapsed(s, due(s, "N wd")).working_days == N`; `banking_days`
    and `months` the same for "N bd" and "N mo" (None when the calendar has no banking
    days, or when such a term would end after its last covered year).
    """

    working: dt.timedelta
    working_days: int
    calendar_days: int
    banking_days: int | None = None
    months: int | None = None

    @property
    def working_minutes(self) -> int:
        """Whole working minutes counted."""
        return self.working // dt.timedelta(minutes=1)


def as_duration(value: Duration | str) -> Duration:
    """A term's duration, parsed when it is given as text ("15 wd")."""
    return value if isinstance(value, Duration) else parse_duration(value)


def named_schedule(data: CalendarData, derived: Mapping[str, Schedule], name: str) -> Schedule:
    """The calendar's schedule called `name`, or the one derived under that name.

    Raises:
        UnknownSchedule: naming the schedules the calendar defines.
    """
    try:
        return data.schedules[name]
    except KeyError:
        if name in derived:
            return derived[name]
        raise UnknownSchedule(name, data.schedules) from None


def check_week(data: CalendarData, week: str) -> None:
    """Raise `CalendarError` unless the calendar defines `week`."""
    if week not in data.weeks:
        raise CalendarError(f'unknown week "{week}" (the calendar defines '
                            f'{", ".join(sorted(data.weeks))})')


def derive_schedule(derived: dict[str, Schedule], office_week: dict[str, str], base: Schedule,
                    week: str, counts_on: str | None) -> str:
    """The name of `base` counted on `week` (`<base>@<week>`), derived once into `derived`.

    With `counts_on` None the derived schedule counts on `week` itself, and the week of the
    office it was made from is recorded in `office_week`; otherwise (a schedule with 24/7
    intake) it keeps its week and counts on `counts_on`, the schedule derived for its own.
    """
    name = f"{base.id}@{week}"
    if counts_on is None and base.week is not None:
        office_week[name] = base.week
    if name not in derived:
        derived[name] = replace(
            base, id=name, week=week if counts_on is None else base.week,
            counts_on=counts_on,
            source=f"{base.source}; the days of a term counted on the {week} week")
    return name


def provisional_note(provisional: frozenset[int], days: tuple[dt.date, ...]) -> str:
    """The note a figure carries when one of `days` is in a `provisional` year ("" otherwise).

    Examples:
        >>> provisional_note(frozenset({2027}), (dt.date(2026, 12, 30),))
        ''
        >>> provisional_note(frozenset({2027}), (dt.date(2027, 1, 5),))[:20]
        '2027 is provisional '
    """
    years = sorted({d.year for d in days} & provisional)
    if not years:
        return ""
    named = ", ".join(map(str, years))
    return (f"{named} {'is' if len(years) == 1 else 'are'} provisional in the calendar: the "
            "law's holidays only, no transfer of days off decreed yet")
