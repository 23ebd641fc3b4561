"""The verifier by breakpoints against the exhaustive one (issue 19, item 3).

Reads and compiles the generated 1,000-spec corpus (`benchmarks/generate_corpus.py`) once,
then verifies every path of every compiled regulation in this process, on one core, with the
collector off, alternately (a) as `reglament check` does — each path judged on the moments
that decide (`engine.verify.judging`) — and (b) exhaustively, composing the steps on every
moment of receipt. Prints the best CPU time of each over the repeats, their ratio, whether
the verdicts are equal, the moments of receipt covered (the same for both: every minute of the
representative days of a term in minutes, the latest moment of every day of a term in days),
the moments each evaluates the slack on, and how many moments pass through a step function.

    python benchmarks/bench_verify.py --n 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import engine.verify.judging as judging
from benchmarks.generate_corpus import generate
from engine.calendar import Calendar, CalendarData
from engine.process import check_structure
from engine.process.compile import CompiledRegulation
from engine.verify import Verdict, check_corpus, verify_regulation
from engine.verify.pieces import StepFunction

TARGET = 1.0


def _compiled(corpus: Path) -> tuple[list[CompiledRegulation], CalendarData]:
    report = check_corpus([corpus], jobs=1)
    assert report.calendar is not None
    timed = [c for c in report.compiled
             if not any(f.code != "reference" for g in c.graphs.values()
                        for f in check_structure(g))]
    return timed, report.calendar.data


@contextmanager
def _counted(tally: Counter[str]) -> Iterator[None]:
    """Count the moments each mode evaluates the slack on, and those a step composes."""
    saved: dict[tuple[Any, str], Callable[..., Any]] = {}

    def wrap(owner: Any, name: str, count: Callable[[Any, tuple[Any, ...]], None]) -> None:
        original = saved[(owner, name)] = getattr(owner, name)

        def counting(*args: Any, **named: Any) -> Any:
            found = original(*args, **named)
            count(found, args)
            return found
        setattr(owner, name, counting)

    wrap(StepFunction, "_evaluate", lambda found, args: tally.update(composed=args[1].size))
    wrap(Calendar, "due_batch", lambda found, args: tally.update(composed=len(args[1])))
    try:
        yield
    finally:
        for (owner, name), original in saved.items():
            setattr(owner, name, original)


def _verify(compiled: list[CompiledRegulation], data: CalendarData, exhaustive: bool
            ) -> tuple[float, list[list[Verdict]]]:
    """Every path verified on a calendar of its own: nothing kept from the run before (the
    working-time indexes, the classes of days, the instants of worst cases are made anew)."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        calendar = Calendar(data)
        verdicts = [verify_regulation(c, calendar, exhaustive=exhaustive) for c in compiled]
        return time.process_time() - start, verdicts
    finally:
        gc.enable()


def _points(compiled: list[CompiledRegulation], data: CalendarData) -> int:
    """The moments the judgement on few moments evaluates the slack on (a run of its own)."""
    total = 0
    original = judging._tightest

    def counting(moments: Any, *args: Any) -> Any:
        nonlocal total
        total += int(moments.size)
        return original(moments, *args)
    judging._tightest = counting
    calendar = Calendar(data)
    try:
        for c in compiled:
            verify_regulation(c, calendar)
    finally:
        judging._tightest = original
    return total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1000, help="number of specs (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each mode (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reglament-verify-") as folder:
        corpus = Path(folder)
        generate(args.n, corpus, seed=args.seed)
        compiled, data = _compiled(corpus)
    best = {"breakpoints": float("inf"), "exhaustive": float("inf")}
    verdicts: dict[str, list[list[Verdict]]] = {}
    for _ in range(args.repeat):
        for mode in best:
            took, verdicts[mode] = _verify(compiled, data, mode == "exhaustive")
            best[mode] = min(best[mode], took)
    flat = {mode: [v for vs in found for v in vs] for mode, found in verdicts.items()}
    equal = flat["breakpoints"] == flat["exhaustive"]
    moments = sum(v.candidates for v in flat["exhaustive"])
    statuses = Counter(v.status for v in flat["exhaustive"])
    composed: dict[str, Counter[str]] = {}
    for mode in best:
        composed[mode] = Counter()
        with _counted(composed[mode]):
            _verify(compiled, data, mode == "exhaustive")
    points = _points(compiled, data)
    print(f"corpus: {args.n} specs, seed {args.seed}; {len(flat['exhaustive'])} paths of "
          f"{len(compiled)} compiled regulations; "
          + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
    for mode in best:
        print(f"({'a' if mode == 'breakpoints' else 'b'}) {mode:12s} best CPU {best[mode]:6.2f} s "
              f"over {args.repeat} run(s); {composed[mode]['composed']:,} moments through a step")
    print(f"ratio (b)/(a): {best['exhaustive'] / best['breakpoints']:.1f}x")
    print(f"verdicts equal, field by field: {equal}")
    print(f"moments of receipt covered: {moments:,} (both); slack evaluated on: "
          f"{points:,} (a), {moments:,} (b)")
    met = "met" if best["breakpoints"] <= TARGET else "NOT met"
    print(f"target: the verify stage under {TARGET:.1f} s: {met} ({best['breakpoints']:.2f} s)")
    return 0 if equal else 1


if __name__ == "__main__":
    raise SystemExit(main())
