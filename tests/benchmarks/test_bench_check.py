"""The check benchmark at a tiny size: its report has every stage and every target.

benchmarks/bench_check.py measures `reglament check` on a generated corpus against the
floor of parsing it with PyYAML's C loader; here it runs on 5 specs and the shape of its
report is checked (no timing is asserted).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_reports_floor_check_stages_and_targets(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "benchmarks/bench_check.py", "--n", "5",
                           "--keep", str(tmp_path / "corpus")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^\(a\) floor, yaml\.load\(CSafeLoader\) of 6 files: [\d.]+ s$", out, re.M)
    assert re.search(r"^\(a1\) the same floor on \d+ forked processes \(one per core\): [\d.]+ s$",
                     out, re.M)
    assert re.search(r"^\(a0\) start-up: reglament check on the calendar alone \(best of 3\): "
                     r"[\d.]+ s$", out, re.M)
    assert re.search(r"^lower bounds on this machine: start-up \+ the floor on \d+ cores = [\d.]+ s; "
                     r"with the other stages' [\d.]+ s of \(c\) shared perfectly over the cores, "
                     r"[\d.]+ s$", out, re.M)
    for label in (r"\(b\) reglament check DIR --format json > /dev/null",
                  r"\(b1\) the same with --jobs 1"):
        assert re.search(rf"^{label}: [\d.]+ s wall, [\d.]+ s CPU, peak RSS \d+ MB "
                         r"\(largest process\), peak PSS \d+ MB \(all processes\), exit [01]$",
                         out, re.M), label
    assert len(re.findall(r"^    ratio check/parse: [\d.]+x$", out, re.M)) == 2
    assert re.search(r"^    \(b\) runs on \d+ usable cores", out, re.M)
    assert re.search(r"^\(b2\) the same again with the files and verdicts of the run before "
                     r"in --cache-dir: [\d.]+ s wall, [\d.]+ s CPU", out, re.M)
    stages = re.findall(r"^    (read YAML|schema|checks|build model|calendar|compile|structure|"
                        r"verify) +[\d.]+ s", out, re.M)
    assert stages == ["read YAML", "schema", "checks", "build model", "calendar", "compile",
                      "structure", "verify"]
    assert re.search(r"^    6 files, 0 load errors, \d+ paths verified on [\d,]+ moments", out,
                     re.M)
    for target in ("wall under 3 s", "peak memory under 300 MB",
                   "exhaustive over moments of receipt"):
        assert re.search(rf"^    {target}: (met|NOT met)", out, re.M), target
    assert sorted(p.name for p in (tmp_path / "corpus").rglob("*.yaml"))  # kept as asked
