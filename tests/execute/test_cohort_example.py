"""The cohort example of docs/library.md runs, from any directory, and prints what the page says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cohort_cases.py"

EXPECTED = """\
2096 cases, 10456 actions, rejected 0
statuses: {'rejected': 0, 'open': 8, 'refused_to_accept': 0, 'result': 2088, 'refusal': 0}
met the term: 1800, missed it: 288
late on 2024-12-31 18:00: 8 of 8 open cases
2024-03-11-14: result, term ends 2024-03-11 14:30, late steps ['assign']
counted by columns: 2096 of 2096 cases
the same as one by one (first 100 cases): True
"""


def test_the_cohort_example_prints_what_the_docs_show(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(EXAMPLE), str(ROOT / "tests" / "execute" / "data")],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED
    docs = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    assert "examples/cohort_cases.py" in docs
    for line in EXPECTED.splitlines():
        assert line in docs
