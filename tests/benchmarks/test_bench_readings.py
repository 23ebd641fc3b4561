"""The readings benchmark at a tiny size: both modes run, and the report says so.

benchmarks/bench_readings.py measures what checking the elapsed reading of day limits adds
to a check; here it runs on a few specs and the shape of its report is checked (no timing is
asserted), and the peer really is the civil reading alone.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_both_modes_and_prints_the_ratio() -> None:
    done = subprocess.run([sys.executable, "benchmarks/bench_readings.py", "--n", "20",
                           "--repeat", "1"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("(a) both readings (reglament check)")
    assert lines[1].startswith("(b) peer: the civil reading only")
    assert "depends" not in lines[1]  # the peer never proves the elapsed reading
    assert re.match(r"^ratio \(a\)/\(b\): [\d.]+x; target: at most 1\.20x: (met|NOT met)$",
                    lines[2])
