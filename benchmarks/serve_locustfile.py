"""The users locust runs against `reglament serve` for benchmarks/bench_serve.py.

Not run by hand: bench_serve.py starts `python -m locust -f benchmarks/serve_locustfile.py
--headless ...` with the options below and reads the JSON this file writes at the end
(`--bench-out`). Each user class is one kind of request:

- `DueUser`: POST /due for one application (also against the HTTP floor, which answers the
  same request with a constant);
- `CaseUser`: POST /cases, each case a new id with its own Idempotency-Key; a command not
  acknowledged (a 503, a 5xx, no answer) is sent again with the same key, up to
  `--bench-retries` times, so that the journal shows whether any got in twice;
- `OpenCaseUser`: the same in an open loop (each request at its time, answered or not), for
  the throttled overload, where a closed loop would slow down with the server;
- `ProbeUser`: GET /calendar twice a second, the health of the server during the load.

Every answer is counted by its class (2xx, 503, other status, no answer) with its latency, by
our own listener rather than locust's statistics, which mix the fast 503s with the answers
served; only answers that finish after `--bench-warmup` seconds count. Rates per user:
`--bench-rate` requests per second (0: as fast as answers come, a closed loop).
"""

from __future__ import annotations

import itertools
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import gevent
from locust import FastHttpUser, constant_throughput, events, task

from benchmarks.serve_processes import CASE_BODY, DUE_BODY

_latencies: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
_acknowledged: list[str] = []
_sent_again = 0
_started = time.monotonic()
_stopped: float | None = None
_users = itertools.count(1)
#: The options of the run (locust's and ours), kept when locust has parsed them.
_ENV: dict[str, Any] = {}


def outcome(status: int, headers: Any) -> str:
    """The class of an answer: "2xx", "503" (a problem+json with Retry-After, as the server
    sheds load), "other" (any other status, or a 503 of another kind) or "no answer"."""
    if not status:
        return "no answer"
    if 200 <= status < 300:
        return "2xx"
    shed = status == 503 and headers is not None and "retry-after" in headers \
        and str(headers.get("content-type", "")).startswith("application/problem+json")
    return "503" if shed else "other"


@events.init_command_line_parser.add_listener
def _options(parser: Any) -> None:
    parser.add_argument("--bench-out", default="", help="where the JSON of the outcomes goes")
    parser.add_argument("--bench-rate", type=float, default=0.0,
                        help="requests per second per user (0: a closed loop)")
    parser.add_argument("--bench-warmup", type=float, default=1.0,
                        help="seconds of answers not counted at the start")
    parser.add_argument("--bench-retries", type=int, default=2,
                        help="times an unacknowledged case open is sent again, same key")
    parser.add_argument("--bench-case-prefix", default="bench",
                        help="the prefix of the case ids and keys of this run")
    parser.add_argument("--bench-token-file", default="", help="the token for POST /cases")


@events.test_start.add_listener
def _start(environment: Any, **_: Any) -> None:
    global _started
    _started = time.monotonic()


@events.test_stop.add_listener
def _stop(environment: Any, **_: Any) -> None:
    global _stopped
    _stopped = time.monotonic()


@events.request.add_listener
def _count(name: str, response_time: float, response: Any, exception: Any,
           **_: Any) -> None:
    warmup = _ENV.get("bench_warmup", 1.0)
    if time.monotonic() - _started < warmup:
        return
    status = int(getattr(response, "status_code", 0) or 0)
    headers = getattr(response, "headers", None)
    _latencies[name][outcome(status, {k.lower(): v for k, v in headers.items()} if headers
                             else None)].append(response_time)


@events.quitting.add_listener
def _write(environment: Any, **_: Any) -> None:
    out = _ENV.get("bench_out", "")
    if not out:
        return
    measured = (_stopped or time.monotonic()) - _started - _ENV.get("bench_warmup", 1.0)
    document = {"seconds": measured, "acknowledged": _acknowledged, "sent_again": _sent_again,
                "latencies_ms": {name: dict(by) for name, by in _latencies.items()}}
    with open(out, "w", encoding="utf-8") as file:
        json.dump(document, file)


