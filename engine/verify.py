"""Prove that every path of every channel fits the legal term, on the real calendar.

For each path from the start to an end, the step durations are composed on their
actors' schedules from the moment of receipt and compared with the channel's term
counted from the same moment. The comparison runs over every possible moment of
receipt in the calendar's years (see `engine.receipts` for why the candidate set
is exhaustive), and reports the worst case with a concrete counterexample.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Literal

import networkx as nx
import numpy as np
import numpy.typing as npt
import pendulum

from engine.calendar import Calendar, CalendarError
from engine.calendar.instants import from_micros, noon_offsets
from engine.compile import CompiledRegulation
from engine.duration import Duration
from engine.errors import Location
from engine.model import Channel, Step
from engine.paths import Path, enumerate_paths
from engine.receipts import ReceiptWindows, receipt_windows

__all__ = ["TimelineEntry", "Verdict", "Worst", "verify_channel", "verify_regulation"]

Status = Literal["ok", "exceeded", "unverifiable"]
Int64Array = npt.NDArray[np.int64]


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


@dataclass(frozen=True)
class Verdict:
    """Whether one path of one channel fits its term, with the worst case."""

    regulation: str
    channel: str
    path: Path
    term: Duration
    status: Status
    location: Location
    worst: Worst | None = None
    plain_sum: str | None = None
    reason: str = ""
    candidates: int = 0
    unbounded: tuple[str, ...] = field(default_factory=tuple)

    def message(self) -> str:
        """The one-line verdict a report prints."""
        head = f"path {self.path.describe()}"
        if self.status == "unverifiable":
            return f"{head} cannot be verified against the term {self.term}: {self.reason}"
        assert self.worst is not None
        worst = self.worst
        summary = f"; {self.plain_sum}" if self.plain_sum else ""
        if self.status == "exceeded" and self.unbounded:
            return (f"{head} exceeds its term even if step(s) {', '.join(self.unbounded)}, "
                    f"with no time limit, took no time: takes at least {worst.takes}; term {self.term}; "
                    f"exceeded when received {_show(worst.received)}{worst.context}: steps end "
                    f"{_show(worst.steps_end)}, term ends {_show(worst.term_end)}")
        if self.status == "exceeded":
            return (f"{head} takes up to {worst.takes}; term {self.term}{summary}; exceeded when "
                    f"received {_show(worst.received)}{worst.context}: steps end "
                    f"{_show(worst.steps_end)}, term ends {_show(worst.term_end)}")
        return (f"{head} takes up to {worst.takes}; term {self.term}{summary}; fits on every "
                f"receipt (tightest: received {_show(worst.received)}, steps end "
                f"{_show(worst.steps_end)}, term ends {_show(worst.term_end)})")


def _show(instant: pendulum.DateTime) -> str:
    return instant.format("YYYY-MM-DD HH:mm")


def verify_regulation(compiled: CompiledRegulation, calendar: Calendar) -> list[Verdict]:
    """Verdicts for every path of every channel of a compiled regulation."""
    verdicts: list[Verdict] = []
    for graph in compiled.graphs.values():
        verdicts.extend(verify_channel(graph, calendar))
    return verdicts


def _in_force(graph: nx.DiGraph, first_day: dt.date) -> tuple[int, int] | None:
    """The days (indices from `first_day`, inclusive) on which both the regulation and its
    standard are in force, when the graph says which they are."""
    specs = [graph.graph.get(name) for name in ("regulation", "standard")]
    if any(spec is None or not hasattr(spec, "valid_from") for spec in specs):
        return None
    start = max(spec.valid_from for spec in specs)
    ends = [spec.valid_to for spec in specs if spec.valid_to is not None]
    end = min(ends) if ends else dt.date.max
    return (start - first_day).days, (end - first_day).days if ends else 10**9


def verify_channel(graph: nx.DiGraph, calendar: Calendar) -> list[Verdict]:
    """Verdicts for every path of one channel's graph."""
    channel: Channel = graph.graph["channel"]
    windows = receipt_windows(calendar, channel.reception or channel.schedule)
    shared = _Shared(channel, calendar, windows, _in_force(graph, windows.first_day))
    verdicts = []
    for path in enumerate_paths(graph):
        verdicts.append(_verify_path(graph, channel, path, calendar, shared))
    return verdicts


