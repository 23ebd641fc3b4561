"""Synthetic event logs generated from the specs, with injected faults and their known truth.

`generate(executor, request)` walks `request.cases` cases through the regulations in force
(`engine.audit.synthetic_plan`), chunk by chunk (`CHUNK` cases, each from its own stream of
the seed, so that a chunk is the same whatever else is generated), and yields per chunk the
events as an Arrow table in the canonical columns of an audit log (`LOG_COLUMNS`; a case's rows
together, in the regulation's order) and the truth as JSON lines (`engine.audit.synthetic_events`).
Per chunk, cases are spread over the spans of days of each service's specs in proportion to
their days, over the channels evenly and over the paths by their weights; then each gets
at most one fault (`engine.audit.synthetic_faults`), a moment of receipt, and its steps'
instants (`engine.audit.synthetic_walk`). A case without a fault that would make it late is
drawn again faster until it meets its term (steps may add up to more than the term).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from engine.audit.synthetic_events import Events, path_events
from engine.audit.synthetic_faults import FAULTS, ON_TIME, assign, naive_seconds
from engine.audit.synthetic_plan import ChannelPlan, PathPlan, Segment, SyntheticPlan, plan_services
from engine.audit.synthetic_timing import Timing
from engine.audit.synthetic_walk import HOLIDAY, ORDER, Walked, walk
from engine.cases import Executor

__all__ = ["CHUNK", "LOG_COLUMNS", "Chunk", "SyntheticRequest", "generate", "plan_of"]

Int64Array = npt.NDArray[np.int64]
#: Cases per chunk: the unit of generation, of a Parquet row group and of the seed's streams.
CHUNK = 100_000
#: The canonical columns of an event log (docs/audit.md).
LOG_COLUMNS = ("case_id", "activity", "timestamp", "resource", "service", "channel", "outcome",
           "ground")
_ATTEMPTS = 8


@dataclass(frozen=True)
class SyntheticRequest:
    """What to generate: how many cases, from which seed, received on which days, of which
    services (empty: every one with a regulation in force) and with which faults."""

    cases: int
    seed: int
    first: dt.date
    last: dt.date
    services: tuple[str, ...] = ()
    faults: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Chunk:
    """The events of a chunk of cases (`LOG_COLUMNS`) and its truth, one JSON text per line."""

    table: pa.Table
    truth: list[str]


def plan_of(executor: Executor, request: SyntheticRequest) -> SyntheticPlan:
    """The plan the request is generated from (`plan_services`)."""
    return plan_services(executor, request.services or None, request.first, request.last)


def generate(executor: Executor, request: SyntheticRequest,
             plan: SyntheticPlan | None = None) -> Iterator[Chunk]:
    """The chunks of the log, in the order of their cases.

    Raises:
        ExecutionError: no service in force (`plan_services`).
        CalendarError: instants beyond the years the calendar covers.
    """
    plan = plan or plan_of(executor, request)
    timing = Timing(executor.calendar)
    for number, start in enumerate(range(0, request.cases, CHUNK)):
        yield _chunk(plan, timing, request, number, start, min(CHUNK, request.cases - start))


def _chunk(plan: SyntheticPlan, timing: Timing, request: SyntheticRequest, number: int,
           start: int, size: int) -> Chunk:
    rng = np.random.default_rng([request.seed, number])
    weights = np.cumsum([s.days for s in plan.segments], dtype=np.float64)
    segment_of = np.minimum(np.searchsorted(weights / weights[-1], rng.random(size),
                                            side="right"), len(plan.segments) - 1)
    ids = [f"C{start + i:09d}" for i in range(size)]
    events = Events()
    services = np.zeros(size, dtype=np.int64)
    channels = np.zeros(size, dtype=np.int64)
    for n, segment in enumerate(plan.segments):
        rows = np.flatnonzero(segment_of == n)
        if rows.size and segment.channels:
            _segment(events, plan, timing, request, rng, segment, rows, ids, services, channels)
    return Chunk(_table(plan, events, ids, services, channels),
                 [line for _, line in sorted(events.truth, key=lambda item: item[0])])


def _segment(events: Events, plan: SyntheticPlan, timing: Timing, request: SyntheticRequest,
             rng: np.random.Generator, segment: Segment, rows: Int64Array, ids: list[str],
             services: Int64Array, channels: Int64Array) -> None:
    n = rows.size
    channel_of = (rng.random(n) * len(segment.channels)).astype(np.int64)
    path_draw, position_draw, receipt_draw, values = (rng.random(n) for _ in range(4))
    fault_draws = rng.random((n, len(FAULTS)))
    late = 1 + (rng.random(n) * 480).astype(np.int64)
    holidays = timing.holidays(segment.first, segment.last)
    path_of = np.zeros(n, dtype=np.int64)
    for c, channel in enumerate(segment.channels):
        mine = channel_of == c
        weights = np.cumsum([p.weight for p in channel.paths])
        path_of[mine] = np.minimum(np.searchsorted(weights / weights[-1], path_draw[mine],
                                                   side="right"), len(channel.paths) - 1)
    places: dict[tuple[int, int], dict[str, list[int]]] = {}
    eligible = {kind: np.zeros(n, dtype=bool) for kind in FAULTS}
    for c, channel in enumerate(segment.channels):
        for p, path in enumerate(channel.paths):
            places[c, p] = _places(plan, segment, path, bool(holidays))
            mine = (channel_of == c) & (path_of == p)
            for kind, steps in places[c, p].items():
                eligible[kind][mine] = bool(steps)
    fault = assign(dict(request.faults), eligible, fault_draws, n)
    position = np.zeros(n, dtype=np.int64)
    for (c, p), found in places.items():
        mine = (channel_of == c) & (path_of == p)
        for code, kind in enumerate(FAULTS, start=1):
            pick = np.flatnonzero(mine & (fault == code))
            steps = found[kind]
            if pick.size and steps:
                at = (position_draw[pick] * len(steps)).astype(np.int64)
                position[pick] = np.array(steps)[at]
    raw = np.zeros(n, dtype=np.int64)
    eve = np.full(n, -1, dtype=np.int64)
    for c, channel in enumerate(segment.channels):
        mine = channel_of == c
        raw[mine] = timing.receipts(channel.reception, segment.first, segment.last,
                                    receipt_draw[mine])
        near = np.flatnonzero(mine & (fault == HOLIDAY))
        if near.size:
            eve[near] = (position_draw[near] * len(holidays)).astype(np.int64)
            raw[near] = timing.eves(channel.reception, holidays, segment.first,
                                    receipt_draw[near], eve[near])
    for c, channel in enumerate(segment.channels):
        services[rows[channel_of == c]] = plan.names.services.index(segment.standard.title.ru)
        channels[rows[channel_of == c]] = channel.code
        for p, path in enumerate(channel.paths):
            group = np.flatnonzero((channel_of == c) & (path_of == p))
            if group.size:
                _group(events, plan, timing, rng, segment, channel, path, rows[group],
                       [ids[r] for r in rows[group]], raw[group], fault[group],
                       position[group], late[group], values[group],
                       [holidays[e].isoformat() if e >= 0 else None for e in eve[group]])


def _places(plan: SyntheticPlan, segment: Segment, path: PathPlan,
            holidays: bool) -> dict[str, list[int]]:
    """Per kind of fault, the steps of the path it can be at (empty: it cannot happen)."""
    steps = path.steps
    last = len(steps) - 1
    limited = [k for k, s in enumerate(steps) if s.duration is not None]
    counted = path.ending != "refusal_to_accept"
    slow = plan.slow is not None and plan.slow[0] == segment.service and any(
        s.actor == plan.slow[1] and s.duration is not None for s in steps)
    return {
        "late": limited,
        # the applicant's own steps are not the provider's to do: not missing from its log
        "skip": [k for k, s in enumerate(steps)
                 if k < last and not s.offered and s.actor_kind != "applicant"],
        "repeat": list(range(last)),
        "order": [k for k in range(last) if steps[k].node != steps[k + 1].node],
        "slow": limited[:1] if slow else [],
        "outcome": [k for k, s in enumerate(steps) if s.offered],
        "ground": [last] if path.ending == "refusal" else [],
        "term": ([limited[-1]] if limited else [last]) if counted else [],
        "holiday": [0] if holidays and counted else [],
        "reading": [k for k, s in enumerate(steps) if s.duration is not None
                    and s.duration.unit == "wd" and s.duration.amount > 0 and not s.rest_of_term],
    }


def _group(events: Events, plan: SyntheticPlan, timing: Timing, rng: np.random.Generator,
           segment: Segment, channel: ChannelPlan, path: PathPlan, rows: Int64Array,
           ids: list[str], raw: Int64Array, fault: npt.NDArray[np.int8], position: Int64Array,
           late: Int64Array, values: npt.NDArray[np.float64], holiday: list[str | None]) -> None:
    n, length = rows.size, len(path.steps)
    draws = rng.random((n, length + 1))
    near = fault == HOLIDAY
    draws[near, :length] = 0.9 + 0.1 * draws[near, :length]  # near their limits
    slow_actor = plan.slow[1] if plan.slow and plan.slow[0] == segment.service else None
    slow_steps = np.array([s.actor == slow_actor and s.duration is not None
                           for s in path.steps])
    scale = np.ones(n)
    walked = walk(timing, channel, path, raw, fault, position, draws, late, slow_steps, scale)
    for attempt in range(_ATTEMPTS):
        over = np.flatnonzero(np.isin(fault, list(ON_TIME))
                              & (walked.times[:, -1] > walked.term_due))
        if path.ending == "refusal_to_accept" or over.size == 0:
            break
        scale[over] = 0.0 if attempt >= _ATTEMPTS - 2 else scale[over] / 2
        if attempt >= _ATTEMPTS - 2:
            fault[over[fault[over] == ORDER]] = 0
        again = fault[over]
        redone = walk(timing, channel, path, raw[over], again, position[over], draws[over],
                      late[over], slow_steps, scale[over])
        fault[over] = again
        for name in Walked.__dataclass_fields__:
            getattr(walked, name)[over] = getattr(redone, name)
    people = _people(plan, segment, path, rng, fault)
    marked = _holidays(channel, path, raw, walked, fault, holiday)
    path_events(events, plan.names, timing, channel, path, rows, ids, raw, walked, fault,
                position, people, values, marked)


def _people(plan: SyntheticPlan, segment: Segment, path: PathPlan, rng: np.random.Generator,
            fault: npt.NDArray[np.int8]) -> Int64Array:
    """Per case and step, the resource who does it: one person of each actor per case."""
    n = fault.size
    people = np.zeros((n, len(path.steps)), dtype=np.int64)
    chosen: dict[str, Int64Array] = {}
    for step in sorted(path.steps, key=lambda s: s.actor):
        if step.actor not in chosen:
            pool = np.array(plan.people[segment.service, step.actor], dtype=np.int64)
            chosen[step.actor] = pool[(rng.random(n) * pool.size).astype(np.int64)]
    slow = fault == FAULTS.index("slow") + 1
    for k, step in enumerate(path.steps):
        people[:, k] = chosen[step.actor]
        if plan.slow and plan.slow[0] == segment.service and step.actor == plan.slow[1]:
            people[slow, k] = plan.slow[2]
    return people


def _holidays(channel: ChannelPlan, path: PathPlan, raw: Int64Array, walked: Walked,
              fault: npt.NDArray[np.int8], holiday: list[str | None]) -> list[str | None]:
    """The holiday of each case received on its eve that a count in 24-hour days would call
    late (its term or one of its steps) and that met its term; the others are plain cases."""
    naive = raw + naive_seconds(channel.term)
    late = walked.times[:, -1] > naive
    for k, step in enumerate(path.steps):
        if step.duration is not None:
            spent = walked.times[:, k] - walked.starts[:, k]
            late |= spent > naive_seconds(step.duration)
    met = walked.times[:, -1] <= walked.term_due
    keep = (fault == HOLIDAY) & late & met
    fault[(fault == HOLIDAY) & ~keep] = 0
    return [day if keep[i] else None for i, day in enumerate(holiday)]


def _table(plan: SyntheticPlan, events: Events, ids: list[str], services: Int64Array,
           channels: Int64Array) -> pa.Table:
    names = plan.names
    if not events.row:
        return pa.table({c: pa.array([], pa.timestamp("us", tz="UTC") if c == "timestamp"
                                      else pa.string()) for c in LOG_COLUMNS})
    row = np.concatenate(events.row)
    order = np.lexsort((np.concatenate(events.key), row))
    row = row[order]

    def take(table: list[str], codes: list[Int64Array] | Int64Array,
             blank: bool = False) -> pa.Array:
        # dictionary-encoded: the long Russian names are held once per chunk, not per row
        indices = codes if isinstance(codes, np.ndarray) else np.concatenate(codes)[order]
        keys = pa.array(indices.astype(np.int32), mask=(indices == 0) if blank else None)
        return pa.DictionaryArray.from_arrays(keys, pa.array(table, pa.string()))

    at = np.concatenate(events.at)[order] * 1_000_000
    return pa.table({
        "case_id": pa.array(ids, pa.string()).take(pa.array(row)),
        "activity": take(names.activities, events.activity),
        "timestamp": pa.array(at, pa.timestamp("us", tz="UTC")),
        "resource": take(names.resources, events.resource),
        "service": take(names.services, services[row]),
        "channel": take(names.channels, channels[row]),
        "outcome": take(names.values, events.outcome, blank=True),
        "ground": take(names.values, events.ground, blank=True),
    })
