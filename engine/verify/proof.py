"""Prove that every path of every channel fits the legal term, on the real calendar.

For each path from the start to an end, the step durations are composed on their
actors' schedules from the moment of receipt and compared with the channel's term
counted from the same moment. The comparison runs over every possible moment of
receipt in the calendar's years (see `engine.verify.receipts` for why the candidate set
is exhaustive), and reports the worst case with a concrete counterexample.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Literal

import networkx as nx
import numpy as np
import numpy.typing as npt

from engine.calendar import Calendar, CalendarError
from engine.process.compile import CompiledRegulation
from engine.process.paths import Path, enumerate_paths
from engine.spec.duration import Duration
from engine.spec.errors import Location
from engine.spec.model import Channel, Step
from engine.verify.day_patterns import candidates, horizon_days, merged_runs
from engine.verify.receipts import ReceiptWindows, receipt_windows
from engine.verify.worst_case import TimelineEntry, Worst, plain_sum, show, worst_case

__all__ = ["TimelineEntry", "Verdict", "Worst", "verify_channel", "verify_regulation"]

Status = Literal["ok", "exceeded", "unverifiable"]
Int64Array = npt.NDArray[np.int64]


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
                    f"exceeded when received {show(worst.received)}{worst.context}: steps end "
                    f"{show(worst.steps_end)}, term ends {show(worst.term_end)}")
        if self.status == "exceeded":
            return (f"{head} takes up to {worst.takes}; term {self.term}{summary}; exceeded when "
                    f"received {show(worst.received)}{worst.context}: steps end "
                    f"{show(worst.steps_end)}, term ends {show(worst.term_end)}")
        return (f"{head} takes up to {worst.takes}; term {self.term}{summary}; fits on every "
                f"receipt (tightest: received {show(worst.received)}, steps end "
                f"{show(worst.steps_end)}, term ends {show(worst.term_end)})")


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
        """The moments of receipt a path is checked on (see `candidates`)."""
        weeks = None if self.channel.term.is_day_based else frozenset(schedules)
        key = (horizon_days(durations, self.channel.term), tuple(merged_runs(durations, schedules)),
               weeks)
        if key not in self.candidates:
            self.candidates[key] = candidates(self.channel, durations, schedules, self.calendar,
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
    worst = worst_case(int(received[at]), int(ends[at]), int(term_ends[at]), steps, durations,
                   schedules, channel, calendar)
    status: Status = "exceeded" if slack[at] < 0 else "ok"
    return replace(base, status=status, worst=worst,
                   plain_sum=plain_sum(durations, channel.term), candidates=int(received.size))


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
    worst = worst_case(int(received[at]), int(ends[at]), int(term_ends[at]), steps, durations,
                   schedules, channel, calendar)
    return replace(base, status="exceeded", worst=worst, candidates=int(received.size),
                   unbounded=missing, reason=why)


def _is_applicant(graph: nx.DiGraph, node: str) -> bool:
    actor = graph.nodes[node].get("actor")
    return actor is not None and actor.kind == "applicant"


def _compose(received: Int64Array, durations: list[Duration], schedules: list[str],
             calendar: Calendar) -> Int64Array:
    current = received
    for duration, schedule in zip(durations, schedules, strict=True):
        step_end = calendar.due_batch(current, duration.amount, duration.unit, schedule)
        assert isinstance(step_end, np.ndarray)
        current = step_end.astype(np.int64)
    return current


