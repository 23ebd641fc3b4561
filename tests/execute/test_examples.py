"""The example of docs/library.md runs, from any directory, and prints what the page says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from engine.cases import Journal

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "embed_case_book.py"

EXPECTED = """\
2019-0001: waiting on register by executor until 2019-03-20 17:05; term ends 2019-03-20 17:30
2019-0001: waiting on sign_receipt by head until 2019-03-20 17:20; term ends 2019-03-20 17:30
events: ['opened', 'step_completed', 'step_completed', 'step_completed']
refused: step "register" is not the active step of case 2019-0001; "sign_receipt" is (by head)
refused: 2019-03-20T17:01:00+06:00 is before the case's last action at 2019-03-20T17:15:00+06:00 \
(time cannot go back)
refused: ИИН/БИН 860306300459: check digit is 9, expected 8 (hint: a digit was mistyped)
2019-0003: refused to accept (Law 88-V, art. 19), missing ['application']
2019-0001: result, finished 2019-03-20 17:24, met the term: True; met the term with 6 min to spare (6 working min)
overdue: 2019-0004 register (executor), 90 working min late
overdue: 2019-0004 the term, 65 working min late
replayed the same state: True
"""


def run_example(example: Path, journal: Path, expected: str) -> None:
    """Run an example on the project's specs from another directory; it must print `expected`."""
    result = subprocess.run([sys.executable, str(example), str(ROOT / "specs"),
                             str(journal)], cwd=journal.parent, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected


def test_the_embedding_example_runs_and_leaves_its_journal(tmp_path: Path) -> None:
    journal = tmp_path / "cases.db"
    run_example(EXAMPLE, journal, EXPECTED)
    with Journal(journal) as reopened:
        assert reopened.cases() == ["2019-0001", "2019-0003", "2019-0004"]
        assert [e.command_id for e in reopened.events("2019-0001")][:2] == [
            "desk-1:open", "desk-1:register"]


def test_the_example_is_the_one_the_docs_show() -> None:
    docs = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    assert "examples/embed_case_book.py" in docs
    for line in EXPECTED.splitlines()[:3]:
        assert line in docs
