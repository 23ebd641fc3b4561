"""The check benchmark at a tiny size: its report has every stage, measurement and target
of issue 19.

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
                           "--keep", str(tmp_path / "corpus"), "--scale", "3,4"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^\(a\) floor, yaml\.load\(CSafeLoader\) of 6 files, collector off: "
                     r"[\d.]+ s$", out, re.M)
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
    assert re.search(r"^\(w0\) the same with --cache-dir, nothing changed \(best of 3\): "
                     r"[\d.]+ s wall$", out, re.M)
    assert re.search(r"^\(w1\) the same with --cache-dir, one regulation changed \(best of 3\): "
                     r"[\d.]+ s wall$", out, re.M)
    assert re.search(r"^\(s\) reglament check specs/standards/preschool-queue\.yaml "
                     r"\(best of 5\): [\d.]+ s; python -c .*: [\d.]+ s; ratio [\d.]+x$", out, re.M)
    assert re.search(r"^\(l\) cold check by corpus size: 3 specs [\d.]+ s, 4 specs [\d.]+ s$",
                     out, re.M)
    assert re.search(r"^    straight line: -?[\d.]+ ms per spec \+ -?[\d.]+ s; the points lie "
                     r"within \d+ % of it$", out, re.M)
    stages = re.findall(r"^    (read YAML|schema|checks|build model|calendar|compile|structure|"
                        r"verify) +[\d.]+ s", out, re.M)
    assert stages == ["read YAML", "schema", "checks", "build model", "calendar", "compile",
                      "structure", "verify"]
    assert re.search(r"^    6 files, 0 load errors, \d+ paths verified on [\d,]+ moments", out,
                     re.M)
    for target in ("wall under 3 s", "at most 2x the floor", "warm, nothing changed, at most 1 s",
                   "warm, one file changed, at most 1.2 s", "one small spec at most 2x the imports",
                   "peak memory under 300 MB", "linear in the number of specs",
                   "exhaustive over moments of receipt"):
        assert re.search(rf"^    {target}: (met|NOT met)", out, re.M), target
    assert sorted(p.name for p in (tmp_path / "corpus").rglob("*.yaml"))  # kept as asked
