"""Paths with a step that waits for a meeting: its bound from the meeting's rule.

A step with `waits_for:` first waits for the meeting it reaches (`engine.calendar.meetings`:
the close of business of the meeting's day), then takes its own `duration`, if any. The
wait is monotone in the moment the step is ready, so the reductions of the verifier stay
exact where they rest on that alone: for a term in days, the latest moment of receipt of each
day is that day's worst. The grouping of days by their pattern of working days (for a term in
minutes) does not see meeting days, so such a path is checked on every minute of receipt.

For `dates`, a case that reaches no listed meeting cannot be served by the text at all: the
path is checked on the receipts that reach one, and the verdict says so. For `at_least`, the
longest wait the frequency allows is taken, and the verdict prints that assumption.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar, NoCalendarData
from engine.calendar.meetings import longest_wait, meeting_seconds
from engine.spec.duration import Duration
from engine.spec.errors import SpecError
from engine.spec.model import Channel, Regulation, Step
from engine.verify.composition import SharedWork, in_slices
from engine.verify.day_patterns import candidates, horizon_days
from engine.verify.worst_case import Worst, worst_case

__all__ = ["has_meetings", "judge_with_meetings", "meeting_assumptions", "meeting_findings"]

Int64Array = npt.NDArray[np.int64]
_NEVER = np.iinfo(np.int64).max


def has_meetings(steps: list[Step]) -> bool:
    """True when a step of the path waits for a meeting."""
    return any(step.waits_for is not None for step in steps)


def meeting_assumptions(steps: list[Step]) -> tuple[str, ...]:
    """What the verdict rests on, in words, for each step that waits for a meeting."""
    words = []
    for step in steps:
        meeting = step.waits_for
        if meeting is None:
            continue
        head = (f"step {step.id} waits for «{meeting.meeting.ru}» "
                f"({meeting.describe()}; {meeting.source})")
        if meeting.rule == "at_least":
            words.append(
                f"assumed: {head}: the text gives only a frequency, so the longest wait it allows "
                f"is taken — the meeting of a {meeting.period} already held on its first working "
                f"day, the next one on the last working day of the next {meeting.period}")
        elif meeting.rule == "dates":
            words.append(f"{head}: only receipts from which a listed meeting is reached are "
                         f"checked (none after {meeting.dates[-1].isoformat()})")
        else:
            words.append(f"{head}: a meeting counts when the step is ready by its day's opening, "
                         "and the wait ends at that day's close of business")
    return tuple(words)


def _received(shared: SharedWork, steps: list[Step], durations: list[Duration],
              schedules: list[str], calendar: Calendar) -> Int64Array:
    """The moments of receipt to check: as for any path, with the longest waits added to
    the horizon (a listed date adds none: receipts past the last one are dropped later)."""
    waits = [Duration(longest_wait(step.waits_for, calendar.working_time(schedule)), "cd")
             for step, schedule in zip(steps, schedules, strict=True)
             if step.waits_for is not None and step.waits_for.rule != "dates"]
    channel = shared.channel
    if channel.term.is_day_based:
        return candidates(channel, [*durations, *waits], schedules, calendar, shared.windows,
                          shared.in_force)
    horizon = horizon_days([*durations, *waits], channel.term)
    windows = shared.windows
    last_day = len(calendar.day_table(channel.schedule).working) - 1 - horizon
    first_day = 0
    if shared.in_force is not None:
        first_day, last_day = max(0, shared.in_force[0]), min(last_day, shared.in_force[1])
    days = np.unique(windows.days[(windows.days >= first_day) & (windows.days <= last_day)])
    return windows.every_minute(days)


def _ends(received: Int64Array, steps: list[Step], durations: list[Duration],
          schedules: list[str], calendar: Calendar) -> Int64Array:
    """When the steps end from each moment of receipt; int64's maximum where a step reaches
    no meeting within the calendar."""
    current = received
    for step, duration, schedule in zip(steps, durations, schedules, strict=True):
        if step.waits_for is not None:
            current = in_slices(partial(meeting_seconds, calendar.working_time(schedule),
                                        step.waits_for), current)
        reached = current != _NEVER
        counted = current.copy()
        if reached.any():
            def due(moments: Int64Array, duration: Duration = duration,
                    schedule: str = schedule) -> Int64Array:
                ends = calendar.due_batch(moments, duration.amount, duration.unit, schedule)
                return ends.astype(np.int64, copy=False)
            counted[reached] = in_slices(due, current[reached])
        current = counted
    return current


def judge_with_meetings(shared: SharedWork, steps: list[Step], durations: list[Duration],
                        schedules: list[str], channel: Channel, calendar: Calendar
                        ) -> tuple[bool, Worst, int]:
    """Whether the path fits on every moment of receipt, its tightest (or worst) case, and
    the number of moments checked (`engine.verify.proof._judge` for paths with meetings).

    Raises:
        NoCalendarData: when a wait by a rule other than listed dates runs past the calendar.
    """
    received = _received(shared, steps, durations, schedules, calendar)
    ends = _ends(received, steps, durations, schedules, calendar)
    reached = ends != _NEVER
    if not reached.all():
        if any(s.waits_for is not None and s.waits_for.rule != "dates" for s in steps) \
                or not reached.any():
            first, last = calendar.years
            raise NoCalendarData(last + 1, (first, last))
        received, ends = received[reached], ends[reached]
    term_ends = shared.term_end(received).astype(np.int64)
    slack = term_ends - ends
    at = int(np.argmin(slack))
    waits = [step.waits_for for step in steps]
    worst = worst_case(int(received[at]), int(ends[at]), int(term_ends[at]), steps, durations,
                       schedules, channel, calendar, shared.term_schedule(), waits)
    return bool(slack[at] >= 0), worst, int(received.size)


def meeting_findings(regulations: list[Regulation], calendar: Calendar) -> list[SpecError]:
    """A listed meeting date outside the calendar's years (an error, at the date), and a note
    at each meeting known only by its frequency: the assumption its verdicts rest on."""
    first, last = calendar.years
    findings = []
    for regulation in regulations:
        for channel, steps in regulation.processes.items():
            for step in steps:
                meeting = step.waits_for
                if meeting is None:
                    continue
                crumb = f"processes.{channel}[id={step.id}].waits_for"
                for n, (day, where) in enumerate(zip(meeting.dates, meeting.date_locations,
                                                     strict=True)):
                    if not first <= day.year <= last:
                        findings.append(SpecError(
                            where, f"{crumb}.dates[{n}]", f"meeting date {day.isoformat()} is "
                            f"outside the calendar's years {first}-{last} (hint: check the "
                            "year against the text, or add the year to the calendar; "
                            'docs/calendar.md, "Adding a year")', "calendar"))
                if meeting.rule == "at_least":
                    findings.append(SpecError(
                        meeting.location, crumb, _frequency_note(step), "meeting",
                        "note"))
    return findings


def _frequency_note(step: Step) -> str:
    meeting = step.waits_for
    assert meeting is not None
    assert meeting.period is not None
    return (f"the text gives only a frequency ({meeting.describe()}): paths through "
            f"{step.id} are verified assuming the longest wait it allows, the {meeting.period}'s "
            f"meeting held on its first working day and the next on the last working day of "
            f"the next {meeting.period} (hint: encode the day the text names, if it names "
            "one, with every, monthly or dates)")
