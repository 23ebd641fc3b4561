"""The processes of benchmarks/bench_serve.py: `reglament serve` and the HTTP floor on free
loopback ports, and locust's headless runs against them, each bounded in time.

Everything listens on 127.0.0.1 only; every process is started from this checkout (its
`cli.py` under `sys.executable`, never an installed console script) and stopped by its own id.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = Path(__file__).with_name("serve_locustfile.py")
FLOOR = Path(__file__).with_name("serve_floor.py")
#: What the load sends (an application to school admission through the portal, in force then);
#: the locust users and the floors in process use the same. Here, not in the locustfile, whose
#: import patches the standard library for gevent.
DUE_BODY = {"service": "school-admission", "channel": "portal",
            "received": "2025-03-07T17:30:00+05:00"}
CASE_BODY = {"service": "school-admission", "channel": "portal",
             "received": "2025-03-07T17:30:00+05:00", "applicant": "860306300458",
             "documents": ["eds_request"]}
#: Seconds locust may take past its run time (spawning, the users' last requests, its exit).
LOCUST_GRACE = 60


@dataclass
class Running:
    """A server started by the benchmark: its process, address and log."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def stop(self) -> str:
        """Stop it as an operator would (SIGINT: uvicorn's graceful shutdown); its log."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    """A TCP port free on the loopback interface now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}


def _start(command: list[str], port: int, log: Path, ready: str) -> Running:
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, env=_environment(), stdout=sink,
                                   stderr=subprocess.STDOUT)
    running = Running(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(running.url + ready, timeout=5) as response:
                response.read()
                return running
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                output = running.stop()
                raise RuntimeError(f"{command[1]} did not start (exit {process.poll()}):\n"
                                   f"{output[-3000:]}") from None
            time.sleep(0.2)


def start_server(workdir: Path, specs: Path, limit_concurrency: int | None = None) -> Running:
    """`reglament serve` on the specs, with a new journal and token file in `workdir`."""
    token = workdir / "token"
    if not token.exists():
        token.write_text(secrets.token_urlsafe(24) + "\n", encoding="utf-8")
    port = free_port()
    command = [sys.executable, str(ROOT / "cli.py"), "serve", "--specs", str(specs),
               "--host", "127.0.0.1", "--port", str(port), "--db", str(workdir / "cases.db"),
               "--token-file", str(token)]
    if limit_concurrency is not None:
        command += ["--limit-concurrency", str(limit_concurrency)]
    return _start(command, port, workdir / f"serve-{port}.log", "/calendar")


def start_floor(workdir: Path) -> Running:
    """The HTTP floor: FastAPI on uvicorn answering POST /due with a constant."""
    port = free_port()
    return _start([sys.executable, str(FLOOR), "--port", str(port)], port,
                  workdir / f"floor-{port}.log", "/calendar")


@dataclass(frozen=True)
class LoadRun:
    """What one locust run saw: the seconds measured and each endpoint's answers by class."""

    seconds: float
    latencies_ms: dict[str, dict[str, list[float]]]
    acknowledged: list[str]
    sent_again: int

    def count(self, name: str, outcome: str | None = None) -> int:
        """Answers of an endpoint (of one class: "2xx", "503", "other", "no answer")."""
        found = self.latencies_ms.get(name, {})
        return sum(len(v) for k, v in found.items() if outcome is None or k == outcome)

    def rate(self, name: str, outcome: str = "2xx") -> float:
        """Answers of that class per second."""
        return self.count(name, outcome) / self.seconds if self.seconds > 0 else 0.0

    def percentile(self, name: str, fraction: float, outcome: str = "2xx") -> float:
        """The nearest-rank percentile of the latencies of that class, in ms (0 without any)."""
        ordered = sorted(self.latencies_ms.get(name, {}).get(outcome, []))
        if not ordered:
            return 0.0
        return ordered[max(0, min(len(ordered) - 1, int(fraction * len(ordered) + 0.999999) - 1))]


def run_locust(url: str, user_class: str, users: int, seconds: float, workdir: Path, *,
               rate: float = 0.0, warmup: float = 1.0, token: Path | None = None,
               prefix: str = "bench") -> LoadRun:
    """Run locust headless against `url` for `seconds` after `warmup`: `users` users of
    `user_class` (serve_locustfile.py), each sending `rate` requests per second (0: a closed
    loop), and one `ProbeUser` asking GET /calendar twice a second.

    Raises:
        RuntimeError: locust failed or wrote no outcome (its output is in the message).
    """
    out = workdir / f"locust-{prefix}.json"
    out.unlink(missing_ok=True)
    total = users + 1
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
               "-u", str(total), "-r", str(max(total, 1)), "-t", f"{seconds + warmup:.0f}s",
               "--host", url, "--stop-timeout", "5", "--exit-code-on-error", "0",
               "--only-summary", "--loglevel", "ERROR", "--bench-out", str(out),
               "--bench-rate", str(rate), "--bench-warmup", str(warmup),
               "--bench-case-prefix", prefix, "--bench-token-file", str(token or ""), user_class, "ProbeUser"]
    try:
        done = subprocess.run(command, cwd=ROOT, env=_environment(), capture_output=True,
                              timeout=seconds + warmup + LOCUST_GRACE)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"locust ran past its limit of {seconds + warmup + LOCUST_GRACE} s")\
            from exc
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"locust failed (exit {done.returncode}):\n"
                           f"{done.stderr.decode(errors='replace')[-3000:]}")
    found: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return LoadRun(found["seconds"], found["latencies_ms"], found["acknowledged"],
                   found["sent_again"])


def server_answer(url: str) -> tuple[int, float]:
    """The status of a GET (0: no answer) and its latency in ms."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, ConnectionError):
        status = 0
    return status, (time.perf_counter() - started) * 1e3
