"""The schedules a corpus names, checked against the calendar (with its authored schedules).

Errors: a channel or an actor naming a schedule the calendar does not have, a week of
`term_counted_on` it does not define. Warnings, each with a hint (docs/calendar.md,
"Writing a schedule", "Checks"):

- a channel whose `reception` schedule takes applications outside the working hours of its
  `schedule`, on some weekday;
- a channel whose reception runs later than the working hours of the actor of its first
  step: an application received then can only be started the next working day;
- a standard, or a regulation, whose channels and actors use two schedules of one `office`
  with different hours.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.calendar import WEEKDAY_WORDS, Calendar, Schedule
from engine.corpus.lookup import CorpusResult
from engine.spec.checks import did_you_mean
from engine.spec.errors import Location, SpecError
from engine.spec.model import Channel, Regulation, Standard

__all__ = ["schedule_findings"]


def schedule_findings(result: CorpusResult, calendar: Calendar) -> list[SpecError]:
    """Every error and warning about the schedules the specs of `result` name."""
    findings = _unknown(result, calendar)
    if any(f.severity == "error" for f in findings):
        return findings
    corpus = result.corpus
    for standard in corpus.standards:
        for channel in standard.channels.values():
            findings.extend(_reception_outside_hours(channel, calendar))
        findings.extend(_offices(standard.id, _standard_uses(standard), calendar))
    for regulation in corpus.regulations:
        implemented = corpus.standard_of(regulation)
        if implemented is None:
            continue
        findings.extend(_late_reception(regulation, implemented, calendar))
        findings.extend(_offices(regulation.id, _regulation_uses(regulation), calendar))
    return findings


def _unknown(result: CorpusResult, calendar: Calendar) -> list[SpecError]:
    known = set(calendar.schedules)
    errors = []
    for standard in result.corpus.standards:
        for channel in standard.channels.values():
            for key, name in (("schedule", channel.schedule), ("reception", channel.reception)):
                if name is not None and name not in known:
                    errors.append(SpecError(channel.location, f"channels.{channel.id}.{key}",
                                            f'unknown schedule "{name}" of the calendar '
                                            f"(hint: {did_you_mean(name, known)})", "reference"))
            weeks = set(calendar.data.weeks)
            if channel.term_week is not None and channel.term_week not in weeks:
                errors.append(SpecError(channel.location,
                                        f"channels.{channel.id}.term_counted_on.week",
                                        f'unknown week "{channel.term_week}" of the calendar '
                                        f"(hint: {did_you_mean(channel.term_week, weeks)})",
                                        "reference"))
    for regulation in result.corpus.regulations:
        for actor in regulation.actors:
            if actor.schedule is not None and actor.schedule not in known:
                errors.append(SpecError(actor.location, f"actors[id={actor.id}].schedule",
                                        f'unknown schedule "{actor.schedule}" of the calendar '
                                        f"(hint: {did_you_mean(actor.schedule, known)})",
                                        "reference"))
    return errors


def _weekdays(calendar: Calendar, schedule: Schedule) -> list[int]:
    week = calendar.data.weeks.get(schedule.week or "")
    return sorted(week.working_weekdays) if week is not None else []


def _reception_outside_hours(channel: Channel, calendar: Calendar) -> list[SpecError]:
    office = calendar.schedule(channel.schedule)
    if channel.reception is None or office.intake == "always":
        return []
    desk = calendar.schedule(channel.reception)
    for weekday in _weekdays(calendar, desk):
        windows = desk.reception_on(weekday)
        hours = office.periods_on(weekday)
        works = weekday in _weekdays(calendar, office)
        if windows and (not works or windows[0].start < hours[0].start
                        or windows[-1].end > hours[-1].end):
            day = WEEKDAY_WORDS["en"][weekday]
            span = f"{hours[0]}".split("-")[0] + "-" + f"{hours[-1]}".split("-")[1]
            open_hours = f"works {span}" if works else "does not work"
            return [SpecError(
                channel.location, f"channels.{channel.id}.reception",
                f'the reception "{channel.reception}" takes applications on {day} '
                f'{", ".join(map(str, windows))}, but the schedule "{channel.schedule}" '
                f"{open_hours} then (hint: reception lies inside the working hours; check the "
                "two clauses of the text, or name a schedule whose hours hold the reception)",
                "schedule", "warning")]
    return []


def _late_reception(regulation: Regulation, standard: Standard,
                    calendar: Calendar) -> list[SpecError]:
    findings = []
    actors = {a.id: a for a in regulation.actors}
    for name, steps in regulation.processes.items():
        channel = standard.channels.get(name)
        if channel is None or not steps:
            continue
        office = calendar.schedule(channel.schedule)
        if office.intake == "always":
            continue
        actor = actors.get(steps[0].actor)
        if actor is None or actor.schedule is None or actor.schedule == channel.schedule:
            continue
        worker = calendar.schedule(calendar.schedule(actor.schedule).counting)
        desk = calendar.schedule(channel.reception or channel.schedule)
        for weekday in _weekdays(calendar, desk):
            windows = desk.reception_on(weekday)
            if not windows or weekday not in _weekdays(calendar, worker):
                continue
            closes = worker.periods_on(weekday)[-1]
            if windows[-1].end > closes.end:
                day = WEEKDAY_WORDS["en"][weekday]
                findings.append(SpecError(
                    actor.location, f"actors[id={actor.id}].schedule",
                    f'channel "{name}" takes applications on {day} until '
                    f'{str(windows[-1]).split("-")[1]}, but "{steps[0].id}", its first step, '
                    f'is done by "{actor.id}" on "{actor.schedule}", whose day ends at '
                    f'{str(closes).split("-")[1]}: an application received later can only be '
                    "started the next working day (hint: check the hours of the actor, or "
                    "accept the wait)", "schedule", "warning"))
                break
    return findings


#: (what uses a schedule, its location, the schedule's name).
_Use = tuple[str, Location, str]


def _standard_uses(standard: Standard) -> Iterable[_Use]:
    for channel in standard.channels.values():
        yield f"channels.{channel.id}.schedule", channel.location, channel.schedule


def _regulation_uses(regulation: Regulation) -> Iterable[_Use]:
    for actor in regulation.actors:
        if actor.schedule is not None:
            yield f"actors[id={actor.id}].schedule", actor.location, actor.schedule


def _offices(spec: str, uses: Iterable[_Use], calendar: Calendar) -> list[SpecError]:
    """Two schedules of one office used by one spec, whose hours differ."""
    first: dict[str, tuple[str, str]] = {}
    findings = []
    for crumb, location, name in uses:
        schedule = calendar.schedule(name)
        if schedule.office is None:
            continue
        seen = first.setdefault(schedule.office, (name, crumb))
        other = calendar.schedule(seen[0])
        if seen[0] != name and _hours(other) != _hours(schedule):
            findings.append(SpecError(
                location, crumb,
                f'"{spec}" uses two schedules of office "{schedule.office}" with different '
                f'hours: "{name}" ({_hours(schedule)}, {schedule.where}) here and "{seen[0]}" '
                f"({_hours(other)}, {other.where}) at {seen[1]} (hint: one office keeps one "
                "set of working hours; check which clause of the text is right)",
                "schedule", "warning"))
    return findings


def _hours(schedule: Schedule) -> str:
    days = "; ".join(f"{WEEKDAY_WORDS['en'][d]} {', '.join(map(str, p))}"
                     for d, p in schedule.days)
    return ", ".join(map(str, schedule.periods)) + (f"; {days}" if days else "")
