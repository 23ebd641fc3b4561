"""Per-item timings of the benchmarks: wall clock (median, p95) and CPU time (median)."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Samples", "Timing"]


@dataclass(frozen=True)
class Timing:
    """Per-item times of one kind of work: wall clock (median, p95) and CPU time (median)."""

    count: int
    median_ms: float
    p95_ms: float
    cpu_median_ms: float
    total_s: float
    unit: str = "items"

    def __str__(self) -> str:
        return (f"{self.count:>5} {self.unit}, median {self.median_ms:8.2f} ms, "
                f"p95 {self.p95_ms:8.2f} ms, CPU median {self.cpu_median_ms:8.2f} ms, "
                f"total {self.total_s:6.2f} s")


@dataclass
class Samples:
    """Durations of one kind of work, one per item, by the wall clock and in CPU time."""

    unit: str = "items"
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def time(self, work: Callable[[], Any]) -> Any:
        """Run `work`, record how long it took, return its result."""
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)
        return result

    def timing(self) -> Timing:
        """Median and nearest-rank 95th percentile of the wall times; median CPU time."""
        if not self.wall:
            return Timing(0, 0.0, 0.0, 0.0, 0.0, self.unit)
        ordered = sorted(self.wall)
        p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
        return Timing(len(ordered), statistics.median(ordered) * 1e3, p95 * 1e3,
                      statistics.median(self.cpu) * 1e3, sum(ordered), self.unit)
