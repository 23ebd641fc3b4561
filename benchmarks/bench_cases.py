"""Benchmark of cases: our executor and journal against SpiffWorkflow on the same process.

Run from the project root, after `pip install -e '.[test,bench]'`:

    python benchmarks/bench_cases.py [--cases 100000] [--spiff-cases 20000] [--seed 5]
        [--durable-cases N] [--batch-size 1000] [--modes a,a2,b,b2,c,d]

The process (benchmarks/data/cases/*.yaml for the engine, benchmarks/data/
bench-certificate.bpmn in BPMN 2.0 for SpiffWorkflow): receipt at the provider's
office, five tasks over three actors (clerk, head, executor), the head's decision,
then the result or a reasoned refusal. `--cases` plans are drawn once (fixed seed):
a receipt moment inside the reception hours of a working day of 2025, each step
completed after a random amount of working time (some late), 80% issued and 20%
refused with a ground. Every mode runs the same plans, in one process:

(a) ours, in memory: `Executor.open` / `complete`, each event folded with `apply`;
(b) ours, durable: `CaseBook` on a temporary SQLite journal (WAL, synchronous=FULL:
    every command is one committed, fsynced transaction);
(c) SpiffWorkflow, in memory: `BpmnWorkflow` on the parsed spec, each user task run
    with its data, then the engine steps (the gateway evaluates the conditions);
(d) SpiffWorkflow, durable: as (c), with the workflow serialised to JSON by its
    `BpmnWorkflowSerializer` at every wait state (after the start and after each
    task), kept in memory (not written to disk);
(a2) ours, batch in memory: the plans as commands (`Open`, `Complete`; made inside
    the timing, a batch at a time as an importer reading a file makes them) through
    `engine.cases.batch.run_batch`, `--batch-size` at a time, the
    states of open cases passed on to the next batch (an analyst's stream: the events
    and states of each batch are returned, then dropped as (a) drops its states);
(f) a floor, not an engine: the plans as commands, each command's instant converted
    to microseconds and one `Event` built per command, nothing validated, no calendar,
    no state — what any engine taking commands and giving events as Python objects
    spends at least, for the record of what a ratio to SpiffWorkflow can reach;
(b2) ours, batch durable: the same commands through `CaseBook.apply_many`,
    `--batch-size` at a time, each batch one committed, fsynced transaction (group
    commit) on a temporary SQLite journal; the endings are read back from the journal
    (every case replayed, outside the timing).

Our side validates each command (active step, outcome, ground, time order) and
computes real due instants on the calendar of Kazakhstan: the case's term on
receipt and every step's time limit (7 per case, after the moment of receipt on the
schedule). SpiffWorkflow checks that the
ready task is the planned one; it computes no time limits. SpiffWorkflow is much
slower, so it runs the first `--spiff-cases` plans (default: all up to 20,000) and
its per-case rate is extrapolated; the output says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import random
import re
import sqlite3
import sys
import tempfile
import time
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.calendar import Calendar, default_calendar, to_micros
from engine.calendar.arithmetic import due_micros
from engine.cases import (
    CaseBook,
    CaseState,
    Cohort,
    Command,
    Complete,
    Event,
    Executor,
    Journal,
    Open,
    run_batch,
    run_cohort,
)
from engine.corpus import load_corpus
from engine.spec import Duration, check_digit

__all__ = [
    "BPMN",
    "SPECS",
    "Plan",
    "batches_of",
    "cohort_of",
    "commands_of",
    "floor",
    "journal_endings",
    "make_plans",
    "ours_batch_durable",
    "ours_batch_in_memory",
    "ours_cohort",
    "ours_cohort_durable",
    "ours_durable",
    "ours_in_memory",
    "spiff_durable",
    "spiff_in_memory",
    "spiff_spec",
]

DATA = Path(__file__).resolve().parent / "data"
SPECS = DATA / "cases"
BPMN = DATA / "bench-certificate.bpmn"
SERVICE = "bench-certificate"
CHANNEL = "provider_office"
PROCESS_ID = "bench_certificate"
YEAR = 2025
ZONE = zoneinfo.ZoneInfo("Asia/Almaty")
#: The steps after receipt, in order: (step, actor, time limit in working minutes).
STEPS = (("register", "clerk", 15), ("assign", "head", 180), ("examine", "executor", 510),
         ("search_archive", "executor", 510), ("prepare_draft", "executor", 510),
         ("decide", "head", 240))
GROUNDS = ("requirements_not_met", "unreliable_documents")
DOCUMENTS = ("application", "identity_document")
#: The way each engine names the two endings.
OURS_ENDINGS = {"result": "result", "refusal": "refusal"}
SPIFF_ENDINGS = {"end_result": "result", "end_refusal": "refusal"}


@dataclass(frozen=True)
class Action:
    """One planned completion of a step."""

    step: str
    at: dt.datetime
    iso: str
    micros: int
    by: str
    outcome: str | None
    ground: str | None


@dataclass(frozen=True)
class Plan:
    """One case: who applies, when, and how each step is completed."""

    case_id: str
    received: dt.datetime
    micros: int
    applicant: str
    actions: tuple[Action, ...]


def _iins(rng: random.Random, count: int) -> list[str]:
    """Valid ИИН (born 1950-2005, check digit computed)."""
    found: list[str] = []
    while len(found) < count:
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20_000))
        century = 3 if born.year < 2000 else 5
        first = f"{born:%y%m%d}{century + rng.randrange(2)}{rng.randrange(10_000):04d}"
        digit = check_digit(first)
        if digit is not None:
            found.append(f"{first}{digit}")
    return found


def make_plans(n: int, calendar: Calendar, seed: int = 5) -> list[Plan]:
    """`n` case plans over `YEAR`: receipts in reception hours, completions in working time."""
    rng = random.Random(seed)
    index = calendar.working_time("provider")
    reception = calendar.schedule("provider").reception
    table = index.days
    days = [d for d in range(index.size)
            if table.date(d).year == YEAR and table.working[d]]
    applicants = _iins(rng, 1000)
    plans = []
    for number in range(n):
        day = rng.choice(days)
        period = rng.choice(reception)
        minute = rng.randrange(period.start, period.end)
        midnight = index.us["midnight"][day]
        received = midnight + minute * 60_000_000
        at = received
        actions = []
        for step, actor, limit in STEPS:
            # Working minutes until done: mostly within the limit, one step in ten late.
            spent = max(1, round(limit * rng.uniform(0.05, 1.25 if rng.random() < 0.1 else 0.95)))
            at = due_micros(index, at, Duration(spent, "min"))
            outcome = ground = None
            if step == "decide":
                outcome = "issue" if rng.random() < 0.8 else "refuse"
                ground = rng.choice(GROUNDS) if outcome == "refuse" else None
            when = _datetime(at)
            actions.append(Action(step, when, when.isoformat(), at,
                                  f"{actor}-{rng.randrange(1, 6)}", outcome, ground))
        plans.append(Plan(f"case-{number:06d}", _datetime(received), received,
                          rng.choice(applicants), tuple(actions)))
    return plans


def _datetime(micros: int) -> dt.datetime:
    seconds, rest = divmod(micros, 1_000_000)
    return dt.datetime.fromtimestamp(seconds, tz=ZONE).replace(microsecond=rest)


# -- our engine ------------------------------------------------------------------------


def ours_in_memory(executor: Executor, plans: Sequence[Plan]) -> Counter[str]:
    """(a) Every plan through the executor, each event folded into the state in memory."""
    endings: Counter[str] = Counter()
    complete, apply = executor.complete, executor.apply
    for plan in plans:
        state = None
        for event in executor.open(plan.case_id, SERVICE, CHANNEL, plan.received,
                                   plan.applicant, DOCUMENTS):
            state = apply(state, event)
        assert state is not None
        for action in plan.actions:
            for event in complete(state, action.step, at=action.at, by=action.by,
                                  outcome=action.outcome, ground=action.ground):
                state = apply(state, event)
        endings[OURS_ENDINGS[state.status]] += 1
    return endings


def ours_durable(executor: Executor, path: Path, plans: Sequence[Plan]) -> Counter[str]:
    """(b) Every plan through a `CaseBook` on the SQLite journal at `path`."""
    endings: Counter[str] = Counter()
    with Journal(path) as journal:
        book = CaseBook(executor, journal)
        for plan in plans:
            state = book.open(plan.case_id, SERVICE, CHANNEL, plan.received, plan.applicant,
                              DOCUMENTS)
            for action in plan.actions:
                state = book.complete(plan.case_id, action.step, at=action.at, by=action.by,
                                      outcome=action.outcome, ground=action.ground)
            endings[OURS_ENDINGS[state.status]] += 1
    return endings


def commands_of(plans: Sequence[Plan]) -> Iterator[Command]:
    """The plans as the commands of a batch, case after case (made as they are read)."""
    for plan in plans:
        case_id = plan.case_id
        yield Open(case_id, SERVICE, CHANNEL, plan.received, plan.applicant, DOCUMENTS)
        for action in plan.actions:
            yield Complete(case_id, action.step, action.at, action.by, action.outcome,
                           action.ground)


def batches_of(plans: Sequence[Plan], size: int) -> Iterator[list[Command]]:
    """The commands of the plans, `size` at a time (a case may span two batches), made as
    an importer reading a file makes them: one batch in memory at a time."""
    batch: list[Command] = []
    for command in commands_of(plans):
        batch.append(command)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def ours_batch_in_memory(executor: Executor, plans: Sequence[Plan],
                         batch_size: int) -> Counter[str]:
    """(a2) Every plan as commands through `run_batch`, `batch_size` at a time, the states
    of the cases still open carried from one batch to the next (`states=`)."""
    endings: Counter[str] = Counter()
    open_states: dict[str, CaseState] = {}
    for batch in batches_of(plans, batch_size):
        result = run_batch(executor, batch, open_states)
        if not all(applied.accepted for applied in result.applied):
            raise AssertionError(next(a.error for a in result.applied if not a.accepted))
        open_states = {}
        for case_id, state in result.states.items():
            if state.closed:
                endings[OURS_ENDINGS[state.status]] += 1
            else:
                open_states[case_id] = state
    if open_states:
        raise AssertionError(f"{len(open_states)} cases did not end")
    return endings


def cohort_of(plans: Sequence[Plan]) -> Cohort:
    """The plans as the columns of a cohort, made as an importer reading a table makes them
    (instants as the microseconds each engine's input carries, as SpiffWorkflow's carries
    ISO strings)."""
    case_ids, received, applicants = [], [], []
    rows, steps, at, by, outcomes, grounds = [], [], [], [], [], []
    for row, plan in enumerate(plans):
        case_ids.append(plan.case_id)
        received.append(plan.micros)
        applicants.append(plan.applicant)
        for action in plan.actions:
            rows.append(row)
            steps.append(action.step)
            at.append(action.micros)
            by.append(action.by)
            outcomes.append(action.outcome)
            grounds.append(action.ground)
    return Cohort(SERVICE, CHANNEL, case_ids, np.array(received, dtype=np.int64), applicants,
                  [DOCUMENTS] * len(plans), np.array(rows, dtype=np.int64), steps,
                  np.array(at, dtype=np.int64), by, outcomes, grounds)


def ours_cohort(executor: Executor, plans: Sequence[Plan], size: int,
                events: bool = False) -> Counter[str]:
    """(a3) Every plan through `run_cohort`, `size` cases a cohort; with `events` (a3e), each
    case's events are also made as `Event` objects."""
    endings: Counter[str] = Counter()
    for start in range(0, len(plans), size):
        result = run_cohort(executor, cohort_of(plans[start:start + size]))
        counts = result.counts()
        if counts["result"] + counts["refusal"] != len(result.cohort):
            errors = [*result.open_errors.values(), *result.action_errors.values()]
            raise AssertionError(f"not every case ended: {counts} {errors[:1]}")
        if events:
            made = sum(len(result.events(row)) for row in range(len(result.cohort)))
            if made != 7 * len(result.cohort):
                raise AssertionError(f"{made} events for {len(result.cohort)} cases")
        endings["result"] += counts["result"]
        endings["refusal"] += counts["refusal"]
    return endings


