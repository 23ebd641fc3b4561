"""The journal under several processes at once, and with a writer killed mid-run (SIGKILL).

Whatever the interleaving: no event lost or duplicated, every acknowledged command in
the journal, every case replaying to a consistent state, SQLite's integrity intact. A
writer of batches (group commit) killed mid-run leaves every acknowledged batch whole
and no batch in part.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from engine.cases import Journal
from tests.execute.journal_writer import (
    BATCH_CASES,
    WALK,
    batch_commands,
    executor,
    write,
    write_batches,
)

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 2
ACTIONS = 200


def _worker(db: str, case_ids: list[str], prefix: str, batches: bool, barrier: Any,
            results: Any) -> None:
    executor()  # specs loaded before the start, so that the writers overlap
    barrier.wait()
    writer = write_batches if batches else write
    results.put((prefix, writer(db, case_ids, prefix, ACTIONS)))


def _run_together(db: Path, plans: list[tuple[list[str], str]],
                  batches: bool) -> dict[str, list[str]]:
    """Run one writer process per plan, all starting at once on a new journal (each command
    its own transaction, or with `batches` a dozen per transaction)."""
    context = mp.get_context("spawn")
    barrier, results = context.Barrier(len(plans)), context.Queue()
    processes = [context.Process(target=_worker, args=(str(db), cases, prefix, batches, barrier,
                                                       results))
                 for cases, prefix in plans]
    for process in processes:
        process.start()
    acknowledged = dict(results.get(timeout=50) for _ in processes)
    for process in processes:
        process.join(timeout=10)
        assert process.exitcode == 0
    return acknowledged


def _check_journal(db: Path) -> dict[str, list[str]]:
    """Integrity, contiguous sequences, replay; the command ids of each case."""
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    raw.close()
    commands: dict[str, list[str]] = {}
    with Journal(db) as journal:
        for case_id in journal.cases():
            events = journal.events(case_id)
            assert [e.seq for e in events] == list(range(1, len(events) + 1))
            state = executor().replay(events)
            assert state.last_seq == len(events)
            commands[case_id] = [e.command_id for e in events]
    return commands


@pytest.mark.parametrize("batches", [False, True], ids=["one by one", "batches"])
def test_two_processes_on_different_cases_lose_and_duplicate_nothing(tmp_path: Path,
                                                                     batches: bool) -> None:
    db = tmp_path / "journal.db"
    cases = {f"p{p}": [f"p{p}-{k}" for k in range(ACTIONS // (len(WALK) + 1) + 1)]
             for p in range(PROCESSES)}
    acknowledged = _run_together(db, [(ids, prefix) for prefix, ids in cases.items()], batches)
    assert all(len(ids) == ACTIONS for ids in acknowledged.values())
    written = [c for ids in _check_journal(db).values() for c in ids]
    assert len(written) == len(set(written)) == PROCESSES * ACTIONS
    assert set(written) == {c for ids in acknowledged.values() for c in ids}


@pytest.mark.parametrize("batches", [False, True], ids=["one by one", "batches"])
def test_two_processes_on_the_same_cases_apply_each_step_once(tmp_path: Path,
                                                              batches: bool) -> None:
    db = tmp_path / "journal.db"
    shared = [f"s{k}" for k in range(ACTIONS // (len(WALK) + 1) + 1)]
    # from both ends, so that they meet on the middle cases and race for each step there
    acknowledged = _run_together(db, [(shared, "p0:"), (shared[::-1], "p1:")], batches)
    commands = _check_journal(db)
    assert sorted(commands) == sorted(shared)
    with Journal(db) as journal:
        for case_id in shared:
            state = executor().replay(journal.events(case_id))
            assert state.status == "result", case_id
            assert [r.step for r in state.history] == [step for step, _, _ in WALK]
    written = [c for ids in commands.values() for c in ids]
    assert len(written) == len(set(written)) == len(shared) * (len(WALK) + 1)
    # both writers acknowledge the opening command of a case they both reach (it has one
    # id); each step is acknowledged by the one writer whose command was written
    assert {c for ids in acknowledged.values() for c in ids} == set(written)
    steps = [c for ids in acknowledged.values() for c in ids if not c.endswith(":open")]
    assert sorted(steps) == sorted(c for c in written if not c.endswith(":open"))
    assert all(any(not c.endswith(":open") for c in ids) for ids in acknowledged.values())


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_writer_killed_mid_run_loses_nothing_it_acknowledged(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    acknowledged = _kill_after(db, 60)
    commands = _check_journal(db)
    written = {c for ids in commands.values() for c in ids}
    assert set(acknowledged) <= written
    # at most the one command being written when the kill came is in without an acknowledgement
    assert len(written - set(acknowledged)) <= 1
    with Journal(db) as journal:
        for case_id in commands:
            state = executor().replay(journal.events(case_id))
            assert state.status in ("open", "result")


def _kill_after(db: Path, lines: int, *args: str) -> list[str]:
    """Start a writer, read `lines` acknowledgements, SIGKILL it; every whole line it wrote."""
    writer = subprocess.Popen([sys.executable, "-m", "tests.execute.journal_writer", str(db),
                               *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert writer.stdout is not None
    acknowledged: list[str] = []
    try:
        while len(acknowledged) < lines:
            line = writer.stdout.readline()
            assert line, f"the writer stopped: {writer.stderr.read() if writer.stderr else ''}"
            acknowledged.append(line.rstrip("\n"))
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        # read on through the same buffered reader: communicate() reads the pipe itself and
        # would lose the lines readline() has already buffered
        rest = writer.stdout.read()
        writer.wait(timeout=30)
        if writer.stderr is not None:
            writer.stderr.close()
        writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    return acknowledged + list(rest.split("\n")[:-1])  # whole lines only


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_batch_writer_killed_mid_run_leaves_whole_batches_only(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    lines = _kill_after(db, 8, "--batch")
    acknowledged = {int(line.split()[0]): line.split()[1:] for line in lines}
    assert sorted(acknowledged) == list(range(len(acknowledged)))
    commands = _check_journal(db)
    written = {c for ids in commands.values() for c in ids}
    for number, ids in acknowledged.items():
        assert ids == [c.command_id for c in batch_commands(number)]
        assert set(ids) <= written, f"acknowledged batch {number} is not all there"
    # what is there beyond the acknowledged batches is whole batches: at most the one whose
    # commit came just before the kill, before its line was printed
    extra = {case_id.split("-")[0] for case_id in commands
             if int(case_id.split("-")[0][1:]) not in acknowledged}
    assert len(extra) <= 1
    for batch in extra:
        cases = [case_id for case_id in commands if case_id.startswith(f"{batch}-")]
        assert len(cases) == BATCH_CASES
        assert all(len(commands[case_id]) == len(WALK) + 1 for case_id in cases)
    with Journal(db) as journal:
        for case_id in commands:
            assert executor().replay(journal.events(case_id)).status == "result"
