"""The start-up benchmark at a tiny size: its report has the floor, the check, the imports and
every stage (no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_reports_start_up_imports_and_stages() -> None:
    done = subprocess.run([sys.executable, "benchmarks/bench_start_up.py", "--n", "4",
                           "--best", "1"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^    import floor +[\d.]+ s +1\.00x the floor$", out, re.M)
    assert re.search(rf"^    check \({re.escape(str(ROOT))}\) +[\d.]+ s +[\d.]+x the floor$", out,
                     re.M)
    assert re.search(r"^    target at most 2x the floor: (met|NOT met) \([\d.]+x\)$", out, re.M)
    assert re.search(r"^        loaded though not needed: none$", out, re.M)
    stages = re.findall(r"^    (calendar \(cold\)|schema|checks|build|compile|structure|all stages)"
                        r" +[\d.]+ +[\d.]+$", out, re.M)  # the collector on, then off
    assert stages == ["calendar (cold)", "schema", "checks", "build", "compile", "structure",
                      "all stages"]