def floor(plans: Sequence[Plan]) -> Counter[str]:
    """(f) Commands made, instants converted, one event per command: no engine at all."""
    events: list[Event] = []
    append = events.append
    for command in commands_of(plans):
        if type(command) is Complete:
            append(Event(command.case_id, 2, "step_completed", f"{command.case_id}:2",
                         to_micros(command.at), {"step": command.step, "outcome": command.outcome,
                                                 "by": command.by, "ground": command.ground}))
        else:
            append(Event(command.case_id, 1, "opened", f"{command.case_id}:open",
                         to_micros(command.received), {"documents": command.documents}))
    return _endings_of(plans)  # what the plans decide: the floor decides nothing


def ours_batch_durable(executor: Executor, path: Path, plans: Sequence[Plan],
                       batch_size: int) -> Counter[str]:
    """(b2) Every plan as commands through `CaseBook.apply_many`, `batch_size` at a time."""
    with Journal(path) as journal:
        book = CaseBook(executor, journal)
        for batch in batches_of(plans, batch_size):
            applied = book.apply_many(batch)
            if not all(a.accepted for a in applied):
                raise AssertionError(next(a.error for a in applied if not a.accepted))
    return Counter()  # the endings are read back from the journal by `journal_endings`


def ours_cohort_durable(executor: Executor, path: Path, plans: Sequence[Plan],
                        size: int) -> Counter[str]:
    """(b3) Every plan through `CaseBook.import_cohort`, `size` cases a cohort, each cohort
    one committed, fsynced transaction."""
    with Journal(path) as journal:
        book = CaseBook(executor, journal)
        for start in range(0, len(plans), size):
            result = book.import_cohort(cohort_of(plans[start:start + size]))
            if result.open_errors or result.action_errors:
                raise AssertionError(next(iter({**result.open_errors,
                                                **result.action_errors}.values())))
    return Counter()  # the endings are read back from the journal by `journal_endings`


