"""The counts of a provider's report, case by case: what `engine.report.figures` adds up.

`Tally` counts a case from its replayed state (`case`) or a group of cases that walked
alike from their columns (`walked`, for `engine.report.walks`), and makes the report's
records at the end (`report`). Both ways give the same counts for the same cases.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.calendar import CalendarError
from engine.calendar.instants import DEFAULT_TIMEZONE, from_micros
from engine.cases import CaseState, Event, ExecutionError, Executor, ReplayError
from engine.corpus import Catalog
from engine.report.model import (
    CHANNEL_GROUPS,
    AppealLike,
    ChannelCount,
    ComplaintRow,
    MonthCount,
    ProviderReport,
    RefusalCount,
    ServiceLine,
    TermCount,
)
from engine.report.period import Period
from engine.spec.model import Text

__all__ = ["Tally", "channel_group", "complaint_rows"]

Int64Array = npt.NDArray[np.int64]


def channel_group(channel: str) -> str:
    """The group of seed 000's section 4 2) a channel is counted in.

    Examples:
        >>> [channel_group(c) for c in ("provider_office", "portal", "gov_corp_elsewhere")]
        ['provider', 'portal', 'state_corporation']
    """
    if channel == "portal":
        return "portal"
    if channel.startswith("gov_corp"):
        return "state_corporation"
    return "provider"


def complaint_rows(case_id: str, appeals: Iterable[AppealLike], start: int, end: int,
                   tz: str = DEFAULT_TIMEZONE) -> list[ComplaintRow]:
    """The rows of the complaints appendix of a case's appeals filed in [start, end)."""
    rows = []
    for item in appeals:
        if not start <= item.filed < end:
            continue
        late = (item.decided > item.due) if item.decided is not None else item.due < end
        rows.append(ComplaintRow(
            case_id, item.appeal, item.complainant, item.substance,
            item.examined_by or item.body,
            None if item.decided is None else from_micros(item.decided, tz).date().isoformat(),
            item.document, item.decision, item.revision, late))
    return rows


