"""The processes benchmarks/bench_audit.py measures: a command's wall time and the peak memory
of its process tree, and pm4py's own virtual environment.

Memory is sampled every `SAMPLE_S` from /proc while the command runs: the resident set of its
largest process and the proportional set size of all its processes together (a Dask run's
workers and nanny are processes below it; PSS counts the pages they share once). Sampling
takes a little CPU from the run it measures, at this interval about 1 %.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.process_tree import descendants

__all__ = ["PM4PY", "PM4PY_VENV", "Measured", "measure", "pm4py_python", "pm4py_replay"]

ROOT = Path(__file__).resolve().parents[1]
#: pm4py is AGPL-licensed: it is installed only here, never with the project.
PM4PY = "pm4py==2.7.23.11"
PM4PY_VENV = ROOT / "benchmarks" / ".venv-pm4py"
SAMPLE_S = 0.1


@dataclass(frozen=True)
class Measured:
    """One run of a command: wall seconds, peak RSS MB of its largest process, peak PSS MB of
    its processes together, exit code, its standard output and the tail of its errors."""

    wall_s: float
    rss_mb: float
    pss_mb: float
    code: int
    out: str
    err: str


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in KiB, zeros once it is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


def measure(command: Sequence[str], env: dict[str, str] | None = None,
            timeout: float | None = None) -> Measured:
    """Run `command`, sampling the memory of its process tree; what it took."""
    peak = [0, 0]
    done = threading.Event()
    started = time.perf_counter()
    child = subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             cwd=ROOT, env={**os.environ, **(env or {})}, text=True)

    def sample() -> None:
        while not done.wait(SAMPLE_S):
            sizes = [_memory_kb(pid) for pid in descendants(child.pid)]
            peak[0] = max(peak[0], max((r for r, _ in sizes), default=0))
            peak[1] = max(peak[1], sum(p for _, p in sizes))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = child.communicate(timeout=timeout)
    finally:
        done.set()
        sampler.join()
        if child.poll() is None:
            child.kill()
    wall = time.perf_counter() - started
    return Measured(wall, peak[0] / 1024, peak[1] / 1024, child.returncode, out,
                    "\n".join(err.strip().splitlines()[-15:]))


def pm4py_python(venv: Path = PM4PY_VENV) -> Path:
    """The interpreter of pm4py's own virtual environment, made on first use
    (`python -m venv` + `pip install pm4py==<pinned> pyarrow`)."""
    python = venv / "bin" / "python"
    check = [str(python), "-c", "import importlib.metadata as m, json; "
             "print(json.dumps(m.version('pm4py')))"]
    if python.exists():
        found = subprocess.run(check, capture_output=True, text=True, check=False)
        if found.returncode == 0 and json.loads(found.stdout) == PM4PY.split("==")[1]:
            return python
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", PM4PY, "pyarrow"],
                   check=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    return python


def pm4py_replay(log: Path, plan: dict[str, Any], work: Path,
                 max_events: int | None) -> tuple[Measured, dict[str, Any]]:
    """pm4py's token replay of `log` (benchmarks/audit_pm4py.py in its environment)."""
    python = pm4py_python()
    path = work / "pm4py-plan.json"
    path.write_text(json.dumps(plan, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    command = [str(python), str(ROOT / "benchmarks" / "audit_pm4py.py"), "--log", str(log),
               "--plan", str(path)]
    if max_events is not None:
        command += ["--max-events", str(max_events)]
    run = measure(command, env={"TQDM_DISABLE": "1"})
    if run.code != 0:
        raise RuntimeError(f"pm4py's run failed ({run.code}):\n{run.err}")
    return run, json.loads(run.out.strip().splitlines()[-1])