def journal_endings(executor: Executor, path: Path) -> Counter[str]:
    """How the cases of a journal ended: each replayed from its events."""
    with Journal(path) as journal:
        return Counter(OURS_ENDINGS[executor.replay(journal.events(case_id)).status]
                       for case_id in journal.cases())


# -- SpiffWorkflow ---------------------------------------------------------------------


def spiff_spec(path: Path = BPMN) -> Any:
    """The process spec of the BPMN file, parsed (and validated against the BPMN 2.0 XSD)."""
    from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, BpmnValidator

    parser = BpmnParser(validator=BpmnValidator())
    parser.add_bpmn_file(str(path))
    return parser.get_spec(PROCESS_ID)


def _spiff_run(spec: Any, plans: Sequence[Plan], persist: Callable[[Any], object] | None
               ) -> Counter[str]:
    from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
    from SpiffWorkflow.util.task import TaskState

    ready, completed = TaskState.READY, TaskState.COMPLETED
    endings: Counter[str] = Counter()
    for plan in plans:
        workflow = BpmnWorkflow(spec)
        workflow.data.update(case_id=plan.case_id, received=plan.received.isoformat(),
                             applicant=plan.applicant, documents=list(DOCUMENTS))
        workflow.do_engine_steps()
        if persist is not None:
            persist(workflow)
        for action in plan.actions:
            tasks = workflow.get_tasks(state=ready, manual=True)
            if len(tasks) != 1 or tasks[0].task_spec.name != action.step:
                raise AssertionError(f"{plan.case_id}: expected {action.step}, got {tasks}")
            task = tasks[0]
            task.data.update(by=action.by, at=action.iso, outcome=action.outcome,
                             ground=action.ground)
            task.run()
            workflow.do_engine_steps()
            if persist is not None:
                persist(workflow)
        if not workflow.is_completed():
            raise AssertionError(f"{plan.case_id}: the workflow did not end")
        ends = [t.task_spec.name for t in workflow.get_tasks(state=completed)
                if t.task_spec.name in SPIFF_ENDINGS]
        endings[SPIFF_ENDINGS[ends[0]]] += 1
    return endings


