"""The cohort example of docs/library.md runs, from any directory, and prints what the page says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cohort_cases.py"

EXPECTED = """\
1834 cases, 9149 actions, rejected 490
statuses: {'rejected': 98, 'open': 7, 'refused_to_accept': 0, 'result': 1729, 'refusal': 0}
met the term: 1482, missed it: 247
late on 2024-12-31 18:00: 7 of 7 open cases
2024-03-11-14: result, term ends 2024-03-11 14:30, late steps ['assign']
counted by columns: 1736 of 1834 cases
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
