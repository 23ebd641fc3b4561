"""What a synthetic event log is generated from: the specs in force, read once into plans.

A `SyntheticPlan` holds, per service, the spans of days on which one version of its
standard and regulation is in force (`Segment`), and per span and channel the compiled
graph read as a generator needs it (`ChannelPlan`): the paths from receipt to an end
(`engine.process.enumerate_paths`) with the weight a case takes each one by, the steps
as the executor times them (the actor's schedule, the duration, the actor's kind), and
the channel's term. The names a provider's system would write (`Names`: the Russian
titles of services and channels, a short Russian name per step, the resources) are
numbered here once, so that a log's columns are codes into them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from engine.audit.synthetic_names import Names
from engine.cases import ExecutionError, Executor
from engine.cases.graph_places import place_of
from engine.process import enumerate_paths
from engine.spec.duration import Duration
from engine.spec.model import Regulation, Standard

__all__ = ["ChannelPlan", "PathPlan", "Segment", "StepPlan",
           "SyntheticPlan", "plan_services"]

#: How many people of each actor a service has (the slow one is an extra person).
POOL = 4
#: The share of cases ending each way, before they are spread over the paths that end so.
_ENDINGS = {"result": 0.85, "refusal": 0.1, "refusal_to_accept": 0.05}


@dataclass(frozen=True)
class StepPlan:
    """A step of a path as the generator times it: its node id, the code of its activity
    name, its actor and the actor's kind, the schedule its limit counts on, its limit (None:
    none; `rest_of_term`: the case's term) and the outcomes it offers."""

    node: str
    activity: int
    actor: str
    actor_kind: str
    schedule: str
    duration: Duration | None
    rest_of_term: bool
    offered: tuple[str, ...]


@dataclass(frozen=True)
class PathPlan:
    """A path from receipt to an end: its steps (the applicant's own steps before receipt
    left out), the outcome taken at each, the ending, its weight and the grounds its
    refusal may cite."""

    steps: tuple[StepPlan, ...]
    outcomes: tuple[str | None, ...]
    ending: str
    weight: float
    grounds: tuple[str, ...]


@dataclass(frozen=True)
class ChannelPlan:
    """A channel of a span of days: its paths, its term and the schedules it counts on."""

    service: str
    channel: str
    code: int
    paths: tuple[PathPlan, ...]
    term: Duration
    term_schedule: str
    schedule: str
    reception: str
    exclude_acceptance_day: bool


@dataclass(frozen=True)
class Segment:
    """Days `first`..`last` on which one version of a service's specs is in force."""

    service: str
    first: dt.date
    last: dt.date
    standard: Standard
    regulation: Regulation
    channels: tuple[ChannelPlan, ...]

    @property
    def days(self) -> int:
        """How many days the span has."""
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class SyntheticPlan:
    """Every span of every service generated, the names, and each service's people."""

    segments: tuple[Segment, ...]
    names: Names
    #: (service, actor) -> the codes of its people's resources; the slow person is apart.
    people: dict[tuple[str, str], tuple[int, ...]]
    slow: tuple[str, str, int] | None


def plan_services(executor: Executor, services: Sequence[str] | None, first: dt.date,
                  last: dt.date) -> SyntheticPlan:
    """The plan of `services` (None: every service with a regulation in force during the
    period) on the days `first`..`last`.

    Raises:
        ExecutionError: an unknown service, or none in force with a regulation in the period.
    """
    chosen = sorted(services) if services else _with_regulation(executor, first, last)
    if not chosen:
        raise ExecutionError(f"no service has a regulation in force between {first} and {last} "
                             "(hint: give --service, or a period in which a regulation is in "
                             "force)")
    names = Names()
    segments: list[Segment] = []
    for service in chosen:
        if not executor.corpus.standard_versions(service):
            executor.standard_on(service, first)  # the message with its hint
        for span in _spans(executor, service, first, last, implied=services is not None):
            segments.append(_segment(executor, names, *span))
    if not segments:
        raise ExecutionError(f"{', '.join(chosen)}: not in force between {first} and {last}")
    people: dict[tuple[str, str], tuple[int, ...]] = {}
    for number, service in enumerate(chosen):
        actors = sorted({(s.actor, s.actor_kind) for g in segments if g.service == service
                         for c in g.channels for p in c.paths for s in p.steps})
        for actor, kind in actors:
            if kind == "person":
                names_of = [f"{actor}-{number + 1}{n}" for n in range(1, POOL + 1)]
            else:
                names_of = [actor if kind != "applicant" else "applicant"]
            people[service, actor] = tuple(names.resource(n, actor) for n in names_of)
    return SyntheticPlan(tuple(segments), names, people, _slow(segments, names, chosen))


def _with_regulation(executor: Executor, first: dt.date, last: dt.date) -> list[str]:
    found = {r.standard for r in executor.corpus.regulations
             if r.valid_from <= last and (r.valid_to is None or r.valid_to >= first)}
    return sorted(found)


