"""The report's counts by columns: the cases that walked alike, counted at once.

A case's figures depend on its instants only through its due instants; everything else —
its specs, the steps it took, their actors, how it ended, the ground or article cited — is
fixed by the kinds of its events and what their payloads name. So, as a cohort is run
(`engine.cases.cohort_run`), `count_walks`:

1. reads the journal once, a row per case (`engine.cases.journal_walks`), and groups the
   cases of the provider's services by their walk: the kinds of their events and the
   fields of the payloads that steer a replay (each distinct payload parsed once);
2. replays one case of each group, its template, strictly (`Journal.events`, then
   `Executor.fold`), noting the step it waits on after each event;
3. counts the due instants of the group's cases received in the period with the
   calendar's array functions (`due_many`, `meetings_many`), event by event of the
   template, and hands the counts to the `Tally` (`Tally.walked`);
4. replays one by one, as the strict way does (`Tally.case`), every case that is not
   plain: with a complaint, whose columns are not what reglament writes, whose instants
   are not whole seconds, go back or leave the calendar, whose group's template cannot be
   replayed, or one of whose due instants cannot be counted.

The rows of a grouped case other than the template are not checked field by field as
`Journal.events` checks them (`provider_report(..., strict=True)` does): a row reglament
did not write is found only where it changes the walk. The figures are the same either way
(`tests/report/test_walks.py`).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import cast

import networkx as nx
import numpy as np
import numpy.typing as npt

from engine.calendar import CalendarError, NoCalendarData
from engine.cases import ActiveStep, CaseState, ExecutionError, Executor, Journal, ReplayError
from engine.cases.batch_due import due_many, meetings_many
from engine.cases.cohort_columns import _received
from engine.cases.journal_walks import PAYLOAD_SEPARATOR, case_walks
from engine.report.tally import Tally

__all__ = ["count_walks"]

Int64Array = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
NONE = np.iinfo(np.int64).min
_MICRO = 1_000_000
#: The payload fields that steer a replay; the others (applicant, documents, by) do not.
_FIELDS = ("service", "standard_version", "regulation", "regulation_version", "channel", "step",
           "outcome", "ground", "article")
_PLAIN = frozenset({"opened", "acceptance_refused", "step_completed", "refused"})
#: Distinct payloads kept parsed at most (a step's repeat; an opening's rarely does).
_KEPT = 200_000
Token = tuple[str | None, ...]


def count_walks(journal: Journal, tally: Tally, wanted: set[str]) -> None:
    """Count every case of `wanted` services into `tally`, as `Tally.case` would one by one.

    Raises:
        ReplayError: a case that cannot be read or replayed (a template, or a case counted
            one by one).
    """
    groups: dict[tuple[str, tuple[int, ...]], tuple[list[str], list[str]]] = defaultdict(
        lambda: ([], []))
    slow: list[str] = []
    numbers: dict[str, int] = {}  # payload -> the number of its token, -1 for a bad one
    known: dict[Token, int] = {}  # token -> its number
    wanted_numbers: set[int] = set()  # tokens of openings of the wanted services
    shapes: dict[str, str | None] = {}  # kinds -> the sequence numbers expected, None: not plain
    for case_id, seqs, ats, kinds, payloads in case_walks(journal):
        if type(case_id) is not str:
            journal.cases()  # raises what the strict reading raises for an id that is not text
            raise ReplayError(f"{journal.path}: case {case_id!r}: its id is not text")
        expected = shapes.get(kinds, "")
        if expected == "":
            expected = shapes[kinds] = _expected(kinds)
        if seqs != expected:
            slow.append(case_id)
            continue
        parts = payloads.split(PAYLOAD_SEPARATOR)
        found = tuple(map(numbers.get, parts))
        if None in found:
            if len(numbers) > _KEPT:
                numbers.clear()
            found = tuple(_number(p, numbers, known, wanted, wanted_numbers) for p in parts)
        if found[0] not in wanted_numbers and found[0] != -1:
            continue  # another provider's service
        if -1 in found or len(parts) != kinds.count(",") + 1:
            slow.append(case_id)
            continue
        members = groups[(kinds, cast(tuple[int, ...], found))]
        members[0].append(case_id)
        members[1].append(ats)
    for ids, ats_of in groups.values():
        slow += _count_group(journal, tally, ids, ats_of)
    for case_id in sorted(slow):
        tally.case(journal.events(case_id), wanted)


def _token(payload: str) -> Token | None:
    """The fields of a payload that steer a replay, or None for one reglament did not write."""
    try:
        data = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    token = tuple(data.get(name) for name in _FIELDS)
    return token if all(v is None or type(v) is str for v in token) else None


def _expected(kinds: str) -> str | None:
    """The sequence numbers of a plain walk of these kinds ("1,2,3"), else None."""
    names = kinds.split(",")
    if names[0] != "opened" or not _PLAIN.issuperset(names):
        return None
    return ",".join(map(str, range(1, len(names) + 1)))


def _number(payload: str, numbers: dict[str, int], known: dict[Token, int], wanted: set[str],
            wanted_numbers: set[int]) -> int:
    """The number of a payload's token (noted in `numbers`), -1 for a bad one."""
    found = numbers.get(payload)
    if found is None:
        token = _token(payload)
        if token is None:
            found = -1
        else:
            found = known.setdefault(token, len(known))
            if token[0] is not None and token[0] in wanted:
                wanted_numbers.add(found)
        numbers[payload] = found
    return found