_Key = tuple[int, tuple[tuple[Duration, str], ...], frozenset[str] | None]
#: How many arrays of moments (with their compositions) a channel keeps for its next paths:
#: a same-day service has ~130,000 moments a path, and paths come depth first, so the
#: last few hold nearly every prefix worth sharing.
_KEEP = 3
_Run = tuple[tuple[Duration, str], ...]
_Ends = npt.NDArray[np.int64] | npt.NDArray[np.datetime64]


class _Shared:
    """What the paths of one channel have in common, computed once for all of them.

    Paths of a channel share their first steps, and their moments of receipt often
    agree or are a prefix of one another (a shorter horizon keeps more days of the
    calendar). The calendar's batch functions work element by element, so the
    composition of a common first part, or the term's ends, computed on a longer run
    of moments are, cut to a path's own moments, exactly what the path would compute;
    a batch that succeeds on the longer run cannot fail on its prefix. Whether the
    moments really are a prefix is compared, never assumed.
    """

    def __init__(self, channel: Channel, calendar: Calendar, windows: ReceiptWindows,
                 in_force: tuple[int, int] | None = None) -> None:
        self.channel = channel
        self.in_force = in_force
        self.calendar = calendar
        self.windows = windows
        self.candidates: dict[_Key, Int64Array] = {}
        #: Per array of moments: the runs of steps last composed on it and each run's ends.
        self.chains: list[tuple[Int64Array, list[_Run], list[Int64Array]]] = []
        self.term_ends: list[tuple[Int64Array, _Ends]] = []

    def received(self, durations: list[Duration], schedules: list[str]) -> Int64Array:
        """The moments of receipt a path is checked on (see `_candidates`)."""
        weeks = None if self.channel.term.is_day_based else frozenset(schedules)
        key = (_horizon_days(durations, self.channel.term), tuple(_runs(durations, schedules)),
               weeks)
        if key not in self.candidates:
            self.candidates[key] = _candidates(self.channel, durations, schedules, self.calendar,
                                               self.windows, self.in_force)
            if len(self.candidates) > _KEEP:
                del self.candidates[next(iter(self.candidates))]
        return self.candidates[key]

    def ends(self, received: Int64Array, durations: list[Duration],
             schedules: list[str]) -> Int64Array:
        """When the steps end, from each moment of receipt (as `_compose` would say)."""
        runs = self.runs(durations, schedules)
        arrays: list[Int64Array] = []
        for moments, done, composed in self.chains:
            common = 0
            while common < min(len(done), len(runs)) and done[common] == runs[common]:
                common += 1
            if common > len(arrays) and _starts_with(moments, received):
                arrays = [a[:received.size] for a in composed[:common]]
        current = arrays[-1] if arrays else received
        for run in runs[len(arrays):]:
            duration, schedule = run[0]
            if len(run) > 1:
                duration = Duration(sum(d.minutes for d, _ in run), "min")
            step = partial(_compose, durations=[duration], schedules=[schedule],
                           calendar=self.calendar)
            current = _in_slices(step, current)
            arrays.append(current)
        self.chains = [c for c in self.chains if c[0] is not received][-_KEEP + 1:]
        self.chains.append((received, runs, arrays))
        return current

    def runs(self, durations: list[Duration], schedules: list[str]) -> list[_Run]:
        """The steps, consecutive ones in minutes or hours on the same working time as one run.

        Such steps compose as one step of their total: a step in minutes ends at a working
        moment whose working time elapsed is exactly the start's plus the step (also when
        it ends at the close of a period and the next step starts at the next opening), so
        the next step's end depends on the sum alone. Steps in days, of zero length, or on
        a schedule the calendar does not know stay on their own.
        """
        runs: list[list[tuple[Duration, str]]] = []
        last_index: object = None
        for duration, schedule in zip(durations, schedules, strict=True):
            index: object = None
            if duration.unit in ("min", "h") and duration.amount > 0:
                try:
                    index = self.calendar.working_time(schedule)
                except CalendarError:
                    index = None
            if index is not None and index is last_index:
                runs[-1].append((duration, schedule))
            else:
                runs.append([(duration, schedule)])
            last_index = index
        return [tuple(run) for run in runs]

    def term_end(self, received: Int64Array) -> _Ends:
        """When the term ends, from each moment of receipt."""
        for moments, ends in self.term_ends:
            if _starts_with(moments, received):
                return ends[:received.size]
        term, channel = self.channel.term, self.channel

        def due(moments: Int64Array) -> Int64Array:
            ends = self.calendar.due_batch(moments, term.amount, term.unit, channel.schedule,
                                           exclude_acceptance_day=channel.acceptance_day_excluded)
            return ends.astype(np.int64, copy=False)

        ends = _in_slices(due, received)
        self.term_ends = [*self.term_ends[-_KEEP + 1:], (received, ends)]
        return ends


