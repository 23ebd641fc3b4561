"""The batch example of docs/library.md runs, from any directory, and prints what the page says."""

from __future__ import annotations

from pathlib import Path

from engine.cases import Journal
from tests.execute.test_examples import run_example

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "batch_cases.py"

EXPECTED = """\
469 commands, accepted 468
rejected: ['case 2019-03-01-10 is closed (result); no further action is possible']
cases: {'result': 78}, met the term: 52, missed it: 26
2019-03-11-15: term ends 2019-03-11 15:30, late steps ['register', 'sign_receipt', 'issue_receipt']
the same as one by one: True
journal: 78 cases, 468 events written
retried: 468 already applied, 0 events written
"""


def test_the_batch_example_runs_and_leaves_its_journal(tmp_path: Path) -> None:
    journal = tmp_path / "backlog.db"
    run_example(EXAMPLE, journal, EXPECTED)
    with Journal(journal) as reopened:
        assert len(reopened.cases()) == 78
        assert [e.command_id for e in reopened.events("2019-03-01-10")][:2] == [
            "2019-03-01-10:open", "2019-03-01-10:register"]


def test_the_example_is_the_one_the_docs_show() -> None:
    docs = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    assert "examples/batch_cases.py" in docs
    for line in EXPECTED.splitlines():
        assert line in docs
