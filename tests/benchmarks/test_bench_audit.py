"""The audit benchmark's smoke run (--quick): a synthetic log of a few thousand events through
every phase, the single machine, two local Dask workers and pm4py's token replay in its own
virtual environment (made on first use); the report's lines are there and the Dask report is
the same bytes as the single machine's (no timing is asserted)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.bench_audit import main, parse_size


def test_sizes_are_read_as_people_write_them() -> None:
    assert [parse_size(s) for s in ("10M", "30m", "500k", "2500", "1.5M")] == \
        [10_000_000, 30_000_000, 500_000, 2_500, 1_500_000]


def test_the_quick_run_measures_every_phase(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--quick", "--cache-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^log: .*\(3,0\d\d events, .* generator: engine\.audit\.generate", out, re.M)
    assert re.search(r"^\(f\)  floor: the Parquet log read into Arrow, nothing else: ", out, re.M)
    for label in (r"\(a\)  audit, one process \(--jobs 1; partitions of 250,000 events\)",
                  r"\(a2\) audit, a forked process per core \(--jobs 0, the default\)",
                  r"\(d\)  audit, --dask local:2"):
        assert re.search(rf"^{label}: [\d.]+ s wall, [\d,]+ events/s, peak RSS [\d,]+ MB "
                         r"\(largest process\), peak PSS [\d,]+ MB \(all\)$", out, re.M), label
    assert "     the same JSON bytes on Dask as on one process: True" in out
    assert "     the same JSON bytes on both: True" in out
    assert re.search(r"^     the target needs [\d,]+ events/s: [\d.]+x the floor", out, re.M)
    assert re.search(r"^\(d0\) Dask plumbing alone on 2 workers .*, \d+ partitions of whole "
                     r"cases \(3,0\d\d rows\)", out, re.M)
    assert re.search(r"^\(p\)  pm4py 2\.7\.23\.11 \(pm4py==2\.7\.23\.11\) token replay on the "
                     r"whole log: [\d,]+ events replayed", out, re.M)
    assert re.search(r"^     ratio audit/pm4py: [\d.]+x in events per second \(target: at least "
                     r"50x\): (met|NOT met)$", out, re.M)
    assert re.search(r"^peak PSS by size: 3,0\d\d events: one process [\d,]+ MB \(forked: "
                     r"[\d,]+ MB\), Dask [\d,]+ MB, "
                     r"Dask plumbing [\d,]+ MB", out, re.M)
    assert "FAILED" not in out
    assert list(tmp_path.glob("*.parquet"))  # kept for the next run
    assert list(tmp_path.glob("*.map.yaml"))
