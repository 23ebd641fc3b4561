"""What checking both readings of a day limit costs (issue 14: at most 20 % more).

Runs `check_corpus` on the generated 1,000-spec corpus (`benchmarks/generate_corpus.py`)
in this process, on one core, alternately (a) as `reglament check` does, every step limited
in working days checked under the civil and, for the paths late under it, the elapsed
reading, and (b) the peer: the same engine with the civil reading only (the elapsed pass
switched off). Prints the best CPU time of each over the repeats, their ratio, the moments of
receipt and the verdicts of each, and whether the target is met.

    python benchmarks/bench_readings.py --n 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import engine.verify.proof as proof
from benchmarks.generate_corpus import generate
from engine.verify import CheckReport, check_corpus

TARGET = 1.20


def _run(corpus: Path, civil_only: bool) -> tuple[float, CheckReport]:
    original: Callable[..., bool] = proof.has_day_limits
    if civil_only:
        proof.has_day_limits = lambda durations: False  # type: ignore[assignment]
    try:
        gc.collect()
        start = time.process_time()
        report = check_corpus([corpus], jobs=1)
        return time.process_time() - start, report
    finally:
        proof.has_day_limits = original  # type: ignore[assignment]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1000, help="number of specs (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each mode (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reglament-readings-") as folder:
        corpus = Path(folder)
        generate(args.n, corpus, seed=args.seed)
        best = {"both": float("inf"), "civil": float("inf")}
        reports: dict[str, CheckReport] = {}
        for _ in range(args.repeat):
            for mode in ("both", "civil"):
                took, reports[mode] = _run(corpus, civil_only=mode == "civil")
                best[mode] = min(best[mode], took)
    for mode, label in (("both", "(a) both readings (reglament check)"),
                        ("civil", "(b) peer: the civil reading only")):
        report = reports[mode]
        moments = sum(v.candidates for v in report.verdicts)
        statuses = Counter(v.status for v in report.verdicts)
        print(f"{label:<40} best CPU {best[mode]:6.2f} s over {args.repeat} run(s); "
              f"{moments:,} moments of receipt; "
              + ", ".join(f"{count} {status}" for status, count in sorted(statuses.items())))
    ratio = best["both"] / best["civil"]
    print(f"ratio (a)/(b): {ratio:.2f}x; target: at most {TARGET:.2f}x: "
          f"{'met' if ratio <= TARGET else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