#: Moments composed at a time: the calendar's batch functions keep some twenty temporaries
#: as long as their input, 80 MB for the half-million moments of a State Corporation path.
_SLICE = 1 << 16


def _in_slices(compute: Callable[[Int64Array], Int64Array], moments: Int64Array) -> Int64Array:
    """`compute(moments)`, a slice at a time for a long array.

    The calendar's batch functions work element by element, so the slices put together
    are the whole array's answer; when a slice fails, the whole array is computed at once,
    so that the error is the whole array's too.
    """
    if moments.size <= _SLICE:
        return compute(moments)
    try:
        parts = [compute(moments[at:at + _SLICE]) for at in range(0, moments.size, _SLICE)]
    except CalendarError:
        return compute(moments)
    whole: Int64Array = np.concatenate(parts)
    return whole


def _starts_with(longer: Int64Array, shorter: Int64Array) -> bool:
    return longer is shorter or (longer.size >= shorter.size
                                 and bool(np.array_equal(longer[:shorter.size], shorter)))


def _verify_path(graph: nx.DiGraph, channel: Channel, path: Path, calendar: Calendar,
                 shared: _Shared) -> Verdict:
    regulation_id: str = graph.graph["regulation"].id
    # The applicant's own actions (signing in, filling in the request, handing in the
    # documents) happen before receipt or on the applicant's time: the term does not
    # count them, so they are neither composed nor required to have a limit.
    timed = [s for s in path.steps if not _is_applicant(graph, s)]
    steps: list[Step] = [graph.nodes[s]["step"] for s in timed]
    schedules: list[str] = [graph.nodes[s]["schedule"] for s in timed]
    first: Step = graph.nodes[path.steps[0]]["step"]
    location = first.location
    base = Verdict(regulation_id, channel.id, path, channel.term, "ok", location)
    missing = tuple(s.id for s in steps if s.duration is None)
    if missing:
        stated = [s.id for s in steps if s.duration is None and s.unbounded is not None]
        why = (f"step(s) {', '.join(missing)} have no time limit"
               + (f" ({', '.join(stated)} unbounded by the text)" if stated else
                  " (none is stated in the text)"))
        return _lower_bound(graph, channel, path, calendar, shared, base, steps, schedules,
                            missing, why)
    durations = [s.duration for s in steps if s.duration is not None]
    try:
        received = shared.received(durations, schedules)
        ends = shared.ends(received, durations, schedules)
        term_ends = shared.term_end(received)
    except CalendarError as error:
        return replace(base, status="unverifiable", reason=str(error))
    slack = term_ends.astype(np.int64) - ends
    at = int(np.argmin(slack))
    worst = _worst(int(received[at]), int(ends[at]), int(term_ends[at]), steps, durations,
                   schedules, channel, calendar)
    status: Status = "exceeded" if slack[at] < 0 else "ok"
    return replace(base, status=status, worst=worst,
                   plain_sum=_plain_sum(durations, channel.term), candidates=int(received.size))


def _lower_bound(graph: nx.DiGraph, channel: Channel, path: Path, calendar: Calendar,
                 shared: _Shared, base: Verdict, steps: list[Step], schedules: list[str],
                 missing: tuple[str, ...], why: str) -> Verdict:
    """A path with steps of no time limit: exceeded when it is late even if those steps take
    no time at all, else unverifiable."""
    unverifiable = replace(base, status="unverifiable", reason=why, unbounded=missing)
    durations = [s.duration if s.duration is not None else Duration(0, "min") for s in steps]
    try:
        received = shared.received(durations, schedules)
        ends = shared.ends(received, durations, schedules)
        term_ends = shared.term_end(received)
    except CalendarError:
        return unverifiable
    slack = term_ends.astype(np.int64) - ends
    at = int(np.argmin(slack))
    if slack[at] >= 0:
        return unverifiable
    worst = _worst(int(received[at]), int(ends[at]), int(term_ends[at]), steps, durations,
                   schedules, channel, calendar)
    return replace(base, status="exceeded", worst=worst, candidates=int(received.size),
                   unbounded=missing, reason=why)


