"""`reglament check` of one file against the floor of importing its libraries, and the per-file
stages of a check, for this checkout and optionally others (`--against`), side by side in one run.

    python benchmarks/bench_start_up.py [--against DIR ...] [--n 1000] [--seed 0] [--best 15]

(a) start-up: `python -c "import yaml, jsonschema, networkx, jinja2, pendulum, typer"` (the
    floor) and `python cli.py check specs/standards/preschool-queue.yaml` in each checkout,
    alternating, best of `--best` wall times each; the target of issue 19 is at most 2x the floor;
(b) what that check imports: `python -X importtime`, self time by top-level package;
(c) the per-file stages over N generated specs (benchmarks/generate_corpus.py), in one process per
    checkout, as `bench_check.py`'s (c) times them: schema, checks, build, compile, structure (best
    of 3), and the calendar (read and built once, cold, as a check does); with the collector on (as
    bench_check.py) and off (as the `reglament` console script runs: the collector's passes fall in
    whichever stage allocates when they are due, so only the sum compares with it on).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate_corpus import generate

ROOT = Path(__file__).resolve().parents[1]

FLOOR = "import yaml, jsonschema, networkx, jinja2, pendulum, typer"
CHECK = ["cli.py", "check", "specs/standards/preschool-queue.yaml"]
TARGET = 2.0
#: What a check of valid specs should not load (issue 19).
UNNEEDED = ("jinja2", "weasyprint", "pydantic", "jsonschema", "holidays.countries", "sqlite3",
            "renderers", "engine.cases")

#: The stages, run in a checkout's own interpreter (its `engine` on the path): JSON on stdout.
STAGES = r'''
import gc, json, sys, time
from pathlib import Path
from engine.calendar import Calendar, build_calendar_data
from engine.corpus import Corpus
from engine.process import check_structure, compile_regulation
from engine.spec import (build_regulation, build_standard, check_document, lookalike_errors,
                         read_document, read_yaml, schema_errors, validator_for)
if sys.argv[2] == "off":
    gc.disable()
files = sorted(p for p in Path(sys.argv[1]).rglob("*.yaml"))
calendar_file = next(p for p in files if p.parent.name == "calendars")
parsed = [read_yaml(p) for p in files if p.parent.name != "calendars"]
start = time.perf_counter()
Calendar(build_calendar_data(read_document(calendar_file)))
seconds = {"calendar (cold)": time.perf_counter() - start}
def timed(stage, function, *args):
    start = time.perf_counter()
    try:
        return function(*args)
    finally:
        runs[stage] = runs.get(stage, 0.0) + time.perf_counter() - start
for _ in range(3):
    runs, corpus = {}, Corpus()
    for one in parsed:
        kind = one.data.get("kind")
        errors = timed("schema", lambda: schema_errors(one, kind, validator_for(kind).iter_errors(one.data)))
        errors += timed("checks", lambda: lookalike_errors(one) or check_document(one, kind))
        if not errors:
            built = timed("build", build_standard if kind == "standard" else build_regulation, one)
            (corpus.standards if kind == "standard" else corpus.regulations).append(built)
    for regulation in corpus.regulations:
        compiled = timed("compile", compile_regulation, regulation, corpus.standard_of(regulation))
        for graph in compiled.graphs.values():
            timed("structure", check_structure, graph)
    for stage, value in runs.items():
        seconds[stage] = min(seconds.get(stage, value), value)
print(json.dumps(seconds))
'''


def _env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree)}


def start_up(trees: list[Path], best_of: int) -> dict[str, float]:
    """Best wall seconds of the floor and of each checkout's check, runs alternating."""
    commands = {"import floor": ([sys.executable, "-c", FLOOR], trees[0])}
    for tree in trees:
        commands[f"check ({tree})"] = ([sys.executable, *CHECK], tree)
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(best_of):
        for name, (command, tree) in commands.items():
            start = time.perf_counter()
            subprocess.run(command, cwd=tree, env=_env(tree), capture_output=True, check=False)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def imports(tree: Path) -> tuple[float, list[tuple[str, float]], list[str]]:
    """Total import ms of the check, the top packages by self time, the unneeded ones loaded."""
    done = subprocess.run([sys.executable, "-X", "importtime", *CHECK], cwd=tree, env=_env(tree),
                          capture_output=True, text=True, check=False)
    by_package: Counter[str] = Counter()
    modules = []
    for line in done.stderr.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if found:
            modules.append(found.group(2))
            by_package[found.group(2).split(".")[0]] += int(found.group(1))
    loaded = [name for name in UNNEEDED
              if any(m == name or m.startswith(f"{name}.") for m in modules)]
    return (sum(by_package.values()) / 1000,
            [(name, us / 1000) for name, us in by_package.most_common(8)], loaded)


def stages(tree: Path, corpus: Path, collector: str) -> dict[str, float]:
    """Seconds of each stage in a process of the checkout, the collector "on" or "off"."""
    done = subprocess.run([sys.executable, "-c", STAGES, str(corpus), collector], cwd=tree,
                          env=_env(tree), capture_output=True, text=True, check=True)
    seconds: dict[str, float] = json.loads(done.stdout)
    seconds["all stages"] = sum(seconds.values())
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--against", type=Path, action="append", default=[], metavar="DIR",
                        help="another checkout to measure beside this one (repeatable)")
    parser.add_argument("--n", type=int, default=1000, help="specs for the stages (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--best", type=int, default=15, help="runs of each start-up (default 15)")
    args = parser.parse_args()
    trees = [ROOT, *(tree.resolve() for tree in args.against)]
    best = start_up(trees, args.best)
    floor = best["import floor"]
    print(f"(a) start-up, best of {args.best} (cores {os.cpu_count()}, load {os.getloadavg()[0]:.2f}):")
    for name, seconds in best.items():
        print(f"    {name:<60} {seconds:6.3f} s  {seconds / floor:5.2f}x the floor")
    ours = best[f"check ({ROOT})"] / floor
    print(f"    target at most {TARGET:.0f}x the floor: {'met' if ours <= TARGET else 'NOT met'} "
          f"({ours:.2f}x)")
    print("(b) imports of that check (-X importtime, self time by package):")
    for tree in trees:
        total, top, loaded = imports(tree)
        print(f"    {tree}: {total:.0f} ms in all; " + ", ".join(f"{n} {ms:.0f}" for n, ms in top))
        print(f"        loaded though not needed: {', '.join(loaded) or 'none'}")
    with tempfile.TemporaryDirectory(prefix="reglament-start-up-") as directory:
        generate(args.n, Path(directory), args.seed)
        columns = [(tree, collector) for collector in ("on", "off") for tree in trees]
        found = {(tree, on): stages(tree, Path(directory), on) for tree, on in columns}
    print(f"(c) per-file stages over {args.n} specs, in-process, collector on and off (seconds):")
    print("    " + f"{'stage':<16}" + "".join(f"{f'{t.name} ({c})':>22}" for t, c in columns))
    for name in found[columns[0]]:
        print("    " + f"{name:<16}" + "".join(f"{found[column][name]:22.3f}" for column in columns))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
