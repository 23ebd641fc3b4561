"""`reglament serve` under load: due instants and case opens per second, and 10x overload (issue 21).

    python benchmarks/bench_serve.py [--quick] [--seconds 20] [--users 8] [--overload-on cases]

Everything runs on this machine over loopback, one server at a time, with locust (PyPI, MIT;
`pip install -e '.[bench]'`) as the load generator in its own process on the same cores.
In one run it measures:

- (a0) the floor of the engine: the due computation of POST /due called in process through
  the library, as many times a second as it goes;
- (a1) the floor of the HTTP stack: FastAPI on uvicorn answering the same POST /due with a
  constant (benchmarks/serve_floor.py), under the same load as (a);
- (a) `reglament serve`'s POST /due: answers per second, p50 and p99 latency;
- (b0) the floor of a case open: `CaseBook.open` in process on a new journal;
- (b) `reglament serve`'s POST /cases (each a new case with its Idempotency-Key): case opens
  per second, p50 and p99;

with `--users` locust users in a closed loop (each sends its next request when the answer
comes) for `--seconds` after a second of warm-up; and prints the ratios. Then the overload:
the capacity measured in (b) (or (a) with `--overload-on due`) times `--factor`, offered for
`--overload-seconds` by `--factor` times as many users, each at the pace of one user at
capacity; a user's case open that is not acknowledged is sent again with the same key (twice
at most). It checks, and the exit code says (0: every check passed): GET /calendar answered
during and after the overload, no answer but 2xx and 503 (problem+json with Retry-After),
no traceback in the server's log, and, read with the engine's Journal once the server has
stopped, every acknowledged case in the journal and no case opened twice.

On two cores the load generator cannot send ten times what an unconstrained server serves
(it shares the cores with it): the run prints the rate it offered, as a multiple of the
capacity. The second design (`--throttle CORES`, default 0.2) gives a new server a CPU quota
of a fraction of one core (benchmarks/serve_cgroup.py: the kernel's CPU controller), measures
the capacity of POST /cases under that quota, and offers ten times that for the same time,
with the same checks; there the offered rate itself is a check. `--throttle 0` leaves it out.

If the server has no POST /cases (a checkout before the case endpoints), (b) and the overload
on cases FAIL with the server's answer: nothing is skipped silently. Figures:
docs/benchmarks.md, "Serving (issue 21)".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import urllib.error
import urllib.request
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.serve_checks import check_overload, in_process_due, in_process_opens  # noqa: E402
from benchmarks.serve_processes import (  # noqa: E402
    CASE_BODY,
    LoadRun,
    Running,
    run_locust,
    server_answer,
    start_floor,
    start_server,
)
from benchmarks.serve_throttled import report_throttled, throttled  # noqa: E402

DUE, CASES = "POST /due", "POST /cases"


def machine() -> str:
    """Cores, processor, Python and the web stack's versions, the load average now."""
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo
                          if line.startswith("model name")), "")
    except OSError:
        pass
    stack = ", ".join(f"{name} {version(name)}" for name in ("uvicorn", "fastapi", "locust"))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores{f' ({model})' if model else ''}, Python "
            f"{platform.python_version()}, {stack}, load average {load}")


