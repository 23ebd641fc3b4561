"""The overload's second design for benchmarks/bench_serve.py: a server held to a CPU quota.

On two cores locust cannot offer ten times what an unconstrained server serves; held to a
fraction of a core (benchmarks/serve_cgroup.py), the server's capacity drops to what locust
can outpace tenfold, and the same checks run: it sheds the rest with 503 problems, answers
its probes, and loses no acknowledged case open. The offered rate is itself a check here.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from benchmarks.serve_cgroup import CpuQuota, QuotaUnavailable
from benchmarks.serve_checks import check_overload
from benchmarks.serve_processes import run_locust, server_answer, start_server

__all__ = ["CASES", "recovery", "report_throttled", "throttled"]

CASES = "POST /cases"


def throttled(args: argparse.Namespace, workdir: Path, found: dict[str, Any]) -> None:
    """The second design: a new server held to `args.throttle` cores, its capacity for
    POST /cases measured, then `args.factor` times that offered; into `found["throttled"]`."""
    workdir.mkdir()
    (workdir / "token").write_text((workdir.parent / "token").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    server = start_server(workdir, args.specs, args.limit_concurrency)
    result: dict[str, Any] = {"cores": args.throttle}
    try:
        with CpuQuota(server.process.pid, args.throttle):
            result["capacity_run"] = run_locust(
                server.url, "CaseUser", args.users, args.seconds, workdir,
                token=workdir / "token", prefix="throttled-cases")
            result["capacity"] = capacity = result["capacity_run"].rate(CASES)
            # an open loop: the rate is offered whatever the server answers
            result["overload"] = run_locust(
                server.url, "OpenCaseUser", args.users, args.overload_seconds, workdir,
                rate=args.factor * capacity / args.users, token=workdir / "token",
                prefix="throttled-overload")
            result["recovered"] = recovery(server.url + "/calendar")
            result["after"] = [server_answer(server.url + "/calendar") for _ in range(5)]
    except QuotaUnavailable as error:
        found["throttled_not_run"] = (f"{error} (hint: run as root; --throttle 0 leaves it "
                                      "out)")
        return
    finally:
        log = server.stop()
    run = result["overload"]
    acknowledged = result["capacity_run"].acknowledged + run.acknowledged
    offered = run.count(CASES) / run.seconds
    result["offered"] = offered
    result["target"] = (f"offered {offered:.0f}/s = {offered / result['capacity']:.1f}x the "
                        f"capacity under the quota ({result['capacity']:.0f}/s; asked "
                        f"{args.factor}x)", offered >= args.factor * result["capacity"] * 0.95)
    # the probes during the overload wait in the same queue as the load (an open loop fills
    # it): whether the server answers is judged by the 2xx/503 answers and the recovery
    result["checks"] = [
        (f"GET /calendar answered 200 again {result['recovered']:.1f} s after the overload "
         "(at most 30 s)", result["recovered"] <= 30),
        *[check for check in check_overload(run, result["after"], log, workdir / "cases.db",
                                            acknowledged, journal=True)
          if "during the overload" not in check[0]]]
    found["failures"] += [f"throttled: {c}" for c, ok in result["checks"] if not ok]
    found["throttled"] = result


def recovery(url: str, limit: float = 30.0) -> float:
    """Seconds until `url` answers 200 (polled; `limit` + 1 when it never does)."""
    started = time.monotonic()
    while time.monotonic() - started <= limit:
        if server_answer(url)[0] == 200:
            return time.monotonic() - started
        time.sleep(0.1)
    return limit + 1


def report_throttled(result: dict[str, Any], factor: int) -> None:
    """The second design's lines: capacity under the quota, the overload, its checks."""
    run = result["overload"]
    print(f"throttled design: the server held to {result['cores']} of a core (cgroup CPU "
          f"quota); POST /cases capacity {result['capacity']:.0f}/s (p99 "
          f"{result['capacity_run'].percentile(CASES, 0.99):.0f} ms)")
    print(f"    overload {factor}x: offered {result['offered']:.0f}/s for {run.seconds:.0f} s: "
          f"served 2xx {run.count(CASES, '2xx')} ({run.rate(CASES):.0f}/s, p99 "
          f"{run.percentile(CASES, 0.99):.0f} ms), shed 503 {run.count(CASES, '503')}, other "
          f"{run.count(CASES, 'other')}, no answer {run.count(CASES, 'no answer')}; "
          f"{run.sent_again} sent again with the same key")
    probe = "GET /calendar"
    print(f"    {probe} during: {run.count(probe)} asked, 200 {run.count(probe, '2xx')}, 503 "
          f"{run.count(probe, '503')}, no answer {run.count(probe, 'no answer')}; after: "
          + ", ".join(f"{s} in {ms:.0f} ms" for s, ms in result["after"]))
    target, reached = result["target"]
    print(f"    target {'reached' if reached else 'NOT reached'}: {target}")
    for check, ok in result["checks"]:
        print(f"    {'ok    ' if ok else 'FAILED'} {check}")
