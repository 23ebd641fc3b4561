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
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

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

    This process takes a share of the items itself, beside `workers - 1` forked ones: its
    results need no copying back, and no core waits idle on the others. Every process takes
    the next `chunksize` items in turn from a shared counter, so that those that finish early
    take more. `function` must be a module-level function; what it needs besides its item it
    may read from module state set before the call, which the forked workers inherit. With
    `costs` (an estimate per item), the costliest items are taken first, so that the
    processes finish together rather than one waiting on a large item taken last. Results
    come back in the order of `items`. `in_process`, when given, is what this process calls
    instead of `function` (it may keep what it makes here, which a worker's copy of memory
    cannot).
    """
    workers = workers_for(jobs, len(items), per_worker)
    here = in_process or function
    if workers == 1:
        return [here(item) for item in items]
    order = (sorted(range(len(items)), key=lambda i: -costs[i]) if costs is not None
             else list(range(len(items))))
    context = multiprocessing.get_context("fork")
    taken = context.Value("q", 0)  # the next position in `order` to take
    children: list[tuple[Any, Any]] = []
    # Objects that exist before the fork are moved out of the collector's sight, so that a
    # collection in a worker does not write to (and so copy) the pages it shares with this
    # process (the use gc.freeze documents); they are given back once the workers are done.
    gc.freeze()
    try:
        for _ in range(workers - 1):
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_work, daemon=True,
                                    args=(function, items, order, taken, chunksize, sender))
            child.start()
            sender.close()
            children.append((child, receiver))
        found = {index: here(items[index]) for index in _take(order, taken, chunksize)}
        for child, receiver in children:
            found.update(_collect(child, receiver))
        return [found[index] for index in range(len(items))]
    finally:
        for child, _ in children:
            if child.is_alive():
                child.terminate()
            child.join()
        gc.unfreeze()


def _take(order: Sequence[int], taken: Any, chunksize: int) -> Iterator[int]:
    """The items a process takes, `chunksize` at a time, until none is left."""
    while True:
        with taken.get_lock():
            start = taken.value
            taken.value = start + chunksize
        if start >= len(order):
            return
        yield from order[start:start + chunksize]


def _work(function: Callable[[T], R], items: Sequence[T], order: Sequence[int], taken: Any,
          chunksize: int, sender: Any) -> None:
    """A worker: its items done, their results sent back together (or the error met)."""
    try:
        done = [(index, function(items[index])) for index in _take(order, taken, chunksize)]
        sender.send(("done", done))
    except BaseException as error:
        try:
            sender.send(("error", error))
        except Exception:  # an error that cannot be pickled is told by its text
            sender.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))
    finally:
        sender.close()


def _collect(child: Any, receiver: Any) -> list[tuple[int, Any]]:
    """A worker's results, or its error raised here."""
    try:
        status, payload = receiver.recv()
    except EOFError:
        child.join()
        raise RuntimeError(f"a worker process ended without its results (exit code "
                           f"{child.exitcode})") from None
    finally:
        receiver.close()
    if status == "error":
        raise payload
    return list(payload)