@events.init.add_listener
def _keep_options(environment: Any, **_: Any) -> None:
    options = environment.parsed_options
    if options is not None:
        _ENV.update(vars(options))


class _Paced(FastHttpUser):
    abstract = True
    connection_timeout = 10.0
    network_timeout = 20.0

    def wait_time(self) -> float:
        rate = _ENV.get("bench_rate", 0.0)
        return constant_throughput(rate)(self) if rate else 0.0


class DueUser(_Paced):
    """POST /due for one application, again and again."""

    @task
    def due(self) -> None:
        self.client.post("/due", json=DUE_BODY, name="POST /due")


def _identify(user: FastHttpUser) -> None:
    """A case-opening user's token (from `--bench-token-file`) and its own prefix of case ids."""
    token_file = _ENV.get("bench_token_file", "")
    user.token = Path(token_file).read_text(encoding="utf-8").split("\n")[0].strip() \
        if token_file else ""
    user.user_id = f"{_ENV.get('bench_case_prefix', 'bench')}-{next(_users)}"


class CaseUser(_Paced):
    """POST /cases, a new case each time; an unacknowledged one is sent again, same key."""

    def on_start(self) -> None:
        _identify(self)
        self.made = 0
        self.pending: tuple[str, int] | None = None  # (case id, times sent)

    @task
    def open_case(self) -> None:
        global _sent_again
        if self.pending is None:
            self.made += 1
            self.pending = (f"{self.user_id}-{self.made}", 0)
        else:
            _sent_again += 1
        case_id, sent = self.pending
        with self.client.post("/cases", json={"case_id": case_id, **CASE_BODY}, name="POST /cases",
                              headers={"Authorization": f"Bearer {self.token}",
                                       "Idempotency-Key": f"open:{case_id}"},
                              catch_response=True) as response:
            if 200 <= response.status_code < 300:
                _acknowledged.append(case_id)
                self.pending = None
                response.success()
            elif response.status_code in (0, 503) or response.status_code >= 500:
                self.pending = (case_id, sent + 1) if sent < _ENV.get("bench_retries", 2) \
                    else None
                response.failure(f"not acknowledged: {response.status_code}")
            else:  # a refusal (4xx): the command is wrong, sending it again would not help
                self.pending = None
                response.failure(f"refused: {response.status_code} {response.text[:200]}")


class OpenCaseUser(_Paced):
    """POST /cases in an open loop: each request goes out at its time whether or not the
    earlier ones were answered (a greenlet each), so the rate offered does not fall when the
    server slows down; an unacknowledged one is sent again, same key, by its own greenlet."""

    concurrency = 200  # connections this user may hold open at once
    network_timeout = 10.0

    def on_start(self) -> None:
        _identify(self)
        self.made = 0

    @task
    def open_case(self) -> None:
        self.made += 1
        gevent.spawn(self._send, f"{self.user_id}-{self.made}")

    def _send(self, case_id: str) -> None:
        global _sent_again
        for attempt in range(_ENV.get("bench_retries", 2) + 1):
            _sent_again += attempt > 0
            with self.client.post("/cases", json={"case_id": case_id, **CASE_BODY},
                                  name="POST /cases", catch_response=True,
                                  headers={"Authorization": f"Bearer {self.token}",
                                           "Idempotency-Key": f"open:{case_id}"}) as response:
                if 200 <= response.status_code < 300:
                    _acknowledged.append(case_id)
                    response.success()
                    return
                response.failure(f"not acknowledged: {response.status_code}")
                if 400 <= response.status_code < 500:
                    return


class ProbeUser(_Paced):
    """GET /calendar twice a second: is the server still answering?"""

    fixed_count = 1

    def wait_time(self) -> float:
        return constant_throughput(2.0)(self)

    @task
    def calendar(self) -> None:
        self.client.get("/calendar", name="GET /calendar")
