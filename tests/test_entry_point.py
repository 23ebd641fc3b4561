"""The `reglament` console script (`cli.run`): the collector out of the way and no teardown,
with the same output and exit codes as the app itself (issue 19, item 1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from cli import run; run()", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_entry_point_keeps_output_and_exit_codes() -> None:
    broken = _run("check", "tests/data/invalid/unknown-key.yaml")
    assert broken.returncode == 1
    assert 'unknown key "max_wiat" (hint: did you mean "max_wait"?)' in broken.stdout
    assert _run("--version").returncode == 0
    assert _run("check", "no/such/path").returncode == 2


def test_the_gc_benchmark_compares_both_ways_and_reports_the_same() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_gc.py"), "--n", "4",
                           "--rounds", "1"], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "reports byte-identical: True" in done.stdout
