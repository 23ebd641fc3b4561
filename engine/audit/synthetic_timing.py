"""Working-time arithmetic of synthetic cases, as arrays: the calendar's own functions.

Every instant is int64 seconds since the epoch. A step's due instant is counted as the
executor counts it (`engine.cases.case_timing.CaseTiming._due`): from its start, received
first on a schedule that takes work at any hour, with `engine.calendar.batch.due_seconds`
on the working-time index of the actor's schedule. A step completes some working minutes
after its start (`after`), never past its due instant unless a fault says so; the working
seconds between two instants (`worked`) say how many it has. Moments of receipt are drawn
inside the channel's reception windows (`engine.calendar.reception_windows`), or at any
moment for a channel that takes applications at any hour (the portal).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.calendar import DEFAULT_SCHEDULE, LEGAL_WEEK, Calendar, reception_windows
from engine.calendar.batch import due_seconds, receive_seconds, working_seconds
from engine.calendar.index import WorkingTime
from engine.spec.duration import Duration

__all__ = ["NONE", "Timing", "iso_local"]

Int64Array = npt.NDArray[np.int64]
#: "No instant": a step without a limit has no due instant.
NONE = np.iinfo(np.int64).min
_MICRO = 1_000_000


@dataclass
class _Schedule:
    index: WorkingTime
    always: bool


class Timing:
    """The calendar's arithmetic on arrays of seconds, per schedule (indexes built once)."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self._schedules: dict[str, _Schedule] = {}

    def schedule(self, name: str) -> _Schedule:
        found = self._schedules.get(name)
        if found is None:
            found = self._schedules[name] = _Schedule(
                self.calendar.working_time(name),
                self.calendar.schedule(name).intake == "always")
        return found

    def receive(self, name: str, seconds: Int64Array) -> Int64Array:
        """When the term of applications at `seconds` starts (`Calendar.receive`)."""
        schedule = self.schedule(name)
        if not schedule.always:
            return seconds.copy()
        received: Int64Array = receive_seconds(schedule.index, seconds)
        return received

    def due(self, name: str, starts: Int64Array, duration: Duration,
            exclude_acceptance_day: bool = False) -> Int64Array:
        """The due instants of `duration` from `starts` on the schedule (`Executor._due`)."""
        schedule = self.schedule(name)
        begin = receive_seconds(schedule.index, starts) if schedule.always else starts
        amounts = np.full(starts.size, duration.amount, dtype=np.int64)
        due: Int64Array = due_seconds(schedule.index, begin, amounts, duration.unit,
                                      exclude_acceptance_day=exclude_acceptance_day)
        return due

    def elapsed_due(self, name: str, starts: Int64Array, duration: Duration) -> Int64Array:
        """The due instants of a limit in working days under the elapsed reading (N days of
        working time, `Calendar.elapsed_limit`); NONE for any other limit."""
        elapsed = self.calendar.elapsed_limit(name, duration)
        if elapsed is None:
            return np.full(starts.size, NONE, dtype=np.int64)
        return self.due(name, starts, elapsed)

    def worked(self, name: str, seconds: Int64Array) -> Int64Array:
        """Working seconds of the schedule from the index's start to each instant."""
        return working_seconds(self.schedule(name).index, seconds)

    def after(self, name: str, starts: Int64Array, minutes: Int64Array) -> Int64Array:
        """The instants `minutes` working minutes after `starts` on the schedule."""
        index = self.schedule(name).index
        ends: Int64Array = due_seconds(index, starts, minutes.astype(np.int64), "min")
        return ends

    def room(self, name: str, starts: Int64Array, ends: Int64Array) -> Int64Array:
        """Whole working minutes between `starts` and `ends` (0 when `ends` is not later)."""
        span = self.worked(name, ends) - self.worked(name, starts)
        minutes: Int64Array = np.maximum(span, 0) // 60
        return minutes

    def day_start(self, day: dt.date) -> int:
        """The local midnight that begins `day`, in seconds."""
        index = self.schedule(DEFAULT_SCHEDULE).index
        return int(index.s["midnight"][index.days.index(day)])

    def receipts(self, reception: str, first: dt.date, last: dt.date,
                 draws: npt.NDArray[np.float64]) -> Int64Array:
        """Moments of receipt on the days `first`..`last`, one per draw in [0, 1): inside
        the reception windows (uniform over their time), or any second of the days when
        the channel takes applications at any hour."""
        begin, end = self.day_start(first), self.day_start(last + dt.timedelta(days=1))
        if self.schedule(reception).always:
            return begin + (draws * (end - begin)).astype(np.int64)
        starts, ends = self.windows(reception, begin, end)
        if starts.size == 0:
            raise ValueError(f"no reception window between {first} and {last}")
        lengths = ends - starts
        cumulative = np.concatenate([[0], np.cumsum(lengths)])
        position = (draws * cumulative[-1]).astype(np.int64)
        window = np.searchsorted(cumulative, position, side="right") - 1
        found: Int64Array = starts[window] + position - cumulative[window]
        return found

    def windows(self, reception: str, begin: int, end: int) -> tuple[Int64Array, Int64Array]:
        """The reception windows (in seconds) that start in [begin, end)."""
        windows = reception_windows(self.calendar, reception)
        starts, ends = windows.starts // _MICRO, windows.ends // _MICRO
        keep = (starts >= begin) & (starts < end)
        return starts[keep], ends[keep]

    def holidays(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The holidays of the five-day week on the days `first`..`last` whose day before is
        a working day (the eve a case is received on)."""
        table = self.calendar.days(LEGAL_WEEK)
        found = []
        day = first + dt.timedelta(days=1)
        while day <= last:
            if table.info(day).kind == "holiday" and table.is_working(day - dt.timedelta(days=1)):
                found.append(day)
            day += dt.timedelta(days=1)
        return found

    def eves(self, reception: str, holidays: list[dt.date], first: dt.date,
             draws: npt.NDArray[np.float64], pick: npt.NDArray[np.int64]) -> Int64Array:
        """Moments of receipt on the eve of the holidays `pick` names: in the last reception
        window before the holiday (the last hour of the day at any-hour channels), late in it
        (the last quarter), so that the steps run over the holiday."""
        found = np.zeros(pick.size, dtype=np.int64)
        for n, holiday in enumerate(holidays):
            rows = np.flatnonzero(pick == n)
            if rows.size == 0:
                continue
            midnight = self.day_start(holiday)
            if self.schedule(reception).always:
                start, end = midnight - 3600, midnight
            else:
                starts, ends = self.windows(reception, self.day_start(first), midnight)
                if starts.size == 0:
                    raise ValueError(f"no reception window before {holiday}")
                start, end = int(starts[-1]), int(ends[-1])
            span = end - start
            found[rows] = end - 1 - (draws[rows] * span / 4).astype(np.int64)
        return found


def iso_local(seconds: Int64Array, timezone: str) -> npt.NDArray[np.str_]:
    """ISO 8601 local times with their UTC offset ("2019-03-20T17:30:00+06:00") of instants
    in seconds, in the zone (its offset looked up once per hour of the instants).

    Examples:
        >>> iso_local(np.array([1553081400]), "Asia/Almaty").tolist()
        ['2019-03-20T17:30:00+06:00']
    """
    hours, inverse = np.unique(seconds // 3600, return_inverse=True)
    zone = zoneinfo.ZoneInfo(timezone)
    offsets = np.array([int(dt.datetime.fromtimestamp(int(h) * 3600, zone).utcoffset()
                            .total_seconds()) for h in hours.tolist()],  # type: ignore[union-attr]
                       dtype=np.int64)
    shift = offsets[inverse.reshape(-1)]
    local = (seconds + shift).astype("datetime64[s]")
    text = np.datetime_as_string(local, unit="s")
    kinds, which = np.unique(shift, return_inverse=True)
    suffixes = np.array([_offset(int(k)) for k in kinds.tolist()])
    joined: npt.NDArray[np.str_] = np.char.add(text, suffixes[which.reshape(-1)])
    return joined


def _offset(seconds: int) -> str:
    sign = "+" if seconds >= 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"
