"""`reglament case apply --db PATH FILE`: JSON Lines of commands, a transaction per batch.

The journal it writes is the one the one-command verbs write; every line gets its
result (or, when it is not a command, `FILE:LINE: ...` with a hint, and nothing is
written for it); the exit code says whether all were accepted.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from cli import app
from tests.execute.test_case_cli import DATA, IIN, act, open_case, sorted_json

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

OPEN = {"op": "open", "case": "c1", "service": "school-admission", "channel": "provider_office",
        "received": "2024-03-20T17:00:00+05:00", "applicant": IIN, "documents": ["application"]}
STEPS = [("register", None, "17:04"), ("assign", None, "17:12"), ("review", "accept", "17:15"),
         ("sign_receipt", None, "17:20"), ("issue_receipt", None, "17:24")]


def _act(step: str, outcome: str | None, at: str, case: str = "c1", **extra: Any) -> dict[str, Any]:
    return {"op": "act", "case": case, "step": step, "outcome": outcome, "by": "clerk",
            "at": f"2024-03-20T{at}:00+05:00", **extra}


def _walk(case: str = "c1") -> list[dict[str, Any]]:
    return [{**OPEN, "case": case}, *(_act(s, o, t, case) for s, o, t in STEPS)]


def _file(tmp_path: Path, lines: list[Any]) -> Path:
    path = tmp_path / "commands.jsonl"
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n"
                            for line in lines), encoding="utf-8")
    return path


def apply(db: Path, path: Path | str, *extra: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, ["case", "apply", "--db", str(db), str(path), *extra,
                               "--specs", str(DATA)], input=stdin)


def _rows(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as raw:
        rows = raw.execute("SELECT * FROM events ORDER BY case_id, seq").fetchall()
    raw.close()
    return rows


def test_apply_writes_what_the_one_command_verbs_write(tmp_path: Path) -> None:
    result = apply(tmp_path / "batch.db", _file(tmp_path, _walk()), "--batch-size", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{tmp_path / 'commands.jsonl'}:1: accepted open c1: 1 opened"
    assert lines[3] == f"{tmp_path / 'commands.jsonl'}:4: accepted act c1 review: 4 step_completed"
    assert lines[-1] == "6 accepted, 0 rejected, 0 already applied, 0 not commands"
    single = tmp_path / "single.db"
    open_case(single)
    for step, outcome, at in STEPS:
        assert act(single, step, at, *(["--outcome", outcome] if outcome else [])).exit_code == 0
    assert _rows(tmp_path / "batch.db") == _rows(single)


def test_json_results_rejections_and_retries(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    walk = [{**line, "command_id": f"k{n}"} for n, line in enumerate(_walk())]
    lines = [*walk[:2], _act("review", None, "17:13"), walk[1], *walk[2:]]
    result = apply(db, _file(tmp_path, lines), "--json")
    assert result.exit_code == 1, result.output  # the decision without its outcome
    records = [sorted_json(line) for line in result.stdout.splitlines()]
    assert [r["result"] for r in records] == ["accepted", "accepted", "rejected", "repeated",
                                              "accepted", "accepted", "accepted", "accepted"]
    assert records[2] == {"case": "c1", "command_id": None, "events": [], "line": 3,
                          "op": "act", "result": "rejected",
                          "error": 'step "review" is not the active step of case c1; '
                                   '"assign" is (by head)'}
    assert records[3]["command_id"] == "k1"
    assert records[4]["events"] == [{"kind": "step_completed", "seq": 3}]
    again = apply(db, _file(tmp_path, walk), "--json")
    assert again.exit_code == 0
    assert {sorted_json(line)["result"] for line in again.stdout.splitlines()} == {"repeated"}
    assert len(_rows(db)) == len(walk)


def test_a_line_that_is_not_a_command_is_located_and_the_others_are_applied(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    walk = _walk()
    lines = [walk[0], "{not json", {"op": "act", "case": "c1"}, "", walk[1],
             {**walk[2], "at": "2024-03-20T17:12"}, {"op": "close", "case": "c1"}, walk[2]]
    path = _file(tmp_path, lines)
    result = apply(db, path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:2: not JSON: Expecting property name enclosed in double quotes at column 2 "
        '(hint: one JSON object per line, e.g. {"op": "act", "case": ...})',
        f'{path}:3: "act" lacks step, at, by (hint: an "act" command has case, step, at, by; '
        "optional: outcome, ground, command_id)",
        f'{path}:6: "at": instant "2024-03-20T17:12" has no UTC offset (hint: write '
        '"2024-03-20T17:12:00+05:00" for local time in Asia/Almaty, the offset in force on that '
        "date)",
        f'{path}:7: unknown "op": "close" (hint: one of open, act, refuse, appeal, appeal_extend, '
            "appeal_decide, appeal_revise)"]
    assert [row[3] for row in _rows(db)] == ["c1:open", "c1:2", "c1:3"]
    assert result.stdout.splitlines()[-1] == "3 accepted, 0 rejected, 0 already applied, 4 not commands"


@pytest.mark.parametrize(("args", "message"), [
    (["--batch-size", "0"], "reglament case apply: --batch-size: expected at least 1, got 0"),
    (["no-such.jsonl"], "reglament case apply: no such file: no-such.jsonl"),
])
def test_usage_errors_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    path = _file(tmp_path, _walk())
    result = runner.invoke(app, ["case", "apply", "--db", str(tmp_path / "cases.db"),
                                 *(args if args[0] != "--batch-size" else [str(path), *args]),
                                 "--specs", str(DATA)])
    assert result.exit_code == 2
    assert result.stderr == f"{message}\n"
    assert not (tmp_path / "cases.db").exists()


def test_a_file_that_is_not_a_journal_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as raw:
        raw.execute("CREATE TABLE t (a)")
    raw.close()
    before = db.read_bytes()
    result = apply(db, _file(tmp_path, _walk()))
    assert result.exit_code == 1
    assert "not a Reglament journal" in result.stderr
    assert db.read_bytes() == before


def test_standard_input_in_a_real_process(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    text = "".join(json.dumps(line) + "\n" for n in range(40) for line in _walk(f"c{n}"))
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "case", "apply", "--db", str(db),
                             "-", "--batch-size", "100", "--specs", str(DATA)], input=text,
                            capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "<stdin>:1: accepted open c0: 1 opened"
    assert result.stdout.splitlines()[-1] == "240 accepted, 0 rejected, 0 already applied, 0 not commands"
    assert len(_rows(db)) == 240


def test_the_lines_docs_library_shows_are_all_accepted(tmp_path: Path) -> None:
    docs = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    block = docs.split("reads the same commands as JSON", 1)[1].split("```json\n", 1)[1]
    commands = tmp_path / "commands.jsonl"
    commands.write_text(block.split("```", 1)[0], encoding="utf-8")
    result = apply(tmp_path / "j.db", commands)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == ("3 accepted, 0 rejected, 0 already applied, "
                                              "0 not commands")
