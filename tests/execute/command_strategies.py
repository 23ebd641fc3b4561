"""Hypothesis building blocks for commands on the corpus's cases, valid and invalid.

Shared by the tests that compare a way of running commands (`run_batch`, `run_cohort`)
with the definition, `run_one_by_one`: receipts on holidays, transfer days and after
hours, gaps that go back in time, instants with fractions of a second and beyond the
calendar, bad ИИН, missing and unknown documents, wrong steps, unknown outcomes and
grounds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import strategies as st

from engine.calendar import default_calendar, from_micros, to_micros
from engine.cases import CaseState, Command, Complete, Executor, Open, Refuse, moves_of
from engine.corpus import load_corpus
from engine.process import END_PREFIX

__all__ = ["ALMATY", "BAD_IIN", "CALENDAR", "EXECUTOR", "FAR", "GAPS", "GOOD_IIN", "OFFERS",
           "RECEIPTS", "ROOT", "UTC", "action", "instant", "open_command", "rarely"]

ROOT = Path(__file__).resolve().parents[2]
CALENDAR = default_calendar()
EXECUTOR = Executor(load_corpus([ROOT / "specs"]), CALENDAR)
#: (service, channel) of every regulation of the corpus in force 2015-2020.
OFFERS = sorted({(r.standard, channel) for r in EXECUTOR.corpus.regulations
                 for channel in r.processes})
UTC = dt.UTC
ALMATY = "Asia/Almaty"
#: Receipts: working hours, after hours, weekends, holidays (Nauryz, 16 December, New Year),
#: transferred days off and worked Saturdays, and one before the regulations were in force.
RECEIPTS = ["2015-08-28T18:10:00+06:00", "2015-12-12T10:00:00+06:00",
            "2015-12-31T21:00:00+06:00", "2016-03-07T10:00:00+06:00", "2016-12-16T15:00:00+06:00",
            "2017-03-17T18:15:00+06:00", "2017-03-19T22:00:00+06:00", "2017-07-05T18:45:00+06:00",
            "2018-03-03T19:50:00+06:00", "2018-03-07T18:20:00+06:00", "2018-04-28T15:00:00+06:00",
            "2018-12-28T16:00:00+06:00", "2019-03-22T11:00:00+06:00", "2019-05-07T10:00:00+06:00",
            "2019-12-13T17:50:00+06:00", "2020-01-05T12:50:00+06:00", "2015-07-20T10:00:00+06:00"]
#: Gaps between a case's actions, in seconds: minutes to a month, and back in time.
GAPS = [60, 37 * 60, 3 * 3600, 86_400, 3 * 86_400, 30 * 86_400, -600]
GOOD_IIN, BAD_IIN = "860306300458", "860306300459"
FAR = to_micros(dt.datetime(2026, 12, 30, 17, tzinfo=UTC))  # a due instant beyond the calendar


def rarely(draw: st.DrawFn, one_in: int) -> bool:
    """True once in `one_in` draws (shrinking towards False)."""
    return draw(st.sampled_from(range(one_in))) == one_in - 1


def instant(micros: int, draw: st.DrawFn) -> dt.datetime:
    """An aware datetime, in Almaty or UTC, now and then with a fraction of a second."""
    if rarely(draw, 10):
        micros += 123_456
    zone = draw(st.sampled_from([ALMATY, "UTC"]))
    seconds, rest = divmod(micros, 1_000_000)
    value = dt.datetime.fromtimestamp(seconds, tz=UTC).replace(microsecond=rest)
    return value if zone == "UTC" else from_micros(to_micros(value), ALMATY)


def open_command(draw: st.DrawFn, case_id: str, command_id: str | None) -> Command:
    service, channel = draw(st.sampled_from(OFFERS))
    received = to_micros(dt.datetime.fromisoformat(draw(st.sampled_from(RECEIPTS))))
    at = instant(received, draw)
    try:
        standard, _ = EXECUTOR.resolve(service, at.date())
        required = [d.id for d in standard.required_documents(channel)]
    except Exception:  # not in force: the batch must reject it as the executor does
        required = []
    documents = draw(st.sampled_from([required] * 4 + [required[1:], [*required, "no_such_document"]]))
    applicant = BAD_IIN if rarely(draw, 10) else GOOD_IIN
    return Open(case_id, service, channel, at, applicant, tuple(documents), None, command_id)


def action(draw: st.DrawFn, state: CaseState, command_id: str | None) -> Command:
    gap = draw(st.sampled_from(GAPS))
    micros = FAR if rarely(draw, 20) else state.last_at + gap * 1_000_000
    at = instant(micros, draw)
    by = draw(st.sampled_from(["clerk-1", "head-2"]))
    _, _, graph = EXECUTOR._specs(state)
    steps = sorted(n for n in graph.nodes if not n.startswith(END_PREFIX) and "step" in graph.nodes[n])
    if rarely(draw, 10):
        ground = draw(st.sampled_from(["unreliable_documents", "requirements_not_met", "whim"]))
        return Refuse(state.case_id, ground, at, by, command_id)
    active = state.active.step if state.active is not None else draw(st.sampled_from(steps))
    step = draw(st.sampled_from(steps)) if rarely(draw, 8) else active
    offered = moves_of(graph, step).offered if step in graph else []
    outcome = draw(st.sampled_from([*offered, *offered, None, "maybe"])) if offered else (
        "maybe" if rarely(draw, 10) else None)
    ground = None
    if state.active is not None and step == active:
        try:
            target, grounds = EXECUTOR.leads_to(state, outcome)
        except Exception:
            target, grounds = "", ()
        if target == f"{END_PREFIX}refusal":
            ground = draw(st.sampled_from([*grounds, *grounds, None, "whim"]))
        elif rarely(draw, 20):
            ground = "unreliable_documents"
    return Complete(state.case_id, step, at, by, outcome, ground, command_id)