def spiff_in_memory(spec: Any, plans: Sequence[Plan]) -> Counter[str]:
    """(c) Every plan through SpiffWorkflow in memory."""
    return _spiff_run(spec, plans, None)


#: Characters and count of the JSON documents the last `spiff_durable` run wrote.
SPIFF_JSON = {"chars": 0, "documents": 0}


def spiff_durable(spec: Any, plans: Sequence[Plan]) -> Counter[str]:
    """(d) As (c), serialising the workflow to JSON at every wait state.

    Each document replaces the case's previous one in an in-memory store (a dict),
    as a durable engine keeps the last state of each running workflow; a finished
    workflow's last document is dropped (archived), so memory stays bounded.
    """
    from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer

    serializer = BpmnWorkflowSerializer()
    stored: dict[str, str] = {}
    SPIFF_JSON.update(chars=0, documents=0)

    def persist(workflow: Any) -> None:
        document = serializer.serialize_json(workflow)
        stored[workflow.data["case_id"]] = document
        SPIFF_JSON["chars"] += len(document)
        SPIFF_JSON["documents"] += 1
        if workflow.is_completed():
            del stored[workflow.data["case_id"]]

    endings = _spiff_run(spec, plans, persist)
    assert not stored, "every workflow ended"
    return endings


# -- the run ---------------------------------------------------------------------------


