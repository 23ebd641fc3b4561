"""The floors in process and the checks after the overload, for benchmarks/bench_serve.py.

The floors: the same due computation as POST /due through the library, and `CaseBook.open`
on a new journal, each as many times as it goes in the given seconds. The checks: the server
kept answering during and after the overload, answered nothing but 2xx and 503 problems, left
no traceback, and (read with the engine's `Journal` once it stopped) lost no acknowledged case
open and opened none twice.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from benchmarks.serve_processes import CASE_BODY, DUE_BODY, LoadRun
from engine.calendar import parse_instant
from engine.cases import CaseBook, Executor, Journal
from server import ServerState, load_state

__all__ = ["check_overload", "due_answer", "in_process_due", "in_process_opens", "journal_opens"]

PROBE = "GET /calendar"


def due_answer(state: ServerState, service: str, channel: str, received: str) -> str:
    """The due instant as POST /due computes it (the same library calls, no HTTP)."""
    chosen = state.calendar
    instant = parse_instant(received, chosen.timezone)
    standard = state.corpus.standard_on(service, instant.date())
    assert standard is not None
    term = standard.channels[channel]
    counted = chosen.term_schedule(term.schedule, term.term, term.term_week)
    chosen.receive(instant, term.schedule)
    due = chosen.due(instant, term.term, counted,
                     exclude_acceptance_day=term.acceptance_day_excluded)
    chosen.provisional_note(instant.date(), due.date())
    return due.isoformat()


def in_process_due(specs: Path, seconds: float) -> float:
    """Due computations per second in process, for `seconds`."""
    state = load_state(specs)
    body = (DUE_BODY["service"], DUE_BODY["channel"], DUE_BODY["received"])
    due_answer(state, *body)  # the indexes of the calendar are built on first use
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for _ in range(100):
            due_answer(state, *body)
        done += 100
    return done / (time.perf_counter() - started)


def in_process_opens(specs: Path, seconds: float, workdir: Path) -> float:
    """`CaseBook.open` per second on a new journal in `workdir`, for `seconds`."""
    state = load_state(specs)
    executor = Executor(state.corpus, state.calendar)
    received = parse_instant(str(CASE_BODY["received"]), state.calendar.timezone)
    with Journal(workdir / "in-process.db") as journal:
        book = CaseBook(executor, journal)
        done, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            done += 1
            book.open(f"floor-{done}", str(CASE_BODY["service"]), str(CASE_BODY["channel"]),
                      received, str(CASE_BODY["applicant"]), list(CASE_BODY["documents"]),
                      command_id=f"open:floor-{done}")
        return done / (time.perf_counter() - started)


def journal_opens(db: Path) -> Counter[str]:
    """How many times each case of the journal was opened (its `opened` events)."""
    opened: Counter[str] = Counter()
    with Journal(db, readonly=True) as journal:
        for events in journal.every_case():
            opened[events[0].case_id] += sum(1 for event in events if event.kind == "opened")
    return opened


def check_overload(run: LoadRun, after: Sequence[tuple[int, float]], log: str, db: Path,
                   acknowledged: Sequence[str], *, journal: bool) -> list[tuple[str, bool]]:
    """Each check of the overload and whether it held."""
    loaded = [name for name in run.latencies_ms if name != PROBE]
    odd = {f"{name}: {k}": run.count(name, k) for name in loaded for k in ("other", "no answer")
           if run.count(name, k)}
    checks = [
        (f"{PROBE} answered during the overload ({run.count(PROBE)} probes, "
         f"{run.count(PROBE, 'no answer')} unanswered)",
         run.count(PROBE) > 0 and run.count(PROBE, "no answer") == 0),
        (f"{PROBE} answered 200 after the overload ({len(after)} of {len(after)})",
         all(status == 200 for status, _ in after)),
        ("every answer under load was a 2xx or a 503 problem+json with Retry-After"
         + (f" (else: {odd})" if odd else ""), not odd),
        ("no traceback in the server's log", "Traceback" not in log),
    ]
    if journal:
        opened = journal_opens(db)
        missing = [case for case in acknowledged if case not in opened]
        twice = sorted(case for case, n in opened.items() if n > 1)
        repeated = [case for case, n in Counter(acknowledged).items() if n > 1]
        checks += [
            (f"every acknowledged case open is in the journal ({len(set(acknowledged))} "
             f"acknowledged, {len(opened)} in the journal, missing {missing[:5]})",
             bool(acknowledged) and not missing),
            (f"no case opened twice in the journal ({twice[:5]}), none acknowledged twice "
             f"({repeated[:5]})", not twice and not repeated),
        ]
    return checks
