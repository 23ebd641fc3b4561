"""Verify many regulations on several cores.

The deadline proof of one regulation does not depend on any other, and it is most of
the time of a check. Worker processes are forked once the regulations are compiled,
so they inherit the graphs and the calendar instead of receiving copies; each returns
the verdicts of the regulations it is given, and the results come back in the order of
the regulations, so a report is the same whatever the number of workers.

Forking is not available everywhere (Windows has no fork; macOS and Python 3.14 prefer
spawn): where it is not, the regulations are verified in this process, one after another.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from engine.calendar import Calendar
from engine.compile import CompiledRegulation
from engine.verify import Verdict, verify_regulation

if TYPE_CHECKING:
    from engine.check_cache import VerdictCache

__all__ = ["MIN_PER_WORKER", "fork_map", "usable_cores", "verify_all", "workers_for"]

T = TypeVar("T")
R = TypeVar("R")

#: Fewer regulations than this per worker are verified in this process: forking and
#: collecting the verdicts costs more than a few regulations take.
MIN_PER_WORKER = 8

#: What forked workers read: set just before the fork, cleared after.
_WORK: tuple[Sequence[CompiledRegulation], Calendar] | None = None


def usable_cores() -> int:
    """The CPUs this process may run on (its affinity, where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def workers_for(jobs: int, items: int, per_worker: int = MIN_PER_WORKER) -> int:
    """How many processes share `items` when `jobs` are asked for (0: one per core), giving
    each at least `per_worker` of them.

    Raises:
        ValueError: for a negative `jobs`.
    """
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (one per core) or more, got {jobs}")
    wanted = usable_cores() if jobs == 0 else jobs
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # pragma: no cover - not Linux
    return max(1, min(wanted, items // per_worker))


def fork_map(function: Callable[[T], R], items: Sequence[T], jobs: int = 1, *,
             per_worker: int = MIN_PER_WORKER, chunksize: int = 4) -> list[R]:
    """`[function(item) for item in items]`, on forked processes when it is worth it.

    `function` must be a module-level function (the workers are told its name); what it
    needs besides its item it may read from module state set before the call, which the
    forked workers inherit. Results come back in the order of `items`.
    """
    workers = workers_for(jobs, len(items), per_worker)
    if workers == 1:
        return [function(item) for item in items]
    # Objects that exist before the fork are moved out of the collector's sight, so that a
    # collection in a worker does not write to (and so copy) the pages it shares with this
    # process (the use gc.freeze documents); they are given back once the workers are done.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(function, items, chunksize=chunksize)
    finally:
        gc.unfreeze()


def verify_all(compiled: Sequence[CompiledRegulation], calendar: Calendar,
               jobs: int = 1, cache: VerdictCache | None = None) -> list[list[Verdict]]:
    """The verdicts of each regulation, in order, on up to `jobs` processes (0: one per core).

    With a `cache`, the verdicts it holds for a regulation are taken from it, and those
    computed are put in it.
    """
    keys = [cache.key(c) if cache is not None else None for c in compiled]
    found = [cache.get(k) if cache is not None and k is not None else None for k in keys]
    missing = [i for i, verdicts in enumerate(found) if verdicts is None]
    global _WORK
    _WORK = ([compiled[i] for i in missing], calendar)
    try:
        # Small chunks: regulations differ a hundredfold in cost, so workers that finish
        # early take more.
        computed = fork_map(_verify_one, range(len(missing)), jobs, chunksize=4)
    finally:
        _WORK = None
    for index, verdicts in zip(missing, computed, strict=True):
        found[index] = verdicts
        key = keys[index]
        if cache is not None and key is not None:
            cache.put(key, verdicts)
    return [verdicts or [] for verdicts in found]


def _verify_one(index: int) -> list[Verdict]:
    assert _WORK is not None, "verify_all sets the work before forking"
    compiled, calendar = _WORK
    return verify_regulation(compiled[index], calendar)