class Tally:
    """The counts of one pass over the journal."""

    def __init__(self, executor: Executor, period: Period, start: int, end: int) -> None:
        self.executor, self.period, self.start, self.end = executor, period, start, end
        self.tz = executor.calendar.timezone
        self.months = _months(period, self.tz)
        self.cases: Counter[str] = Counter()
        self.channels: Counter[tuple[str, str]] = Counter()
        self.monthly: Counter[tuple[int, str]] = Counter()
        self.terms: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        self.actors: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.refusals: Counter[tuple[str, str, str, str]] = Counter()
        self.complaints: list[ComplaintRow] = []

    def case(self, events: Sequence[Event], wanted: set[str]) -> None:
        opened = events[0]
        if opened.kind != "opened" or opened.payload.get("service") not in wanted:
            return
        received = self.start <= opened.at < self.end
        if not received and not any(e.kind.startswith("appeal") for e in events):
            return
        state = self._replay(events)
        if received:
            self._count(state)
        appeals: tuple[Any, ...] = state.appeals
        self.complaints += complaint_rows(state.case_id, appeals, self.start, self.end, self.tz)

    def _replay(self, events: Sequence[Event]) -> CaseState:
        state: CaseState | None = None
        for event in events:
            try:
                state = self.executor.fold(state, event, copy=False)
            except (ExecutionError, CalendarError) as error:
                raise ReplayError(f"case {event.case_id!r}, event {event.seq}: cannot be "
                                  f"replayed: {error} (hint: load the specs the journal was "
                                  "written with)") from None
        assert state is not None
        return state

    def _count(self, state: CaseState) -> None:
        service, channel = state.standard, state.channel
        group = channel_group(channel)
        self.cases[service] += 1
        self.channels[(service, channel)] += 1
        self.monthly[(bisect.bisect_right(self.months, state.received) - 1, group)] += 1
        if state.status == "refused_to_accept":
            self.refusals[("acceptance", service, state.article or "", "")] += 1
            return
        if state.status == "refusal":
            self.refusals[("reasoned", service, state.ground or "", state.standard_version)] += 1
        line = self.terms[(service, channel)]
        met = state.met_term
        if met is not None:
            line[0 if met else 1] += 1
        elif not state.closed:
            line[2] += 1
            if state.due is not None and state.due < self.end:
                line[3] += 1
        late = self.actors[(service, channel)]
        for step in state.history:
            if step.late:
                late[step.actor] += 1
        active = state.active
        if active is not None and active.due is not None and active.due < self.end:
            late[active.actor] += 1

    def walked(self, state: CaseState, received: Int64Array, met: int, missed: int,
               open_late: int, late: Mapping[str, int]) -> None:
        """Count cases that walked as `state` did (the replay of one of them), received at
        `received`, all in the period: what `case` counts for each of them, given how many
        met and missed their term, how many are open past their due instant at the period's
        end, and the late steps by actor (`engine.report.walks`)."""
        n = len(received)
        service, channel = state.standard, state.channel
        group = channel_group(channel)
        self.cases[service] += n
        self.channels[(service, channel)] += n
        month = np.searchsorted(np.array(self.months, dtype=np.int64), received, side="right") - 1
        for index, count in zip(*np.unique(month, return_counts=True), strict=True):
            self.monthly[(int(index), group)] += int(count)
        if state.status == "refused_to_accept":
            self.refusals[("acceptance", service, state.article or "", "")] += n
            return
        if state.status == "refusal":
            self.refusals[("reasoned", service, state.ground or "", state.standard_version)] += n
        line = self.terms[(service, channel)]
        line[0] += met
        line[1] += missed
        if not state.closed:
            line[2] += n
            line[3] += open_late
        actors = self.actors[(service, channel)]
        for actor, count in late.items():
            if count:
                actors[actor] += count

    def report(self, catalog: Catalog, top: int) -> ProviderReport:
        services = tuple(ServiceLine(e.number, e.title, e.standard, e.cost, e.report_form,
                                     self.cases.get(e.standard, 0) if e.standard else 0)
                         for e in catalog.services)
        counts = {"services": len(services),
                  "free": sum(1 for s in services if s.cost == "free")}
        for form in ("paper_only", "alternative", "state_corporation_and_portal"):
            counts[form] = sum(1 for s in services if s.report_form == form)
        ranked = sorted((s for s in services if s.cases), key=lambda s: (-s.cases, s.number))
        groups: Counter[str] = Counter()
        by_channel: dict[str, list[ChannelCount]] = defaultdict(list)
        for (service, channel), n in sorted(self.channels.items()):
            groups[channel_group(channel)] += n
            by_channel[service].append(ChannelCount(channel, channel_group(channel), n))
        months = tuple(MonthCount(_month_label(self.months[i], self.tz),
                                  self.monthly[(i, "provider")], self.monthly[(i, "portal")],
                                  self.monthly[(i, "state_corporation")])
                       for i in range(len(self.months)))
        terms = tuple(TermCount(service, channel, line[0], line[1], line[2], line[3],
                                tuple(sorted(self.actors[(service, channel)].items(),
                                             key=lambda item: (-item[1], item[0]))))
                      for (service, channel), line in sorted(self.terms.items()))
        return ProviderReport(
            catalog.id, catalog.provider, catalog.title, self.period, services,
            tuple(counts.items()), sum(self.cases.values()), tuple(ranked[:top]),
            tuple((g, groups[g]) for g in CHANNEL_GROUPS),
            tuple((s, tuple(lines)) for s, lines in sorted(by_channel.items())),
            months, terms, self._refusals(),
            tuple(sorted(self.complaints, key=lambda r: (r.case_id, r.appeal))), self.end)

    def _refusals(self) -> tuple[RefusalCount, ...]:
        found: dict[tuple[str, str, str], list[Any]] = {}
        for (kind, service, ground, version), n in sorted(self.refusals.items()):
            title = self._ground(service, ground, version) if kind == "reasoned" else None
            key = (kind, service, ground)
            if key in found:
                found[key][1] += n
            else:
                found[key] = [title, n]
        return tuple(RefusalCount(kind, service, ground, title, n)
                     for (kind, service, ground), (title, n) in found.items())

    def _ground(self, service: str, ground: str, version: str) -> Text | None:
        standard = self.executor.corpus.standard_on(service, dt.date.fromisoformat(version))
        found = standard.ground(ground) if standard is not None else None
        return found.title if found is not None else None


def _months(period: Period, tz: str) -> list[int]:
    """The first instant of each month the period touches (its first one: the period's start)."""
    firsts = [period.first]
    day = period.first.replace(day=1)
    while True:
        day = (day + dt.timedelta(days=32)).replace(day=1)
        if day > period.last:
            break
        firsts.append(day)
    return [Period(d, d).bounds(tz)[0] for d in firsts]


def _month_label(micros: int, tz: str) -> str:
    return from_micros(micros, tz).strftime("%Y-%m")
