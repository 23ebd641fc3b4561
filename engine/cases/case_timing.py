"""The working-time arithmetic of cases: when a term starts and ends, working minutes.

`CaseTiming` is the part of `engine.cases.case_graphs.CaseGraphs` (and so of the `Executor`)
that counts on the calendar in microseconds (no DateTime on the hot path): the receipt and
the term of an application, a due instant and the working minutes between two instants;
`CaseGraphs` uses them for what is overdue and by how much a case met its term.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from engine.calendar import Calendar, NaiveInstantError
from engine.calendar.arithmetic import day_of, due_micros, receive_micros
from engine.calendar.index import WorkingTime
from engine.calendar.instants import from_micros, to_instant, to_micros, with_offset_hint
from engine.spec.duration import Duration
from engine.spec.errors import ExecutionError
from engine.spec.model import Standard

__all__ = ["CaseTiming", "DueOf", "Overdue"]

#: How a fold counts a due instant: (schedule, start, duration, exclude_acceptance_day) -> micros.
DueOf = Callable[[str, int, Duration, bool], int]


@dataclass(frozen=True)
class Overdue:
    """A late step (or the case's whole term when `step` is None, or a complaint undecided
    past its due instant when `appeal` names it) at a moment."""

    step: str | None
    actor: str | None
    due: int
    late_minutes: int
    appeal: str | None = None


class CaseTiming:
    """Due instants and working minutes of cases, on the calendar of `CaseGraphs`."""

    calendar: Calendar
    _timing: dict[str, tuple[WorkingTime, bool]]
    _term_schedules: dict[tuple[str, Duration, str | None], str]

    def _term(self, standard: Standard, channel: str, moment: int,
              due_of: DueOf | None = None) -> tuple[int, int]:
        """When the term of an application at `moment` starts counting, and when it ends."""
        info = standard.channels[channel]
        received = self._receive(moment, info.schedule)
        return received, (due_of or self._due)(self.term_schedule(standard, channel), received,
                                                  info.term, info.acceptance_day_excluded)

    def term_schedule(self, standard: Standard, channel: str) -> str:
        """The schedule a channel's term counts on: in days, the legal five-day week unless
        the standard names another (`Calendar.term_schedule`)."""
        info = standard.channels[channel]
        key = (info.schedule, info.term, info.term_week)
        found = self._term_schedules.get(key)
        if found is None:
            found = self._term_schedules[key] = self.calendar.term_schedule(*key)
        return found

    def _timing_of(self, schedule: str) -> tuple[WorkingTime, bool]:
        """The index a schedule counts on and whether it takes applications at any hour."""
        timing = self._timing.get(schedule)
        if timing is None:
            timing = self._timing[schedule] = (self.calendar.working_time(schedule),
                                               self.calendar.schedule(schedule).intake == "always")
        return timing

    def _receive(self, micros: int, schedule: str) -> int:
        """`Calendar.receive` on microseconds (no DateTime on the way in or out)."""
        index, always = self._timing_of(schedule)
        if always:
            return receive_micros(index, micros)
        day_of(index, micros)  # raises NoCalendarData outside the covered years
        return micros

    def _due(self, schedule: str, start: int, duration: Duration, exclude: bool = False) -> int:
        """`Calendar.due` on microseconds: the term counts from the receipt of `start`."""
        index, always = self._timing_of(schedule)
        # (an instant outside the covered years: due_micros raises what _receive would)
        return due_micros(index, receive_micros(index, start) if always else start, duration,
                          exclude_acceptance_day=exclude)

    def _show(self, micros: int) -> str:
        return _instant(micros, self.calendar).isoformat()

    def _minutes(self, start: int, end: int, schedule: str) -> int:
        return self.calendar.elapsed(_instant(start, self.calendar), _instant(end, self.calendar),
                                     schedule).working_minutes


def _micros(value: dt.datetime, calendar: Calendar) -> int:
    if value.tzinfo is None:
        raise ExecutionError(f"instant {value.isoformat()} has no time zone (hint: give the "
                             f"offset in force then, e.g. "
                             f"{with_offset_hint(value, calendar.timezone)})")
    try:
        return to_micros(value)  # the same instant in any zone: no DateTime in the calendar's zone
    except NaiveInstantError:
        to_instant(value, calendar.timezone)  # the explanation, in the calendar's zone
        raise


def _instant(micros: int, calendar: Calendar) -> dt.datetime:
    return from_micros(micros, calendar.timezone)
