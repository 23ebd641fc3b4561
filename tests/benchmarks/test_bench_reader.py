"""The reader benchmark at a tiny size: it reports the floor and both readers side by side,
and that they agree (no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_reports_the_floor_both_readers_and_their_agreement() -> None:
    done = subprocess.run([sys.executable, "benchmarks/bench_reader.py", "--n", "5",
                           "--rounds", "1"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^corpus: 6 files, [\d.]+ MB; best of 1 rounds, collector off$", out, re.M)
    for way in (r"floor, yaml\.load\(CSafeLoader\)", r"read_yaml \(fast path, else PyYAML\)",
                r"read_yaml, PyYAML path only"):
        assert re.search(rf"^  {way} +[\d.]+ s +[\d.]+x the floor$", out, re.M), way
    assert re.search(r"^  the fast path read [1-6] of 6 files; the others went to PyYAML$", out,
                     re.M)
    assert "both readers give the same data, positions, spans and errors: True" in out