def _count_group(journal: Journal, tally: Tally, ids: list[str], ats_of: list[str]) -> list[str]:
    """Count a group's cases received in the period; the ids left to count one by one."""
    try:
        at = np.array(",".join(ats_of).split(","), dtype=np.int64).reshape(len(ids), -1)
    except (ValueError, OverflowError):  # an instant that is not an integer: read strictly
        return ids
    inside = np.flatnonzero((at[:, 0] >= tally.start) & (at[:, 0] < tally.end))
    if inside.size == 0:
        return []
    at = at[inside]
    executor = tally.executor
    midnight = executor.calendar.working_time().us["midnight"]
    good: Mask = ((at % _MICRO == 0).all(axis=1) & (np.diff(at, axis=1) >= 0).all(axis=1)
                  & (at >= midnight[0]).all(axis=1) & (at < midnight[-1]).all(axis=1))
    if not good.any():
        return [ids[i] for i in inside.tolist()]
    template = ids[int(inside[np.argmax(good)])]
    replayed = _replay(executor, journal, template)
    if replayed is None:
        return [ids[i] for i in inside.tolist()]
    state, kinds, actives = replayed
    ok = good.copy()
    counted = _columns(executor, state, kinds, actives, at[good], tally.end)
    if counted is None:
        return [ids[i] for i in inside.tolist()]
    failed, met, missed, open_late, late = counted
    ok[np.flatnonzero(good)[failed]] = False
    keep = ~failed
    actors: Counter[str] = Counter()
    for actor, flags in late:  # several steps may be one actor's
        actors[actor] += int(flags[keep].sum())
    tally.walked(state, at[good][keep, 0], int(met[keep].sum()), int(missed[keep].sum()),
                 int(open_late[keep].sum()), actors)
    return [ids[i] for i in inside[~ok].tolist()]


def _replay(executor: Executor, journal: Journal,
            case_id: str) -> tuple[CaseState, list[str], list[ActiveStep | None]] | None:
    """A case replayed strictly, with the kind of each event and the step it waits on
    after it; None when it cannot be replayed (counted one by one, it raises what the
    strict way raises)."""
    state: CaseState | None = None
    kinds: list[str] = []
    actives: list[ActiveStep | None] = []
    try:
        for event in journal.events(case_id):
            state = executor.fold(state, event, copy=False)
            kinds.append(event.kind)
            actives.append(state.active)
    except (ExecutionError, CalendarError):
        return None
    assert state is not None
    return state, kinds, actives


def _columns(executor: Executor, state: CaseState, kinds: list[str],
             actives: list[ActiveStep | None], at: Int64Array,
             end: int) -> tuple[Mask, Mask, Mask, Mask, list[tuple[str, Mask]]] | None:
    """Per case of a group (its instants `at`, a column per event): whether a due instant
    failed, met, missed, open past its due at the period's end, and the late steps of
    each actor (a flag per case per step)."""
    standard, _, graph = executor._specs(state)
    info = standard.channels[state.channel]
    try:
        received = _received(executor, info.schedule, at[:, 0])
    except NoCalendarData:
        return None
    term, failed = due_many(executor, executor.term_schedule(standard, state.channel), received,
                            info.term, info.acceptance_day_excluded)
    dues: list[Int64Array | None] = []
    for j, active in enumerate(actives):
        if active is None:
            dues.append(None)
            continue
        due, bad = _dues(executor, graph, active.step, received if j == 0 else at[:, j], term)
        dues.append(due)
        failed = failed | bad
    return (failed, *_judged(state, kinds, actives, dues, at, term, end))


def _judged(state: CaseState, kinds: list[str], actives: list[ActiveStep | None],
            dues: list[Int64Array | None], at: Int64Array, term: Int64Array,
            end: int) -> tuple[Mask, Mask, Mask, list[tuple[str, Mask]]]:
    """Met, missed, open past due at `end`, and the late steps by actor, per case
    (what `Tally.case` reads off each replayed state)."""
    none = np.zeros(at.shape[0], dtype=bool)
    timed = state.closed and state.status != "refused_to_accept"
    finished = at[:, -1]
    met, missed = (finished <= term, finished > term) if timed else (none, none)
    late: list[tuple[str, Mask]] = []
    for j in range(1, len(kinds)):
        # a step completed or a refusal finishes the step waited on after the event before
        waited, due = actives[j - 1], dues[j - 1]
        if kinds[j] in ("step_completed", "refused") and waited is not None and due is not None:
            late.append((waited.actor, (due != NONE) & (at[:, j] > due)))
    if state.closed:
        return met, missed, none, late
    waited, due = actives[-1], dues[-1]
    if waited is not None and due is not None:
        late.append((waited.actor, (due != NONE) & (due < end)))
    return met, missed, term < end, late


def _dues(executor: Executor, graph: nx.DiGraph, step: str, starts: Int64Array,
          term: Int64Array) -> tuple[Int64Array, Mask]:
    """The due instants of `step` entered at `starts`, as `CaseGraphs._enter` counts them."""
    attrs = graph.nodes[step]
    spec = attrs["step"]
    failed = np.zeros(starts.size, dtype=bool)
    if spec.waits_for is not None:  # the meeting first, then the step's own duration
        starts, failed = meetings_many(executor, attrs["schedule"], starts, spec.waits_for)
        if spec.duration is None and not spec.rest_of_term:
            return np.where(failed, 0, starts).astype(np.int64), failed
    if spec.rest_of_term:  # the implied process's render: due when the term ends
        return term.astype(np.int64), failed
    if spec.duration is None:
        return np.full(starts.size, NONE, dtype=np.int64), failed
    due, bad = due_many(executor, attrs["schedule"], starts, spec.duration, False)
    return due.astype(np.int64), failed | bad
