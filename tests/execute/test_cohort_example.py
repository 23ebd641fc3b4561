"""The cohort example of docs/library.md runs, from any directory, and prints what the page says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cohort_cases.py"

EXPECTED = """\
1566 cases, 7812 actions, rejected 480
statuses: {'rejected': 96, 'open': 6, 'refused_to_accept': 0, 'result': 1464, 'refusal': 0}
met the term: 1255, missed it: 209
late on 2019-12-31 18:00: 6 of 6 open cases
2019-03-11-15: result, term ends 2019-03-11 15:30, late steps ['assign']
counted by columns: 1470 of 1566 cases
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
