"""The `reglament` console script (collector frozen and off, no teardown) against the same
command run as before issue 19 (`app()` with Python's defaults), side by side in one run.

    python benchmarks/bench_gc.py [--n 1000] [--rounds 3] [--jobs 1]

Generates N specs (benchmarks/generate_corpus.py) into a temporary directory, then runs
`reglament check DIR --format json` both ways, alternating, `--rounds` times each, and prints
the best wall time of each, the ratio, and whether the two JSON reports are byte-identical.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate_corpus import generate

#: The two ways: the console script's entry (`cli.run`) and the app with Python's defaults.
WAYS = {
    "run (gc frozen and off, os._exit)": "from cli import run; run()",
    "app (Python's defaults)": "from cli import app; app()",
}


def _check(code: str, directory: Path, jobs: int) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, "check", str(directory), "--format",
                           "json", "--jobs", str(jobs)], capture_output=True, check=False)
    return time.perf_counter() - start, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1000, help="number of specs (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each way (default 3)")
    parser.add_argument("--jobs", type=int, default=1, help="--jobs of the check (default 1)")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="reglament-gc-"))
    try:
        generate(args.n, directory)
        best: dict[str, float] = {}
        reports: dict[str, bytes] = {}
        for _ in range(args.rounds):
            for name, code in WAYS.items():
                seconds, report = _check(code, directory, args.jobs)
                best[name] = min(best.get(name, seconds), seconds)
                reports.setdefault(name, report)
        print(f"corpus: {args.n} specs, --jobs {args.jobs}, best of {args.rounds}")
        for name, seconds in best.items():
            print(f"  {name:<36} {seconds:6.2f} s")
        first, second = best.values()
        print(f"  ratio run/app: {first / second:.2f}x")
        same = len(set(reports.values())) == 1
        print(f"  reports byte-identical: {same}")
        return 0 if same else 1
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
