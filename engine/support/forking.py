"""Work shared out on forked processes: `fork_map`, and how many workers a job gets.

Workers are forked, so they inherit what the parent built (graphs, the calendar)
instead of receiving copies; results come back in the order of the items, so what a
caller makes of them is the same whatever the number of workers.

Forking is not available everywhere (Windows has no fork; macOS and Python 3.14 prefer
spawn): where it is not, the regulations are verified in this process, one after another.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["MIN_PER_WORKER", "fork_map", "usable_cores", "workers_for"]

T = TypeVar("T")
R = TypeVar("R")

#: Fewer items than this per worker are done in this process: forking and collecting
#: the results costs more than a few items take.
MIN_PER_WORKER = 8


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
             per_worker: int = MIN_PER_WORKER, chunksize: int = 4,
             costs: Sequence[int] | None = None,
             in_process: Callable[[T], R] | None = None) -> list[R]:
    """`[function(item) for item in items]`, on forked processes when it is worth it.

    `function` must be a module-level function (the workers are told its name); what it
    needs besides its item it may read from module state set before the call, which the
    forked workers inherit. With `costs` (an estimate per item), the costliest items are
    handed out first, so that the workers finish together rather than one waiting on a
    large item taken last. Results come back in the order of `items`. `in_process`, when
    given, is what is called instead of `function` when the items are done in this process
    (it may keep what it makes there, which a worker's copy of memory cannot).
    """
    workers = workers_for(jobs, len(items), per_worker)
    if workers == 1:
        return [(in_process or function)(item) for item in items]
    # Objects that exist before the fork are moved out of the collector's sight, so that a
    # collection in a worker does not write to (and so copy) the pages it shares with this
    # process (the use gc.freeze documents); they are given back once the workers are done.
    gc.freeze()
    try:
        order = (sorted(range(len(items)), key=lambda i: -costs[i]) if costs is not None
                 else list(range(len(items))))
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.map(function, [items[i] for i in order], chunksize=chunksize)
        by_item = dict(zip(order, done, strict=True))
        return [by_item[index] for index in range(len(items))]
    finally:
        gc.unfreeze()
