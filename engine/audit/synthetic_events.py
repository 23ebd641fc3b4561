"""The events and the known truth of the walked cases of one path (`engine.audit.synthetic_walk`).

Per case: the receipt (the activity `RECEIVED`, at the moment the application came in),
then one event per step done — its activity, when it was done (as logged: swapped for an
`order` fault), by whom (one person of each actor per case; the slow person for the slow
actor's steps of a `slow` case), the outcome at a decision, the ground at a reasoned
refusal — less the skipped step, plus the repeated one. The truth is what an audit must
find, read off the instants with the calendar's arithmetic: every step done past its due
instant (`late`, whatever made it so), every case finished past its term (`term`), and the
faults written into the log (`skip`, `repeat`, `order`, `outcome`, `ground`); and per case
its term's verdict and margin (`case`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from engine.audit.synthetic_faults import FAULTS
from engine.audit.synthetic_names import Names
from engine.audit.synthetic_plan import ChannelPlan, PathPlan
from engine.audit.synthetic_timing import NONE, Timing, iso_local
from engine.audit.synthetic_walk import GROUND, ORDER, OUTCOME, REPEAT, SKIP, Walked

__all__ = ["UNDEFINED", "Events", "path_events"]

Int64Array = npt.NDArray[np.int64]
#: The finding an audit makes of each fault written into the log.
_FOUND_AS = {"skip": "missing_step", "repeat": "repeated_step", "order": "out_of_order",
             "ground": "refusal_without_ground"}
#: The outcome a decision with the `outcome` fault carries when it carries one (else none).
UNDEFINED = "не определено"


@dataclass
class Events:
    """Events as columns (codes into `Names`), rows in any order; `key` orders a case's
    events as the regulation does; `truth` holds (case row, JSON line) pairs."""

    row: list[Int64Array] = field(default_factory=list)
    key: list[Int64Array] = field(default_factory=list)
    activity: list[Int64Array] = field(default_factory=list)
    at: list[Int64Array] = field(default_factory=list)
    resource: list[Int64Array] = field(default_factory=list)
    outcome: list[Int64Array] = field(default_factory=list)
    ground: list[Int64Array] = field(default_factory=list)
    truth: list[tuple[int, str]] = field(default_factory=list)

    def add(self, row: Int64Array, key: int | Int64Array, activity: int, at: Int64Array,
            resource: Int64Array, outcome: Int64Array, ground: Int64Array) -> None:
        self.row.append(row)
        self.key.append(np.broadcast_to(np.asarray(key, dtype=np.int64), row.shape))
        self.activity.append(np.full(row.size, activity, dtype=np.int64))
        self.at.append(at)
        self.resource.append(resource)
        self.outcome.append(outcome)
        self.ground.append(ground)


def path_events(events: Events, names: Names, timing: Timing, channel: ChannelPlan,
                path: PathPlan, rows: Int64Array, ids: list[str], raw: Int64Array,
                walked: Walked, fault: npt.NDArray[np.int8], position: Int64Array,
                people: Int64Array, values: npt.NDArray[np.float64],
                holiday: list[str | None]) -> None:
    """Add the events and truth of the cases `rows` (named `ids`) of one path.

    Args:
        people: per case and step, the resource who does it.
        values: per case, a draw choosing the ground cited and the undefined outcome.
        holiday: per case, the holiday it runs over (None for most).
    """
    length = len(path.steps)
    none = np.zeros(rows.size, dtype=np.int64)
    events.add(rows, 0, 0, raw, people[:, 0], none, none)
    for k, step in enumerate(path.steps):
        keep = ~((fault == SKIP) & (position == k))
        outcome = path.outcomes[k]
        code = names.code(names.values, outcome) if outcome else 0
        outcomes = np.full(rows.size, code, dtype=np.int64)
        wrong = (fault == OUTCOME) & (position == k)
        undefined = names.code(names.values, UNDEFINED)
        outcomes[wrong] = np.where(values[wrong] < 0.5, 0, undefined)
        grounds = none
        if k == length - 1 and path.ending == "refusal":
            choice = (values * len(path.grounds)).astype(np.int64) % max(1, len(path.grounds))
            table = np.array([names.code(names.values, g) for g in path.grounds] or [0])
            grounds = np.where(fault == GROUND, 0, table[choice])
        events.add(rows[keep], 2 * (k + 1), step.activity, walked.logged[keep, k],
                   people[keep, k], outcomes[keep], grounds[keep])
        again = np.flatnonzero((fault == REPEAT) & (position == k))
        events.add(rows[again], 2 * (k + 1) + 1, step.activity, walked.repeat_at[again],
                   people[again, k], outcomes[again], grounds[again])
    _truth(events, names, timing, channel, path, rows, ids, walked, fault, position, people,
           values, holiday)


def _truth(events: Events, names: Names, timing: Timing, channel: ChannelPlan, path: PathPlan,
           rows: Int64Array, ids: list[str], walked: Walked, fault: npt.NDArray[np.int8],
           position: Int64Array, people: Int64Array, values: npt.NDArray[np.float64],
           holiday: list[str | None]) -> None:
    zone = timing.calendar.timezone
    steps = path.steps
    late = (walked.dues != NONE) & (walked.times > walked.dues)
    for k in np.flatnonzero(late.any(axis=0)).tolist():
        hit = np.flatnonzero(late[:, k])
        schedule = steps[k].schedule
        minutes = (timing.worked(schedule, walked.times[hit, k])
                   - timing.worked(schedule, walked.dues[hit, k])) // 60
        due, done = (iso_local(walked.dues[hit, k], zone).tolist(),
                     iso_local(walked.times[hit, k], zone).tolist())
        for n, i in enumerate(hit.tolist()):
            _line(events, rows[i], ids[i], "late_step", steps[k].node, {
                "injected": FAULTS[fault[i] - 1] if fault[i] else None,
                "late_minutes": int(minutes[n]), "due": due[n], "completed": done[n],
                "resource": names.resources[people[i, k]]})
    depends = (walked.elapsed != NONE) & (walked.times > walked.elapsed) & ~late
    for k in np.flatnonzero(depends.any(axis=0)).tolist():
        hit = np.flatnonzero(depends[:, k])
        due, done = (iso_local(walked.elapsed[hit, k], zone).tolist(),
                     iso_local(walked.times[hit, k], zone).tolist())
        for n, i in enumerate(hit.tolist()):
            _line(events, rows[i], ids[i], "late_step_depends", steps[k].node, {
                "injected": FAULTS[fault[i] - 1] if fault[i] else None,
                "elapsed_due": due[n], "completed": done[n],
                "resource": names.resources[people[i, k]]})
    for i in np.flatnonzero(fault > 0).tolist():
        k = int(position[i])
        kind = FAULTS[fault[i] - 1]
        detail: dict[str, object] = {"injected": kind}
        if fault[i] == ORDER:  # the later step's event came first: it is out of order
            detail["after"] = steps[k].node
            k += 1
        elif fault[i] == REPEAT:
            detail["at"] = iso_local(walked.repeat_at[i:i + 1], zone)[0]
        elif fault[i] == OUTCOME:
            detail["outcome"] = None if values[i] < 0.5 else UNDEFINED
        elif kind not in ("skip", "ground"):
            continue  # late, slow, term, holiday and reading: found from the instants
        _line(events, rows[i], ids[i], _FOUND_AS[kind] if fault[i] != OUTCOME
              else ("no_outcome" if values[i] < 0.5 else "unknown_outcome"), steps[k].node, detail)
    _cases(events, timing, channel, path, rows, ids, walked, fault, holiday)


def _cases(events: Events, timing: Timing, channel: ChannelPlan, path: PathPlan,
           rows: Int64Array, ids: list[str], walked: Walked, fault: npt.NDArray[np.int8],
           holiday: list[str | None]) -> None:
    zone = timing.calendar.timezone
    finish = walked.times[:, -1]
    counted = path.ending != "refusal_to_accept"
    spare = (timing.worked(channel.term_schedule, walked.term_due)
             - timing.worked(channel.term_schedule, finish))
    margin = np.sign(spare) * (np.abs(spare) // 60)  # whole minutes, toward zero
    missed = counted & (finish > walked.term_due)
    due, done = iso_local(walked.term_due, zone).tolist(), iso_local(finish, zone).tolist()
    for i in np.flatnonzero(missed).tolist():
        _line(events, rows[i], ids[i], "missed_term", None, {
            "injected": FAULTS[fault[i] - 1] if fault[i] else None,
            "late_minutes": -int(margin[i]), "due": due[i], "finished": done[i]})
    # one line per case, formatted as json.dumps would (ids, dates and spec ids need no
    # escaping), without its cost on millions of cases
    head = (f'", "kind": "case", "step": null, "detail": {{"service": "{channel.service}", '
            f'"channel": "{channel.channel}", "ending": "{path.ending}", "verdict": ')
    margins = margin.tolist()
    for i, row in enumerate(rows.tolist()):
        day = holiday[i]
        if counted:
            verdict = (f'"{"missed" if missed[i] else "met"}", "margin_minutes": {margins[i]}, '
                       f'"due": "{due[i]}"')
        else:
            verdict = 'null, "margin_minutes": null, "due": null'
        events.truth.append((row, f'{{"case_id": "{ids[i]}{head}{verdict}, "finished": '
                                  f'"{done[i]}", "holiday": '
                                  f'{"null" if day is None else chr(34) + day + chr(34)}}}}}'))


def _line(events: Events, row: int, case: str, kind: str, step: str | None,
          detail: dict[str, object]) -> None:
    events.truth.append((int(row), json.dumps(
        {"case_id": case, "kind": kind, "step": step, "detail": detail}, ensure_ascii=False)))
