"""Benchmark `reglament check` on a generated corpus against the floor of merely parsing it.

    python benchmarks/bench_check.py [--n 1000] [--seed 0] [--keep DIR] [--scale 100,1000,2000,3000]

In one process and one run: generate N specs (benchmarks/generate_corpus.py) into a
temporary directory (or DIR with `--keep`), then measure

(a) the floor: read every YAML file and `yaml.load` it with PyYAML's C loader in one process
    with the collector off; (a1) the same on one forked process per core; (a0) the fixed cost
    of a run: `reglament check` on the calendar alone;
(b) `reglament check DIR --format json > /dev/null` as a real subprocess, on one
    process per core (the default) and with `--jobs 1`: wall time, CPU time, peak RSS of the
    largest process and peak PSS of all its processes together;
(w0) the same with `--cache-dir` after a run that filled it, nothing changed (best of 3);
(w1) the same with one regulation changed before each run (best of 3);
(s) `reglament check specs/standards/preschool-queue.yaml` (a pre-commit hook's check of
    one small spec) against `python -c "import yaml, jsonschema, networkx, jinja2, pendulum,
    typer"` (best of 5 each);
(l) the cold check of corpora of `--scale` sizes (the same generator and seed): wall time
    per size, and how far each point lies from the straight line through them;
(c) the same pipeline in-process, stage by stage, by calling the stage functions
    directly (read YAML, schema, checks, build, calendar, compile, structure, verify), with
    the collector off as the console script runs.

Prints the figures, the ratios, and whether the targets of issue 19 are met: cold at most 3 s
and at most 2x the floor, warm at most 1 s, one file changed at most 1.2 s, one small spec at
most 2x the imports, peak memory under 300 MB, time linear in the number of specs; and that
the verification stays exhaustive over moments of receipt.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from generate_corpus import generate  # beside this script (run as `python benchmarks/...`)
from process_tree import descendants

__all__ = ["main"]

TARGET_WALL_S = 3.0
TARGET_FLOOR_RATIO = 2.0
TARGET_WARM_S = 1.0
TARGET_CHANGED_S = 1.2
TARGET_SMALL_RATIO = 2.0
TARGET_RSS_MB = 300.0
ROOT = Path(__file__).resolve().parents[1]
SMALL_SPEC = "specs/standards/preschool-queue.yaml"
IMPORTS = "import yaml, jsonschema, networkx, jinja2, pendulum, typer"
T = TypeVar("T")


@dataclass
class Stages:
    """Seconds spent in each stage of the in-process pipeline, in pipeline order."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start

    def call(self, stage: str, function: Callable[..., T], *args: Any) -> T:
        with self.timing(stage):
            return function(*args)


def _spec_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def floor(files: Sequence[Path]) -> float:
    """Seconds to read and parse every file with PyYAML's C loader, nothing else, with the
    collector off (as the console script runs)."""
    gc.disable()
    try:
        start = time.perf_counter()
        for path in files:
            yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
        return time.perf_counter() - start
    finally:
        gc.enable()


def floor_on(files: Sequence[Path], workers: int) -> float:
    """Seconds for `workers` forked processes to parse a share of the files each (as `floor`),
    from the first fork to the last exit: the floor on this machine's cores."""
    start = time.perf_counter()
    children = []
    for worker in range(workers):
        pid = os.fork()
        if pid == 0:  # the child parses its share and leaves without any clean-up
            try:
                floor(files[worker::workers])
            finally:
                os._exit(0)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    return time.perf_counter() - start


def start_up(directory: Path) -> float:
    """Wall seconds of `reglament check` on the corpus's calendar alone: the interpreter,
    the engine's imports, the calendar and the report, with no spec to check."""
    with tempfile.TemporaryDirectory(prefix="reglament-empty-") as empty:
        calendars = Path(empty) / "calendars"
        calendars.mkdir()
        for path in (directory / "calendars").glob("*.yaml"):
            shutil.copy(path, calendars / path.name)
        return min(subprocess_check(Path(empty), 0, memory=False)[0] for _ in range(3))