def _is_applicant(graph: nx.DiGraph, node: str) -> bool:
    actor = graph.nodes[node].get("actor")
    return actor is not None and actor.kind == "applicant"


def _horizon_days(durations: Iterable[Duration], term: Duration) -> int:
    days = 0
    minutes = 0
    for duration in (*durations, term):
        if duration.unit in ("wd", "cd"):
            days += duration.amount
        else:
            minutes += duration.minutes
    return 21 + 2 * days + math.ceil(minutes / 240)


def _candidates(channel: Channel, durations: list[Duration], schedules: list[str],
                calendar: Calendar, windows: ReceiptWindows,
                in_force: tuple[int, int] | None = None) -> Int64Array:
    horizon = _horizon_days(durations, channel.term)
    size = len(calendar.day_table(channel.schedule).working)
    last_day = size - 1 - horizon
    if last_day < 0:
        raise CalendarError(f"the calendar is too short for a horizon of {horizon} days")
    first_day = 0
    if in_force is not None:
        first_day, last_day = max(first_day, in_force[0]), min(last_day, in_force[1])
        if first_day > last_day:
            raise CalendarError(_outside(in_force, windows.first_day, calendar))
    if channel.term.is_day_based:
        days, instants = windows.latest_per_day(last_day)
        return instants[days >= first_day]
    days = windows.days[(windows.days >= first_day) & (windows.days <= last_day)]
    candidate_days = days[np.r_[True, days[1:] != days[:-1]]] if days.size else days
    signature = _day_patterns(durations, schedules, channel, calendar, candidate_days, horizon)
    _, first = np.unique(_row_keys(signature), return_index=True)
    return windows.every_minute(candidate_days[np.sort(first)])


def _row_keys(rows: Int64Array) -> Int64Array:
    """One integer per row, equal exactly when the rows are equal.

    Columns are folded in one at a time as mixed-radix digits; the key is replaced by its
    rank among the rows before it could overflow, so it stays below rows × radix.
    """
    keys = np.zeros(rows.shape[0], dtype=np.int64)
    if rows.size == 0:
        return keys
    low = rows.min(axis=0)
    radix = rows.max(axis=0) - low + 1
    bound = 1
    for column in range(rows.shape[1]):
        if radix[column] == 1:
            continue
        if bound * int(radix[column]) >= 1 << 62:
            _, keys = np.unique(keys, return_inverse=True)
            keys = keys.astype(np.int64).reshape(-1)
            bound = int(keys.max()) + 1
        keys = keys * radix[column] + (rows[:, column] - low[column])
        bound *= int(radix[column])
    return keys


def _outside(in_force: tuple[int, int], first_day: dt.date, calendar: Calendar) -> str:
    start = first_day + dt.timedelta(days=in_force[0])
    years = f"{calendar.years[0]}-{calendar.years[-1]}"
    if in_force[1] >= 10**9:
        return (f"in force from {start.isoformat()}, after the calendar's years {years} "
                "(hint: add the year to the calendar)")
    end = first_day + dt.timedelta(days=in_force[1])
    return (f"in force {start.isoformat()} to {end.isoformat()}, outside the calendar's years "
            f"{years} (hint: add those years to the calendar)")


