"""One schedule of a spec, read into a `Schedule`: hours, breaks, hours per weekday,
reception windows by weekday, intake.

The same reader serves the `schedules:` section of a `kind: calendar` document (the
bundled `provider`, `gov_corp`, `portal` ...) and the `kind: schedules` documents analysts
write next to their specs (`engine.calendar.authored`). A problem is added to the
document's `Problems`, located at the value it is about; `check_schedule_weeks` checks
what needs the week patterns (the weekdays named must be working weekdays of the week).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.calendar.model import WEEKDAYS, DayPeriods, Period, Schedule, Week
from engine.calendar.problems import KeyPath, Problems
from engine.spec.checks import did_you_mean
from engine.spec.model import Text

__all__ = ["check_schedule_weeks", "read_schedule", "read_text"]


def read_text(node: Mapping[str, Any]) -> Text:
    """A title or a name in Kazakh and Russian (English optional)."""
    return Text(node["kk"], node["ru"], node.get("en"))


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _period(text: str) -> Period:
    start, end = text.split("-")
    return Period(_minutes(start), _minutes(end))


def _periods(hours: str, breaks: list[str], path: KeyPath, problems: Problems) -> tuple[Period, ...]:
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


def _day(node: Any, path: KeyPath, problems: Problems) -> tuple[Period, ...]:
    """The periods of one weekday: "HH:MM-HH:MM", or {hours, breaks}."""
    if not isinstance(node, str):
        return _periods(node["hours"], node.get("breaks", []), path, problems)
    whole = _period(node)
    if whole.end <= whole.start:
        problems.add(path, f'"{node}" ends before it starts '
                     '(hint: write "HH:MM-HH:MM" with the later time second)')
        return ()
    return (whole,)


def _days(node: Mapping[str, Any], path: KeyPath, problems: Problems) -> DayPeriods:
    return tuple((WEEKDAYS.index(day), _day(value, (*path, day), problems))
                 for day, value in node.items())


def _inside(inner: tuple[Period, ...], outer: tuple[Period, ...]) -> bool:
    return bool(not inner or not outer
                or (outer[0].start <= inner[0].start and inner[-1].end <= outer[-1].end))


def read_schedule(name: str, node: Mapping[str, Any], problems: Problems,
                  section: KeyPath = ("schedules",)) -> Schedule:
    """The schedule `name`: its hours minus breaks, per weekday, its reception, its intake."""
    path: KeyPath = (*section, name)
    intake = node.get("intake", "hours")
    periods: tuple[Period, ...] = ()
    reception: tuple[Period, ...] = ()
    days: DayPeriods = ()
    reception_days: DayPeriods = ()
    weekdays: frozenset[int] | None = None
    if intake == "always":
        for key in ("week", "hours", "breaks", "days", "reception"):
            if key in node:
                problems.add((*path, key), f'a schedule with intake: always takes no "{key}" '
                             f'(hint: it counts on "{node.get("counts_on")}"; remove "{key}")')
    else:
        if "counts_on" in node:
            problems.add((*path, "counts_on"), "counts_on is only for intake: always "
                         "(hint: remove it, or set intake: always)")
        periods = _periods(node["hours"], node.get("breaks", []), path, problems)
        days = _days(node.get("days", {}), (*path, "days"), problems)
        desk = node.get("reception")
        if desk is not None:
            where = (*path, "reception")
            if "hours" in desk:
                reception = _periods(desk["hours"], desk.get("breaks", []), where, problems)
            elif "breaks" in desk:
                problems.add((*where, "breaks"), "reception breaks without reception hours "
                             '(hint: add hours: "HH:MM-HH:MM" to the reception)')
            if "weekdays" in desk:
                weekdays = frozenset(WEEKDAYS.index(d) for d in desk["weekdays"])
            reception_days = _days(desk.get("days", {}), (*where, "days"), problems)
            for weekday, _own in reception_days:
                if weekdays is not None and weekday not in weekdays:
                    problems.add((*where, "days", WEEKDAYS[weekday]),
                                 f"{WEEKDAYS[weekday]} has reception hours but is not among the "
                                 f"reception weekdays (hint: add {WEEKDAYS[weekday]} to "
                                 "reception.weekdays, or remove these hours)")
    schedule = Schedule(name, read_text(node["title"]), node.get("week"), periods, reception,
                        intake, node.get("counts_on"), node["source"], days, weekdays,
                        reception_days, str(problems.source.location(path)), node.get("office"))
    _check_reception_inside(schedule, path, node, problems)
    return schedule


def _check_reception_inside(schedule: Schedule, path: KeyPath, node: Mapping[str, Any],
                            problems: Problems) -> None:
    """Reception hours lie inside the working hours of the same weekday."""
    if schedule.intake == "always":
        return
    if not _inside(schedule.reception, schedule.periods):
        problems.add((*path, "reception", "hours"), "reception hours must lie inside "
                     f'the working hours "{node["hours"]}"')
    for weekday, own in schedule.reception_days:
        hours = schedule.periods_on(weekday)
        if not _inside(own, hours):
            span = f"{hours[0]}".split("-")[0] + "-" + f"{hours[-1]}".split("-")[1]
            problems.add((*path, "reception", "days", WEEKDAYS[weekday]),
                         f"reception hours on {WEEKDAYS[weekday]} must lie inside that day's "
                         f'working hours "{span}" (hint: widen the hours under days:, or '
                         "narrow the reception)")


def check_schedule_weeks(schedule: Schedule, weeks: Mapping[str, Week], problems: Problems,
                         section: KeyPath = ("schedules",)) -> None:
    """The week a schedule names exists, and the weekdays it gives hours or reception for
    are working weekdays of it."""
    path: KeyPath = (*section, schedule.id)
    if schedule.week is None:
        return
    week = weeks.get(schedule.week)
    if week is None:
        problems.add((*path, "week"), f'unknown week "{schedule.week}" '
                     f"(hint: {did_you_mean(schedule.week, weeks)})")
        return
    named = [(("days", WEEKDAYS[d]), d) for d, _ in schedule.days]
    named += [(("reception", "weekdays"), d) for d in sorted(schedule.reception_weekdays or ())]
    for key, day in named:
        if day not in week.working_weekdays:
            working = ", ".join(WEEKDAYS[d] for d in sorted(week.working_weekdays))
            problems.add((*path, *key), f"{WEEKDAYS[day]} is not a working weekday of the "
                         f'"{schedule.week}" week ({working}) (hint: choose a week that works '
                         f"on {WEEKDAYS[day]}, such as six_day, or remove it)")
