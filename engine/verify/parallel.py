"""Check many regulation-standard pairs on several cores.

What a pair finds — compiling it, its structural checks, the deadline proof of every path,
the findings made of the verdicts — depends on no other pair, and it is most of the time of
a check. Worker processes are forked once the corpus is read (`engine.support.forking`), so
they inherit the specs and the calendar instead of receiving copies; each compiles and
checks the pairs it is given and returns what they found (`PairResult`: findings and
verdicts, not graphs), and the results come back in the order of the pairs, so a report is
the same whatever the number of workers. The costliest pairs are handed out first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from engine.calendar import Calendar
from engine.process.compile import CompiledRegulation, compile_regulation
from engine.process.counter import check_counter_time
from engine.process.structure import check_structure
from engine.support.forking import fork_map
from engine.verify.cache import Pair, PairResult
from engine.verify.findings import over_budget, verdict_findings
from engine.verify.proof import Verdict, verify_regulation

__all__ = ["check_pair", "check_pairs", "estimated_cost", "verify_all"]

#: What forked workers read: set just before the fork, cleared after.
_WORK: tuple[Sequence[Pair], Calendar] | None = None
_VERIFY: tuple[Sequence[CompiledRegulation], Calendar] | None = None


def check_pair(compiled: CompiledRegulation, calendar: Calendar) -> PairResult:
    """What one compiled pair finds: structural problems (then nothing is timed), else steps
    at a counter the term does not cover, the verdicts of its paths and their findings."""
    # Undefined references are the corpus check's, located at the value itself.
    structural = [f for graph in compiled.graphs.values()
                  for f in check_structure(graph) if f.code != "reference"]
    if structural:
        return PairResult(structural)
    counter = [f for graph in compiled.graphs.values() for f in check_counter_time(graph)]
    verdicts = verify_regulation(compiled, calendar)
    return PairResult([], counter, verdicts, verdict_findings(verdicts, compiled.regulation),
                      over_budget(compiled))


def check_pairs(pairs: Sequence[Pair], calendar: Calendar, jobs: int = 1,
                compile_pair: Callable[[Pair], CompiledRegulation] | None = None
                ) -> list[PairResult]:
    """`check_pair` of each pair, in order, on up to `jobs` processes (0: one per core).

    `compile_pair` compiles a pair in this process (the check keeps what it compiles); forked
    workers compile their pairs themselves.
    """
    global _WORK
    _WORK = (pairs, calendar)
    compiler = compile_pair or _compile
    try:
        results = fork_map(_check_one, range(len(pairs)), jobs, chunksize=1,
                           costs=[estimated_cost(pair) for pair in pairs],
                           in_process=lambda index: check_pair(compiler(pairs[index]), calendar))
    finally:
        _WORK = None
    return results


def estimated_cost(pair: Pair) -> int:
    """A rough measure of the time a pair takes: the squared number of steps of each channel
    (paths grow with branches), weighed up for a term in minutes or hours (every minute of a
    day's pattern is a moment of receipt, against one a day for a term in days)."""
    terms = {name: channel.term for name, channel in pair.standard.channels.items()}
    cost = 0
    for channel, steps in pair.regulation.processes.items():
        term = terms.get(channel)
        cost += len(steps) ** 2 * (1 if term is None or term.is_day_based else 4)
    return cost


def verify_all(compiled: Sequence[CompiledRegulation], calendar: Calendar,
               jobs: int = 1) -> list[list[Verdict]]:
    """The verdicts of each compiled regulation, in order, on up to `jobs` processes."""
    global _VERIFY
    _VERIFY = (compiled, calendar)
    try:
        return fork_map(_verify_one, range(len(compiled)), jobs, chunksize=1)
    finally:
        _VERIFY = None


def _compile(pair: Pair) -> CompiledRegulation:
    return compile_regulation(pair.regulation, pair.standard)


def _check_one(index: int) -> PairResult:
    assert _WORK is not None, "check_pairs sets the work before forking"
    pairs, calendar = _WORK
    return check_pair(_compile(pairs[index]), calendar)


def _verify_one(index: int) -> list[Verdict]:
    assert _VERIFY is not None, "verify_all sets the work before forking"
    compiled, calendar = _VERIFY
    return verify_regulation(compiled[index], calendar)
