"""A journal whose writer was killed mid-batch, then tampered with: refused clearly (issue 15).

A real writer process (`journal_writer --batch`) is killed with SIGKILL in the middle of
its batches; then rows are edited in the file (an unknown kind of event, a payload
without a field, a step the graph lacks, a value of the wrong type) and pages of it are
zeroed. Every command on it answers with one located line and a non-zero exit, never a
traceback and never a timeline the journal does not hold; no write gets into the
damaged file; the cases that are intact are still read.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from tests.execute.journal_writer import BATCH_CASES, WALK
from tests.execute.test_case_apply_cli import OPEN, _file, apply
from tests.execute.test_case_cli import refused, reglament
from tests.execute.test_journal_damage import STEP, edit, leaf_pages, zero_pages
from tests.execute.test_journal_processes import _kill_after

AT = "2024-03-21T10:00:00+05:00"
#: (case, seq, the edit, what the message says of it)
TAMPERED = [
    ("b1-0", 3, "kind = 'teleported'", "unknown event kind 'teleported'"),
    ("b1-1", 2, "payload = '{\"outcome\": null, \"by\": \"tester\", \"ground\": null}'",
     'its "step_completed" payload lacks step'),
    ("b1-2", 4, f"payload = '{STEP.replace('register', 'teleport')}'",
     'cannot be replayed: the event completes step "teleport", but "review" is active'),
    ("b2-0", 2, f"payload = '{STEP.replace('clerk', 'tester').replace('null', '7', 1)}'",
     "its payload's \"ground\" is 7, not text or null"),
]


def _show(db: Path, case: str) -> tuple[int, str, str]:
    result = reglament("case", "show", "--db", str(db), "--case", case)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_journal_killed_mid_batch_then_tampered_with_is_refused_clearly(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    acknowledged = _kill_after(db, 8, "--batch")
    assert len(acknowledged) >= 8  # batches 0..7 at least, each of BATCH_CASES whole cases
    for number in range(3):
        for k in range(BATCH_CASES):
            code, out, err = _show(db, f"b{number}-{k}")
            assert (code, err) == (0, ""), err
            assert out.count("\n  ") >= len(WALK)  # the whole walk, as written
    # rows edited in the file (another program, a person)
    edit(db, *(f"UPDATE events SET {change} WHERE case_id = '{case}' AND seq = {seq}"
               for case, seq, change, _ in TAMPERED))
    for case, seq, _, problem in TAMPERED:
        refused(reglament("case", "show", "--db", str(db), "--case", case), 1,
                f"{db}: case '{case}', event {seq}: {problem}")
    first = TAMPERED[0]
    refused(reglament("case", "overdue", "--db", str(db), "--at", AT), 1,
            f"{db}: case '{first[0]}', event {first[1]}: {first[3]}")
    assert _show(db, "b3-0")[0] == 0  # an intact case is read as before
    # a command on a tampered case is refused with its row; the others are applied
    result = apply(db, _file(tmp_path, [{**OPEN, "case": "new-1"},
                                        {"op": "refuse", "case": "b1-0", "ground": "court_ban",
                                         "at": AT, "by": "head"}]))
    assert result.exit_code == 1, result.output
    assert f"rejected refuse b1-0: {db}: case 'b1-0', event 3: unknown event kind" in result.stdout
    assert "accepted open new-1" in result.stdout
    # pages zeroed: the rows of the first cases are gone from the file
    zero_pages(db, leaf_pages(db)[:1])
    before = db.read_bytes()
    damaged = f"{db}: the journal failed its integrity check (PRAGMA quick_check: "
    refused(apply(db, _file(tmp_path, [{**OPEN, "case": "zz-1"}])), 1, damaged)
    refused(reglament("case", "open", "--db", str(db), "--case", "zz-2", "--service",
                      "school-admission", "--channel", "provider_office", "--received",
                      "2024-03-20T17:00:00+05:00", "--applicant", "860306300458"), 1, damaged)
    refused(reglament("case", "act", "--db", str(db), "--case", "new-1", "--step", "register",
                      "--at", AT, "--by", "x"), 1, damaged)
    refused(reglament("case", "show", "--db", str(db), "--case", "b0-0"), 1,
            f"{db}: case 'b0-0': its events cannot be read: the journal is damaged")
    refused(reglament("case", "overdue", "--db", str(db), "--at", AT), 1,
            f"{db}: the journal is damaged (database disk image is malformed)")
    assert db.read_bytes() == before
    with sqlite3.connect(db) as raw:  # and nothing of the refused commands is in the file
        assert raw.execute("SELECT count(*) FROM events WHERE case_id LIKE 'zz-%'").fetchone() == (0,)
    raw.close()