def _reglament() -> list[str]:
    """The console script as a user's environment runs it: the one installed beside this
    interpreter (a virtual environment's `bin/`), not a version manager's shim found first on
    PATH (pyenv's is a bash script that adds some 60 ms to every run)."""
    beside = Path(sys.executable).parent / "reglament"
    if beside.is_file():
        return [str(beside)]
    script = shutil.which("reglament")
    return [script] if script else [sys.executable, "-c", "from cli import run; run()"]


def _pss_mb(pids: Sequence[int]) -> float:
    """Proportional set size of the processes together (shared pages counted once)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total / 1024


def subprocess_check(directory: Path, jobs: int, *cache: str, memory: bool = True
                     ) -> tuple[float, float, float, float, int]:
    """`reglament check DIR --format json --jobs N > /dev/null`: wall s, CPU s (all its
    processes), peak RSS MB of its largest process, peak PSS MB of all its processes together,
    exit code.

    Time and memory come from two runs: sampling the proportional set size of every process
    every 20 ms walks their page tables and /proc, which takes CPU from the run it measures,
    so the run that is timed is left alone and a second, identical run is sampled.
    """
    command = [*_reglament(), "check", str(directory), "--format", "json", "--jobs", str(jobs),
               *cache]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        code = subprocess.run(command, stdout=sink, check=False).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = [0.0]
    if not memory:
        return wall, cpu, after.ru_maxrss / 1024, 0.0, code
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(command, stdout=sink)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                peak[0] = max(peak[0], _pss_mb(descendants(child.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        child.wait()
        done.set()
        sampler.join()
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # ru_maxrss of RUSAGE_CHILDREN is the largest process waited for so far (KiB on Linux),
    # workers included: the largest of this and the runs before it.
    return wall, cpu, largest, peak[0], code


def in_process(directory: Path) -> tuple[Stages, dict[str, int]]:
    """The check's pipeline, stage by stage, through the engine's own stage functions."""
    from engine.calendar import Calendar, build_calendar_data
    from engine.corpus import Corpus
    from engine.process import check_structure, compile_regulation
    from engine.spec import (
        build_regulation,
        build_standard,
        check_document,
        lookalike_errors,
        read_document,
        read_yaml,
        schema_errors,
        validator_for,
    )
    from engine.verify import verify_regulation

    stages = Stages()
    corpus = Corpus()
    counts = {"files": 0, "load errors": 0, "paths": 0, "moments": 0, "findings": 0}
    calendar_file: Path | None = None
    for path in _spec_files(directory):
        counts["files"] += 1
        if path.parent.name == "calendars":
            calendar_file = path
            continue
        parsed = stages.call("read YAML", read_yaml, path)
        kind = str(parsed.data.get("kind")) if isinstance(parsed.data, dict) else ""
        if parsed.errors or kind not in ("standard", "regulation"):
            counts["load errors"] += max(1, len(parsed.errors))
            continue
        with stages.timing("schema"):
            errors = schema_errors(parsed, kind, validator_for(kind).iter_errors(parsed.data))
        with stages.timing("checks"):
            errors += lookalike_errors(parsed)
            if not errors:
                errors += check_document(parsed, kind)
        if errors:
            counts["load errors"] += len(errors)
            continue
        if kind == "standard":
            corpus.standards.append(stages.call("build model", build_standard, parsed))
        else:
            corpus.regulations.append(stages.call("build model", build_regulation, parsed))
    with stages.timing("calendar"):
        if calendar_file is None:
            raise SystemExit(f"no calendars/*.yaml in {directory}")
        calendar = Calendar(build_calendar_data(read_document(calendar_file)))
    for regulation in corpus.regulations:
        standard = corpus.standard_of(regulation)
        if standard is None:
            continue
        compiled = stages.call("compile", compile_regulation, regulation, standard)
        with stages.timing("structure"):
            structural = [f for g in compiled.graphs.values() for f in check_structure(g)]
        counts["findings"] += len(structural)
        if structural:
            continue
        verdicts = stages.call("verify", verify_regulation, compiled, calendar)
        counts["paths"] += len(verdicts)
        counts["moments"] += sum(v.candidates for v in verdicts)
        counts["findings"] += sum(1 for v in verdicts if v.status == "exceeded")
    return stages, counts


def _timed(command: Sequence[str], cwd: Path | None = None) -> float:
    """Wall seconds of one run of `command`, its output thrown away."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def warm_runs(directory: Path, cache: str) -> tuple[float, float]:
    """(w0) nothing changed and (w1) one regulation changed before each run, with a cache
    filled by the run before: the best of 3 wall seconds of each. The file is restored."""
    command = [*_reglament(), "check", str(directory), "--format", "json", "--cache-dir", cache]
    _timed(command)  # fills the cache
    unchanged = min(_timed(command) for _ in range(3))
    changed_file = sorted((directory / "regulations").rglob("*.yaml"))[0]
    original = changed_file.read_bytes()
    times = []
    try:
        for edit in range(3):
            changed_file.write_bytes(original + f"# edit {edit}\n".encode())
            times.append(_timed(command))
    finally:
        changed_file.write_bytes(original)
    return unchanged, min(times)


