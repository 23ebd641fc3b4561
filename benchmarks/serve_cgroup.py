"""A CPU quota for the server under test, so that one load generator can offer it 10x.

On two cores, locust and `reglament serve` share the machine: locust sends at most about
twice what the server can serve (docs/benchmarks.md, "Serving (issue 21)"), not the ten times
issue 21 asks for. The second design of the overload gives the server a fraction of one core
through the kernel's CPU controller (cgroup v2 `cpu.max`, or v1 `cpu.cfs_quota_us`), measures
its capacity under that quota, and offers ten times that — which the generator, with the rest
of the machine, can send. What it tests is the same: does a server past its capacity shed the
rest cleanly and lose no acknowledged command. Writing a cgroup needs root (or a delegated
subtree); without one, `CpuQuota` raises `QuotaUnavailable` saying so, and the benchmark
reports that design as not run rather than passing it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from types import TracebackType

__all__ = ["CpuQuota", "QuotaUnavailable"]

PERIOD_US = 100_000
V2_ROOT = Path("/sys/fs/cgroup")
V1_ROOT = Path("/sys/fs/cgroup/cpu")


class QuotaUnavailable(RuntimeError):
    """No cgroup CPU controller this process may write."""


class CpuQuota:
    """Puts a process (all its threads) in a new cgroup holding it to `cores` of CPU time.

    Use as a context manager; leaving it moves the process back and removes the cgroup.
    """

    def __init__(self, pid: int, cores: float) -> None:
        if not 0.01 <= cores <= (os.cpu_count() or 1):
            raise ValueError(f"cores: expected 0.01 to {os.cpu_count()}, got {cores}")
        self.pid, self.cores = pid, cores
        self.group: Path | None = None
        self.parent: Path | None = None

    def __enter__(self) -> CpuQuota:
        quota = max(1000, round(self.cores * PERIOD_US))
        name = f"reglament-bench-{os.getpid()}-{self.pid}"
        try:
            if (V2_ROOT / "cgroup.controllers").is_file():
                self.parent = V2_ROOT
                self.group = V2_ROOT / name
                self.group.mkdir()
                (self.group / "cpu.max").write_text(f"{quota} {PERIOD_US}\n")
            elif (V1_ROOT / "cpu.cfs_quota_us").is_file():
                self.parent = V1_ROOT
                self.group = V1_ROOT / name
                self.group.mkdir()
                (self.group / "cpu.cfs_period_us").write_text(f"{PERIOD_US}\n")
                (self.group / "cpu.cfs_quota_us").write_text(f"{quota}\n")
            else:
                raise QuotaUnavailable("no cgroup CPU controller under /sys/fs/cgroup")
            (self.group / "cgroup.procs").write_text(f"{self.pid}\n")
        except OSError as error:
            self._remove()
            raise QuotaUnavailable(f"cannot give the server a CPU quota ({error}; it needs "
                                   "root or a delegated cgroup)") from None
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._remove()

    def _remove(self) -> None:
        if self.group is None or self.parent is None:
            return
        with contextlib.suppress(OSError):  # the process may have ended: nothing to move
            (self.parent / "cgroup.procs").write_text(f"{self.pid}\n")
        with contextlib.suppress(OSError):
            self.group.rmdir()
        self.group = None