def _day_patterns(durations: list[Duration], schedules: list[str], channel: Channel,
                  calendar: Calendar, days: Int64Array, horizon: int) -> Int64Array:
    """A row per day of receipt; days with equal rows behave the same for the path.

    Every working day of a week has the same working hours, so two moments of receipt
    at the same time of day lead to the same ends of the steps and of the term, the same
    number of days later, whenever the days either can reach (`_spans`) are working or
    not alike on every week involved and the UTC offset is the same. The row holds, per
    week, whether each day of that span is a working day (2 past the span) and the UTC
    offsets at the start and the end of the span (the zone changes at most once in it).
    """
    weeks = sorted({_week(calendar, s) for s in {*schedules, channel.schedule}} - {""})
    spans = _spans(durations, schedules, channel, calendar, days)
    width = int(spans.max()) if spans.size else 1
    inside = np.arange(width)[None, :] < spans[:, None]
    rows = []
    for week in weeks:
        table = calendar.days(week)
        flags = np.concatenate([np.asarray(table.working, dtype=np.int64),
                                np.zeros(width, dtype=np.int64)])
        rows.append(np.where(inside, flags[days[:, None] + np.arange(width)], 2))
        offsets = noon_offsets(table.start, len(table.working), calendar.timezone)
        last = np.minimum(days + spans - 1, offsets.size - 1)
        rows.append(np.stack([offsets[days], offsets[last]], axis=1))
    if not rows:
        return np.zeros((days.size, 1), dtype=np.int64)
    return np.concatenate(rows, axis=1)


def _week(calendar: Calendar, schedule: str) -> str:
    return calendar.schedule(calendar.schedule(schedule).counting).week or ""


def _spans(durations: list[Duration], schedules: list[str], channel: Channel,
           calendar: Calendar, days: Int64Array) -> Int64Array:
    """For each day of receipt, how many days from it (itself included) the steps or the
    term can reach at most.

    A run of minutes on one working time that needs `a` whole working days ends at the
    latest on the a-th working day after the day it starts on; a step of n working days
    by the (n + 1)-th; n calendar days then the next working day. Each bound is applied
    to the bound of the previous step, so the last is a day no moment of that day of
    receipt can pass; one more day allows for an end at a closing.
    """
    reached = days.copy()
    runs = [(d, s) for run in _runs(durations, schedules) for d, s in [run]]
    for chain in (runs, [(channel.term, channel.schedule)]):
        current = days.copy()
        for duration, schedule in chain:
            week = _week(calendar, schedule)
            worked = np.flatnonzero(np.asarray(calendar.days(week).working)).astype(np.int64)
            worked = np.concatenate([worked, np.full(duration.amount + 2, worked[-1] + 10**6)])
            if duration.unit == "cd":
                current, ahead = current + duration.amount, 1
            elif duration.unit == "wd":
                ahead = duration.amount + 1
            else:
                counting = calendar.schedule(calendar.schedule(schedule).counting)
                daily = sum(period.minutes for period in counting.periods)
                ahead = -(-duration.minutes // daily)
            if ahead:
                current = worked[np.searchsorted(worked, current, side="right") + ahead - 1]
        reached = np.maximum(reached, current)
    spans: Int64Array = reached - days + 2
    return spans


def _runs(durations: list[Duration], schedules: list[str]) -> list[tuple[Duration, str]]:
    """Consecutive steps in minutes or hours on one schedule, as one step of their total."""
    runs: list[tuple[Duration, str]] = []
    for duration, schedule in zip(durations, schedules, strict=True):
        if (runs and runs[-1][1] == schedule and not duration.is_day_based
                and not runs[-1][0].is_day_based):
            runs[-1] = (Duration(runs[-1][0].minutes + duration.minutes, "min"), schedule)
        else:
            runs.append((duration, schedule))
    return runs


def _compose(received: Int64Array, durations: list[Duration], schedules: list[str],
             calendar: Calendar) -> Int64Array:
    current = received
    for duration, schedule in zip(durations, schedules, strict=True):
        step_end = calendar.due_batch(current, duration.amount, duration.unit, schedule)
        assert isinstance(step_end, np.ndarray)
        current = step_end.astype(np.int64)
    return current


def _instant(seconds: int, calendar: Calendar) -> pendulum.DateTime:
    return from_micros(seconds * 1_000_000, calendar.timezone)


def _worst(received: int, ends: int, term_end: int, steps: list[Step],
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


def _plain_sum(durations: list[Duration], term: Duration) -> str | None:
    """"5+5+10+5+5 min = 30 min ≤ 30 min" when every step is in the unit of the term."""
    if not durations or any(d.unit != term.unit for d in durations):
        return None
    total = sum(d.amount for d in durations)
    sign = "≤" if total <= term.amount else ">"
    parts = "+".join(str(d.amount) for d in durations)
    return f"{parts} {term.unit} = {total} {term.unit} {sign} {term}"