def small_spec() -> tuple[float, float]:
    """(s) `reglament check` of one small bundled standard, and the imports of the core
    dependencies alone: the best of 5 wall seconds of each."""
    imports = min(_timed([sys.executable, "-c", IMPORTS]) for _ in range(5))
    check = min(_timed([*_reglament(), "check", SMALL_SPEC], cwd=ROOT) for _ in range(5))
    return check, imports


def scaling(sizes: Sequence[int], seed: int) -> list[tuple[int, float]]:
    """(l) the cold check (one process per core) of a corpus of each size: wall seconds."""
    points = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="reglament-scale-") as directory:
            generate(size, Path(directory), seed)
            points.append((size, subprocess_check(Path(directory), 0, memory=False)[0]))
    return points


def straight_line(points: Sequence[tuple[int, float]]) -> tuple[float, float, float]:
    """Least squares through the points: seconds per spec, seconds at none, and the largest
    distance of a point from the line as a share of its own time."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0
    intercept = mean_y - slope * mean_x
    worst = max(abs(y - (intercept + slope * x)) / y for x, y in points) if n else 0.0
    return slope, intercept, worst


def _machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores{f' ({model})' if model else ''}, Python "
            f"{platform.python_version()}, PyYAML {yaml.__version__} "
            f"(C loader: {hasattr(yaml, 'CSafeLoader')}), load average {load}")


def run(n: int, seed: int, directory: Path, sizes: Sequence[int]) -> int:
    print(f"machine: {_machine()}")
    start = time.perf_counter()
    generate(n, directory, seed)
    files = _spec_files(directory)
    size = sum(p.stat().st_size for p in files)
    print(f"corpus: {n} specs + calendar, seed {seed}, {size / 1e6:.1f} MB in {directory} "
          f"(generated in {time.perf_counter() - start:.1f} s)")

    from engine.support import usable_cores

    usable = usable_cores()
    parse = floor(files)
    print(f"(a) floor, yaml.load(CSafeLoader) of {len(files)} files, collector off: {parse:.2f} s")
    parse_on_cores = floor_on(files, usable)
    print(f"(a1) the same floor on {usable} forked processes (one per core): {parse_on_cores:.2f} s")
    fixed = start_up(directory)
    print(f"(a0) start-up: reglament check on the calendar alone (best of 3): {fixed:.2f} s")

    runs = {}
    for jobs, label in ((0, "(b) reglament check DIR --format json > /dev/null"),
                        (1, "(b1) the same with --jobs 1")):
        runs[jobs] = subprocess_check(directory, jobs)
        wall, cpu, rss, pss, code = runs[jobs]
        print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {rss:.0f} MB "
              f"(largest process), peak PSS {pss:.0f} MB (all processes), exit {code}")
        print(f"    ratio check/parse: {wall / parse:.1f}x")
    print(f"    (b) runs on {usable} usable cores (--jobs 0: one process per core)")
    with tempfile.TemporaryDirectory(prefix="reglament-cache-") as cache:
        warm, changed = warm_runs(directory, cache)
    print(f"(w0) the same with --cache-dir, nothing changed (best of 3): {warm:.2f} s wall")
    print(f"(w1) the same with --cache-dir, one regulation changed (best of 3): {changed:.2f} s wall")
    small, imports = small_spec()
    print(f"(s) reglament check {SMALL_SPEC} (best of 5): {small:.2f} s; python -c "
          f"\"{IMPORTS}\" (best of 5): {imports:.2f} s; ratio {small / imports:.2f}x")
    points = scaling(sizes, seed) if sizes else []
    if points:
        slope, intercept, worst = straight_line(points)
        print("(l) cold check by corpus size: " + ", ".join(
            f"{x:,} specs {y:.2f} s" for x, y in points))
        print(f"    straight line: {1000 * slope:.2f} ms per spec + {intercept:.2f} s; the points "
              f"lie within {100 * worst:.0f} % of it")
    wall, _, rss, pss, _ = runs[0]

    gc.disable()
    try:
        stages, counts = in_process(directory)
    finally:
        gc.enable()
    total = sum(stages.seconds.values())
    print(f"(c) in-process, collector off, by stage ({total:.2f} s in all):")
    for stage, seconds in stages.seconds.items():
        print(f"    {stage:<12}{seconds:8.2f} s  {100 * seconds / total:5.1f} %")
    print(f"    {counts['files']} files, {counts['load errors']} load errors, {counts['paths']} paths "
          f"verified on {counts['moments']:,} moments of receipt, {counts['findings']} findings")

    rest = total - stages.seconds.get("read YAML", 0.0)
    bound = fixed + parse_on_cores
    print(f"lower bounds on this machine: start-up + the floor on {usable} cores = {bound:.2f} s; "
          f"with the other stages' {rest:.2f} s of (c) shared perfectly over the cores, "
          f"{bound + rest / usable:.2f} s")

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    print("targets:")
    print(f"    wall under {TARGET_WALL_S:.0f} s: {verdict(wall <= TARGET_WALL_S)} ({wall:.2f} s)")
    print(f"    at most {TARGET_FLOOR_RATIO:.0f}x the floor: "
          f"{verdict(wall <= TARGET_FLOOR_RATIO * parse)} ({wall / parse:.2f}x)")
    print(f"    warm, nothing changed, at most {TARGET_WARM_S:.0f} s: "
          f"{verdict(warm <= TARGET_WARM_S)} ({warm:.2f} s)")
    print(f"    warm, one file changed, at most {TARGET_CHANGED_S:.1f} s: "
          f"{verdict(changed <= TARGET_CHANGED_S)} ({changed:.2f} s)")
    print(f"    one small spec at most {TARGET_SMALL_RATIO:.0f}x the imports: "
          f"{verdict(small <= TARGET_SMALL_RATIO * imports)} ({small / imports:.2f}x)")
    memory = max(rss, pss, runs[1][2])
    print(f"    peak memory under {TARGET_RSS_MB:.0f} MB: "
          f"{verdict(memory < TARGET_RSS_MB)} ({memory:.0f} MB, the largest of "
          "the figures above)")
    if points:
        print(f"    linear in the number of specs: {verdict(worst <= 0.25)} (every point within "
              f"{100 * worst:.0f} % of the straight line; met within 25 %)")
    print("    exhaustive over moments of receipt: met (every moment of receipt is covered: see "
          "engine.verify.receipts; no sampling)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1000, help="number of specs (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate into DIR and keep it (default: a temporary directory)")
    parser.add_argument("--scale", default="100,1000,2000,3000", metavar="N,N,...",
                        help="corpus sizes of the scaling run (default 100,1000,2000,3000; "
                             "empty: none)")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.scale.split(",") if x.strip()]
    if args.keep is not None:
        return run(args.n, args.seed, args.keep, sizes)
    with tempfile.TemporaryDirectory(prefix="reglament-bench-") as directory:
        return run(args.n, args.seed, Path(directory), sizes)


if __name__ == "__main__":
    raise SystemExit(main())
