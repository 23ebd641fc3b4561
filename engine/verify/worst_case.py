"""The worst case of a path, told as a report tells it.

Once the verifier has found the worst moment of receipt of a path (`engine.verify.proof`),
this module rebuilds what happens then: the timeline of its steps on the calendar, the
time the path takes in the units of the term ("16 wd 2 h", "35 min"), the holidays and
moved days off the case runs into, and the plain sum of the step durations when they
are all in the unit of the term.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pendulum

from engine.calendar import Calendar
from engine.calendar.instants import from_micros
from engine.spec.duration import Duration
from engine.spec.model import Channel, Step

__all__ = ["TimelineEntry", "Worst", "plain_sum", "show", "worst_case"]


@dataclass(frozen=True)
class TimelineEntry:
    """One step of a path on a concrete start: who, from when, until when."""

    step: str
    actor: str
    duration: Duration
    start: pendulum.DateTime
    end: pendulum.DateTime


@dataclass(frozen=True)
class Worst:
    """The worst moment of receipt for a path, and what happens then."""

    received: pendulum.DateTime
    steps_end: pendulum.DateTime
    term_end: pendulum.DateTime
    takes: str
    context: str
    timeline: tuple[TimelineEntry, ...]

    @property
    def margin(self) -> dt.timedelta:
        """How long before the term's end the steps finish (negative when late)."""
        return self.term_end - self.steps_end


def show(instant: pendulum.DateTime) -> str:
    return instant.format("YYYY-MM-DD HH:mm")


def _instant(seconds: int, calendar: Calendar) -> pendulum.DateTime:
    return from_micros(seconds * 1_000_000, calendar.timezone)


def worst_case(received: int, ends: int, term_end: int, steps: list[Step],
           durations: list[Duration], schedules: list[str], channel: Channel,
           calendar: Calendar) -> Worst:
    start = _instant(received, calendar)
    timeline = []
    current = start
    for step, duration, schedule in zip(steps, durations, schedules, strict=True):
        finish = calendar.due(current, duration, schedule)
        timeline.append(TimelineEntry(step.id, step.actor, duration, current, finish))
        current = finish
    return Worst(start, _instant(ends, calendar), _instant(term_end, calendar),
                 _takes(start, _instant(ends, calendar), channel, calendar),
                 _context(start, _instant(max(ends, term_end), calendar), channel, calendar),
                 tuple(timeline))


def _takes(start: pendulum.DateTime, end: pendulum.DateTime, channel: Channel,
           calendar: Calendar) -> str:
    """The time the path takes, in the units of the term ("16 wd 2 h", "35 min")."""
    exclude = channel.acceptance_day_excluded
    elapsed = calendar.elapsed(start, end, channel.schedule, exclude_acceptance_day=exclude)
    if not channel.term.is_day_based:
        reached = calendar.due(start, Duration(elapsed.working_minutes, "min"), channel.schedule,
                               exclude_acceptance_day=exclude)
        return _minutes(elapsed.working_minutes) + _outside_hours(reached, end)
    unit = channel.term.unit
    days = elapsed.working_days if unit == "wd" else elapsed.calendar_days
    if days == 0:
        return f"0 {unit}"
    whole = calendar.due(start, f"{days} {unit}", channel.schedule,
                         exclude_acceptance_day=exclude)
    if whole <= end:
        return f"{days} {unit}"
    previous = calendar.due(start, f"{days - 1} {unit}", channel.schedule,
                            exclude_acceptance_day=exclude)
    rest = calendar.elapsed(previous, end, channel.schedule).working_minutes
    reached = calendar.due(previous, Duration(rest, "min"), channel.schedule) if rest else previous
    counted = " ".join(([f"{days - 1} {unit}"] if days > 1 else [])
                       + ([_minutes(rest)] if rest or days == 1 else []))
    return counted + _outside_hours(reached, end)


def _outside_hours(reached: pendulum.DateTime, end: pendulum.DateTime) -> str:
    """The part of a path that ends outside the channel's working hours (an actor on another
    schedule works on after the channel closes): " + 1 h 30 min outside working hours"."""
    if end <= reached:
        return ""
    return f" + {_minutes(int((end - reached).total_seconds()) // 60)} outside working hours"


def _minutes(total: int) -> str:
    hours, minutes = divmod(total, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


def _context(start: pendulum.DateTime, end: pendulum.DateTime, channel: Channel,
             calendar: Calendar) -> str:
    """Name the holidays and moved days off the case runs into, first day of each."""
    # Plain dates: pendulum's date arithmetic is some 20x slower, and every verdict asks.
    day = dt.date(start.year, start.month, start.day)
    last = dt.date(end.year, end.month, end.day)
    names = calendar.data.holidays
    table = calendar.day_table(channel.schedule)
    seen: dict[str, dt.date] = {}
    for offset in range((last - day).days + 1):
        when = day + dt.timedelta(days=offset)
        if table.working[table.index(when)]:
            continue
        info = table.info(when)
        for holiday in info.holidays:
            seen.setdefault(names[holiday].name.en or holiday if holiday in names else holiday,
                            when)
        if info.moved_from is not None and not info.holidays:
            seen.setdefault("a moved day off", when)
    if not seen:
        return ""
    parts = [f"{name} {when.isoformat()}" for name, when in sorted(seen.items(),
                                                                   key=lambda i: i[1])]
    return f" (before {', '.join(parts[:4])}{', ...' if len(parts) > 4 else ''})"


def plain_sum(durations: list[Duration], term: Duration) -> str | None:
    """"5+5+10+5+5 min = 30 min ≤ 30 min" when every step is in the unit of the term."""
    if not durations or any(d.unit != term.unit for d in durations):
        return None
    total = sum(d.amount for d in durations)
    sign = "≤" if total <= term.amount else ">"
    parts = "+".join(str(d.amount) for d in durations)
    return f"{parts} {term.unit} = {total} {term.unit} {sign} {term}"