def preflight_case(server: Running, token: str) -> str | None:
    """None when POST /cases acknowledges a case; else what the server answered."""
    request = urllib.request.Request(
        server.url + "/cases", method="POST",
        data=json.dumps({"case_id": "bench-preflight", **CASE_BODY}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}",
                 "Idempotency-Key": "open:bench-preflight"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return None if 200 <= response.status < 300 else f"{response.status}"
    except urllib.error.HTTPError as error:
        return f"{error.code} {error.read().decode(errors='replace')[:300]}"
    except (urllib.error.URLError, ConnectionError) as error:
        return f"no answer ({error})"


def line(label: str, run: LoadRun, name: str) -> str:
    """A row of the table: answers per second, p50 and p99, and what else came back."""
    others = {k: run.count(name, k) for k in ("503", "other", "no answer") if run.count(name, k)}
    extra = f"  (also {others})" if others else ""
    return (f"{label:<52} {run.rate(name):9.0f}/s  p50 {run.percentile(name, 0.5):7.1f} ms  "
            f"p99 {run.percentile(name, 0.99):7.1f} ms{extra}")


def measure(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Every phase; what `report` prints."""
    found: dict[str, Any] = {"failures": []}
    found["due_in_process"] = in_process_due(args.specs, args.seconds)
    found["opens_in_process"] = in_process_opens(args.specs, args.seconds, workdir)
    floor = start_floor(workdir)
    try:
        found["floor"] = run_locust(floor.url, "DueUser", args.users, args.seconds, workdir,
                                    prefix="floor")
    finally:
        floor.stop()
    server = start_server(workdir, args.specs, args.limit_concurrency)
    token = (workdir / "token").read_text(encoding="utf-8").strip()
    acknowledged: list[str] = []
    try:
        found["due"] = run_locust(server.url, "DueUser", args.users, args.seconds, workdir,
                                  prefix="due")
        refused = preflight_case(server, token)
        if refused is None:
            acknowledged.append("bench-preflight")
            found["cases"] = run_locust(server.url, "CaseUser", args.users, args.seconds,
                                        workdir, token=workdir / "token", prefix="cases")
            acknowledged += found["cases"].acknowledged
        else:
            found["failures"].append(f"POST /cases: the server did not open a case: {refused} "
                                     "(hint: this checkout may not serve the case endpoints)")
        target = found["due"] if args.overload_on == "due" else found.get("cases")
        if target is not None:
            name = DUE if args.overload_on == "due" else CASES
            found["capacity"] = capacity = target.rate(name)
            per_user = capacity / args.users
            found["overload"] = run_locust(
                server.url, "DueUser" if args.overload_on == "due" else "CaseUser",
                args.users * args.factor, args.overload_seconds, workdir, rate=per_user,
                token=workdir / "token", prefix="overload")
            acknowledged += found["overload"].acknowledged
            found["after"] = [server_answer(server.url + "/calendar") for _ in range(5)]
    finally:
        log = server.stop()
    if "overload" in found:
        found["checks"] = check_overload(found["overload"], found["after"], log,
                                         workdir / "cases.db", acknowledged,
                                         journal=args.overload_on == "cases")
        found["failures"] += [c for c, ok in found["checks"] if not ok]
    if args.throttle and "cases" in found:
        throttled(args, workdir / "throttled", found)
    return found


def report(args: argparse.Namespace, found: dict[str, Any]) -> None:
    """Print the table, the ratios and the overload's outcome."""
    print(f"load generator: locust {version('locust')} (FastHttpUser) in its own process, "
          f"{args.users} users in a closed loop, {args.seconds:.0f} s each after 1 s of warm-up")
    print(f"{'(a0) in process: the due computation (library)':<52} "
          f"{found['due_in_process']:9.0f}/s")
    print(line("(a1) HTTP floor: FastAPI+uvicorn, constant POST /due", found["floor"], DUE))
    print(line("(a)  reglament serve: POST /due", found["due"], DUE))
    print(f"{'(b0) in process: CaseBook.open on a journal':<52} "
          f"{found['opens_in_process']:9.0f}/s")
    if "cases" in found:
        print(line("(b)  reglament serve: POST /cases", found["cases"], CASES))
    else:
        print(f"{'(b)  reglament serve: POST /cases':<52} FAILED (see below)")
    due, floor = found["due"].rate(DUE), found["floor"].rate(DUE)
    print(f"ratio (a)/(a1), POST /due over the bare HTTP stack: {due / floor:.2f}x the floor's "
          "answers per second")
    print(f"ratio (a)/(a0), POST /due over the library in process: {due / found['due_in_process']:.3f}x")
    if "cases" in found:
        opens = found["cases"].rate(CASES)
        print(f"ratio (b)/(b0), POST /cases over CaseBook.open in process: "
              f"{opens / found['opens_in_process']:.3f}x")
    if "overload" in found:
        run, name = found["overload"], DUE if args.overload_on == "due" else CASES
        print(f"overload: {args.factor}x the capacity of {name} ({found['capacity']:.0f}/s) = "
              f"{args.factor * found['capacity']:.0f}/s offered by {args.users * args.factor} "
              f"users for {args.overload_seconds:.0f} s")
        tried = run.count(name)
        print(f"    offered {tried / run.seconds / found['capacity']:.1f}x the capacity (the "
              "load generator's ceiling on these cores; see the throttled design)")
        print(f"    sent {tried} ({tried / run.seconds:.0f}/s; {run.sent_again} sent again with "
              f"the same key): served 2xx {run.count(name, '2xx')} ({run.rate(name):.0f}/s, p99 "
              f"{run.percentile(name, 0.99):.0f} ms), shed 503 {run.count(name, '503')} (p99 "
              f"{run.percentile(name, 0.99, '503'):.0f} ms), other {run.count(name, 'other')}, "
              f"no answer {run.count(name, 'no answer')}")
        probe = "GET /calendar"
        print(f"    {probe} during: {run.count(probe)} asked, 200 {run.count(probe, '2xx')}, "
              f"503 {run.count(probe, '503')}, no answer {run.count(probe, 'no answer')}; p50 "
              f"{run.percentile(probe, 0.5):.0f} ms, p99 {run.percentile(probe, 0.99):.0f} ms "
              "(of the 200s)")
        print(f"    {probe} after: " + ", ".join(f"{s} in {ms:.0f} ms" for s, ms in found["after"]))
        for check, ok in found["checks"]:
            print(f"    {'ok    ' if ok else 'FAILED'} {check}")
    if "throttled" in found:
        report_throttled(found["throttled"], args.factor)
    elif "throttled_not_run" in found:
        print(f"throttled design: NOT RUN: {found['throttled_not_run']}")
    for failure in found["failures"]:
        print(f"FAILED: {failure}")
    print("verdict: " + ("every check passed" if not found["failures"] else
                         f"{len(found['failures'])} check(s) FAILED"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 2 s per phase, overload 4 s (figures not meaningful)")
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds per phase")
    parser.add_argument("--users", type=int, default=8, help="locust users in a closed loop")
    parser.add_argument("--factor", type=int, default=10, help="the overload, times capacity")
    parser.add_argument("--overload-seconds", type=float, default=30.0)
    parser.add_argument("--overload-on", choices=("cases", "due"), default="cases",
                        help="which endpoint the overload is thrown at (default cases)")
    parser.add_argument("--limit-concurrency", type=int, default=None,
                        help="reglament serve --limit-concurrency (default: the server's)")
    parser.add_argument("--throttle", type=float, default=0.2, metavar="CORES",
                        help="the second design: a server held to CORES of a core, offered "
                        "--factor times its capacity then (0: leave it out)")
    parser.add_argument("--specs", type=Path, default=ROOT / "specs")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.overload_seconds = 2.0, 4.0
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="reglament-bench-serve-") as workdir:
        found = measure(args, Path(workdir))
        report(args, found)
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if not found["failures"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