def _timed(work: Callable[[], Counter[str]]) -> tuple[float, float, Counter[str]]:
    """Wall and CPU seconds of `work`, and what it returned."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def fsync_probe(directory: Path, commits: int = 200) -> tuple[float, float]:
    """Median and 90th percentile seconds of a one-row commit in WAL, synchronous=FULL."""
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        db = sqlite3.connect(Path(tmp) / "probe.db", isolation_level=None)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("CREATE TABLE t (a INTEGER, b TEXT)")
        times = []
        for number in range(commits):
            began = time.perf_counter()
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO t VALUES (?, ?)", (number, "x" * 200))
            db.execute("COMMIT")
            times.append(time.perf_counter() - began)
        db.close()
    times.sort()
    return times[len(times) // 2], times[len(times) * 9 // 10]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--spiff-cases", type=int, default=None,
                        help="plans run through SpiffWorkflow (default: min(cases, 20000))")
    parser.add_argument("--durable-cases", type=int, default=None,
                        help="plans run through our journal, (b) (default: all)")
    parser.add_argument("--journal-dir", type=Path, default=Path(tempfile.gettempdir()),
                        help="where (b) writes its journal (default: the temp dir)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=1000,
                        help="commands per batch in (a2), per transaction in (b2) "
                             "(default: 1000)")
    parser.add_argument("--cohort-size", type=int, default=10_000,
                        help="cases per cohort in (a3) and (a3e) (default: 10000)")
    parser.add_argument("--modes", default="a,a2,a3,a3e,f,b,b2,b3,c,d",
                        help="which to run, e.g. 'a3,b3' for our cohorts only "
                             "(default: a,a2,a3,a3e,f,b,b2,b3,c,d)")
    args = parser.parse_args(argv)
    modes = set(re.findall(r"a3e|[abcdf][23]?", args.modes))
    n = args.cases
    spiff_n = min(n, args.spiff_cases if args.spiff_cases is not None else 20_000)
    durable_n = min(n, args.durable_cases if args.durable_cases is not None else n)

    from SpiffWorkflow.version import __version__ as spiff_version  # the `bench` extra

    began = time.perf_counter()
    calendar = default_calendar()
    executor = Executor(load_corpus([SPECS]), calendar)
    ours_setup = time.perf_counter() - began
    began = time.perf_counter()
    spec = spiff_spec()
    spiff_setup = time.perf_counter() - began
    plans = make_plans(n, calendar, args.seed)
    # The plans are the benchmark's input, alive through every mode: kept out of the
    # collector's full passes, which would otherwise walk them (millions of objects) in
    # whichever mode keeps enough objects alive to trigger one (the batch modes' results).
    gc.collect()
    gc.freeze()

    say = functools.partial(print, flush=True)
    say(f"python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, SpiffWorkflow "
        f"{spiff_version}, {dt.date.today().isoformat()}, seed {args.seed}")
    say(f"process: receipt -> {len(STEPS) - 1} tasks over 3 actors -> a decision -> result "
        f"or refusal; {n:,} plans, receipts in the reception hours of working days of {YEAR}")
    say(f"setup: our corpus + calendar {ours_setup * 1e3:.0f} ms, SpiffWorkflow BPMN parse "
        f"{spiff_setup * 1e3:.0f} ms (not in the rates); the plans are frozen out of the "
        "garbage collector (gc.freeze) for every mode")

    names = {"a": "(a) ours, in memory (Executor + apply)",
             "a2": f"(a2) ours, batch in memory ({args.batch_size:,}/batch)",
             "a3": f"(a3) ours, columnar cohort ({args.cohort_size:,}/cohort)",
             "a3e": "(a3e) the same, every Event also made",
             "f": "(f) floor: commands in, Events out, no engine",
             "b": "(b) ours, durable (CaseBook, SQLite journal)",
             "b2": f"(b2) ours, batch durable ({args.batch_size:,}/commit)",
             "b3": f"(b3) ours, cohort durable ({args.cohort_size:,}/commit)",
             "c": "(c) SpiffWorkflow, in memory",
             "d": "(d) SpiffWorkflow, JSON at each wait state"}
    results: dict[str, tuple[int, float, float, Counter[str]]] = {}
    with tempfile.TemporaryDirectory(dir=args.journal_dir) as tmp:
        batch_journal = Path(tmp) / "batch-journal.db"
        cohort_journal = Path(tmp) / "cohort-journal.db"
        runs: dict[str, tuple[int, Callable[[], Counter[str]]]] = {
            "a": (n, lambda: ours_in_memory(executor, plans)),
            "a2": (n, lambda: ours_batch_in_memory(executor, plans, args.batch_size)),
            "a3": (n, lambda: ours_cohort(executor, plans, args.cohort_size)),
            "a3e": (n, lambda: ours_cohort(executor, plans, args.cohort_size, events=True)),
            "f": (n, lambda: floor(plans)),
            "b": (durable_n, lambda: ours_durable(executor, Path(tmp) / "journal.db",
                                                  plans[:durable_n])),
            "b2": (n, lambda: ours_batch_durable(executor, batch_journal, plans,
                                                 args.batch_size)),
            "b3": (n, lambda: ours_cohort_durable(executor, cohort_journal, plans,
                                                  args.cohort_size)),
            "c": (spiff_n, lambda: spiff_in_memory(spec, plans[:spiff_n])),
            "d": (spiff_n, lambda: spiff_durable(spec, plans[:spiff_n])),
        }
        for key, (cases, work) in runs.items():
            if key not in modes:
                continue
            if key in ("b", "b2", "b3"):
                median, p90 = fsync_probe(args.journal_dir)
                say(f"fsynced one-row commit in {args.journal_dir} before ({key}): median "
                    f"{median * 1e6:,.0f} us, p90 {p90 * 1e6:,.0f} us")
            wall, cpu, ends = _timed(work)
            if key in ("b2", "b3"):
                ends = journal_endings(executor, batch_journal if key == "b2" else cohort_journal)
            results[key] = (cases, wall, cpu, ends)
            note = ""
            if cases != n:
                note = (f" (first {cases:,} plans; {n:,} would take ~{wall / cases * n:,.0f} s at "
                        "this rate)")
            say(f"{names[key]:<46} {cases:>9,} cases {wall:9.2f} s {cases / wall:>11,.0f} "
                f"cases/s {wall / cases * 1e6:9.1f} us/case (cpu {cpu / cases * 1e6:,.1f}){note}")
            if key in ("b", "b2", "b3"):
                median, p90 = fsync_probe(args.journal_dir)
                say(f"fsynced one-row commit in {args.journal_dir} after ({key}): median "
                    f"{median * 1e6:,.0f} us, p90 {p90 * 1e6:,.0f} us")

    def ratio(ours: str, theirs: str, target: int, what: str) -> None:
        if {ours, theirs} <= results.keys():
            mine, other = results[ours], results[theirs]
            wall = (mine[0] / mine[1]) / (other[0] / other[1])
            cpu = (mine[0] / mine[2]) / (other[0] / other[2])
            say(f"ratio {what} ({ours})/({theirs}): {wall:8.1f}x per case, wall time "
                f"({cpu:.1f}x in CPU time){f' (target: at least {target}x)' if target else ''}")

    ratio("a3", "c", 100, "in memory, cohort  ")
    ratio("b3", "d", 20, "durable, cohort    ")
    ratio("b2", "d", 0, "durable, batch     ")
    ratio("a3e", "c", 0, "cohort + Events    ")
    ratio("a2", "c", 0, "in memory, batch   ")
    ratio("a", "c", 0, "in memory, per call")
    ratio("f", "c", 0, "floor, no engine   ")
    ratio("b", "d", 0, "durable, per call  ")
    same = True
    for key, (cases, _, _, ends) in results.items():
        expected = _endings_of(plans[:cases])
        same = same and ends == expected
        say(f"endings {key}: {ends['result']:,} result, {ends['refusal']:,} refusal "
            f"of {cases:,}{'' if ends == expected else ' (NOT what the plans decide)'}")
    say(f"every mode ends each case as its plan decides: {'yes' if same else 'NO'}")
    if "d" in results and SPIFF_JSON["documents"]:
        say(f"SpiffWorkflow JSON per wait state: {SPIFF_JSON['chars'] / SPIFF_JSON['documents']:,.0f} "
            f"characters on average ({SPIFF_JSON['documents'] // results['d'][0]} per case)")
    say("note: our side validates every command and computes real due instants on the "
        "calendar of Kazakhstan (the case's term at receipt and each step's time limit: 7 per "
        "case, after the receipt); SpiffWorkflow computes no time limits and gets instants as "
        "ISO strings. Our durable per-call mode (b) commits and fsyncs one SQLite transaction per "
        "command (7 per case), the batch mode (b2) one per batch; SpiffWorkflow's JSON is kept "
        "in memory, never written to disk. The in-memory target is checked on the columnar "
        "cohort (a3): commands validated and due instants counted by columns, states and events "
        "made on demand ((a3e) makes every event); the durable one on the cohort import (b3), "
        "which makes and writes every event, one transaction per cohort.")
    return 0 if same else 1


def _endings_of(plans: Sequence[Plan]) -> Counter[str]:
    """What the plans decide: the outcome of the decision of each."""
    return Counter("result" if p.actions[-1].outcome == "issue" else "refusal" for p in plans)


if __name__ == "__main__":
    raise SystemExit(main())