def _spans(executor: Executor, service: str, first: dt.date, last: dt.date, *, implied: bool
           ) -> list[tuple[str, dt.date, dt.date, Standard, Regulation]]:
    """The spans of days with one version of the specs in force (with a regulation unless
    `implied` allows the process a standard implies)."""
    spans: list[tuple[str, dt.date, dt.date, Standard, Regulation]] = []
    day = first
    while day <= last:
        try:
            standard, regulation = executor.resolve(service, day)
        except ExecutionError:
            day += dt.timedelta(days=1)
            continue
        end = last
        for spec in (standard, regulation):
            if spec.valid_to is not None:
                end = min(end, spec.valid_to)
        starts = [s.valid_from for s in executor.corpus.standard_versions(service)]
        starts += [r.valid_from for r in executor.corpus.regulations_for(service)]
        for begins in starts:
            if day < begins <= end:
                end = begins - dt.timedelta(days=1)
        if implied or regulation in executor.corpus.regulations_for(service):
            spans.append((service, day, end, standard, regulation))
        day = end + dt.timedelta(days=1)
    return spans


def _segment(executor: Executor, names: Names, service: str, first: dt.date, last: dt.date,
             standard: Standard, regulation: Regulation) -> Segment:
    names.code(names.services, standard.title.ru)
    if service not in names.service_ids:
        names.service_ids.append(service)
    channels = []
    for channel in sorted(set(standard.channels) & set(regulation.processes)):
        info = standard.channels[channel]
        graph = executor.graph(standard, regulation, channel)
        code = names.code(names.channels, info.title.ru)
        if (service, channel) not in names.channel_ids:
            names.channel_ids.append((service, channel))
        paths = _paths(graph, names, service, standard)
        if not paths:
            continue
        calendar = executor.calendar
        channels.append(ChannelPlan(
            service, channel, code, paths, info.term,
            calendar.term_schedule(info.schedule, info.term, info.term_week), info.schedule,
            info.reception or info.schedule, info.acceptance_day_excluded))
    return Segment(service, first, last, standard, regulation, tuple(channels))


def _paths(graph: nx.DiGraph, names: Names, service: str,
           standard: Standard) -> tuple[PathPlan, ...]:
    found = list(enumerate_paths(graph))
    endings = {p.ending for p in found}
    total = sum(_ENDINGS.get(e, 0.05) for e in endings)
    plans = []
    for path in found:
        steps: list[StepPlan] = []
        outcomes: list[str | None] = []
        leading = True
        for node, outcome in zip(path.steps, path.outcomes, strict=True):
            if leading and place_of(graph, node).applicant_step:
                continue  # recorded at the opening: the receipt stands for it
            leading = False
            steps.append(_step(graph, names, service, node))
            outcomes.append(outcome)
        if not steps:
            continue
        share = _ENDINGS.get(path.ending, 0.05) / total
        alike = sum(1 for p in found if p.ending == path.ending)
        last = path.steps[-1]
        grounds = tuple(graph.edges[last, f"end:{path.ending}"].get("refusal_grounds", ())) \
            if graph.has_edge(last, f"end:{path.ending}") else ()
        if path.ending == "refusal" and not grounds:
            grounds = tuple(g.id for g in standard.refusal_grounds)
        plans.append(PathPlan(tuple(steps), tuple(outcomes), path.ending, share / alike,
                              grounds))
    return tuple(plans)


def _step(graph: nx.DiGraph, names: Names, service: str, node: str) -> StepPlan:
    attrs = graph.nodes[node]
    step = attrs["step"]
    actor = attrs.get("actor")
    code = names.activity(service, node, _short(step.action.ru))
    return StepPlan(node, code, step.actor, actor.kind if actor else "person",
                    attrs["schedule"], step.duration, step.rest_of_term,
                    tuple(sorted({o.id for o in step.outcomes})))


def _short(text: str) -> str:
    """The first clause of a step's action: what a provider's system calls it."""
    for mark in (";", ",", ".", " (", ":"):
        head = text.split(mark)[0].strip()
        if 12 <= len(head) < len(text):
            text = head
    return text.strip()


def _slow(segments: Sequence[Segment], names: Names,
          services: Sequence[str]) -> tuple[str, str, int] | None:
    """The slow person: of the first service with a person doing a step with a limit, the
    actor with most such steps; a person of its own, apart from the others."""
    for number, service in enumerate(services):
        counts: dict[str, int] = {}
        for step in (s for g in segments if g.service == service for c in g.channels
                     for p in c.paths for s in p.steps):
            if step.actor_kind == "person" and step.duration is not None:
                counts[step.actor] = counts.get(step.actor, 0) + 1
        if counts:
            actor = max(sorted(counts), key=lambda a: counts[a])
            return service, actor, names.resource(f"{actor}-{number + 1}0", actor)
    return None
