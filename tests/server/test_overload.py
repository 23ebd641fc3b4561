"""More requests at once than the server takes: the rest are answered 503 problems at once,
with Retry-After, the server goes on answering, and every case open it acknowledged is in
the journal once (docs/api.md, "Overload").

No timing is asserted, and none is relied on: the requests that fill the server are held by
the test itself, in process by an event it sets, over uvicorn by sending their bodies only in
part until the burst has been answered.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from engine.cases import Journal
from server.middleware import ConcurrencyLimit
from tests.server.conftest import SPECS
from tests.server.test_uvicorn import _free_port, _get, _post

ROOT = SPECS.parent
TOKEN = "a-token-of-enough-length"
SPEC = (SPECS / "regulations" / "aktobe" / "externat-permission.yaml").read_bytes()


def test_past_the_limit_requests_are_shed_with_a_problem_and_retry_after() -> None:
    release = asyncio.Event()

    async def held(_: Request) -> PlainTextResponse:
        await release.wait()
        return PlainTextResponse("served")

    limited = ConcurrencyLimit(Starlette(routes=[Route("/", held)]), limit=3)

    async def scenario() -> tuple[list[httpx.Response], list[httpx.Response]]:
        transport = httpx.ASGITransport(app=limited)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            taken = [asyncio.create_task(client.get("/")) for _ in range(3)]
            while limited.active < 3:  # the three are inside the app, waiting
                await asyncio.sleep(0)
            shed = [await client.get("/") for _ in range(4)]
            release.set()
            served = [await task for task in taken]
            served.append(await client.get("/"))  # and the app takes requests again
        return served, shed

    served, shed = asyncio.run(scenario())
    assert [r.text for r in served] == ["served"] * 4
    assert {r.status_code for r in shed} == {503}
    assert all(r.headers["retry-after"] == "1" for r in shed)
    assert all(r.headers["content-type"] == "application/problem+json" for r in shed)
    problem = shed[0].json()
    assert problem["type"] == "https://reglament.kz/problems/overloaded"
    assert "limit of 3 requests at once" in problem["detail"]
    assert limited.shed == 4
    assert limited.active == 0


def _hold(port: int) -> socket.socket:
    """A POST /check whose body is sent only in part: the server works on it (it is inside
    the app, reading its body) until the rest comes."""
    held = socket.create_connection(("127.0.0.1", port), timeout=120)
    held.sendall(b"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\n"
                 b"Content-Length: %d\r\n\r\n" % len(SPEC) + SPEC[:100])
    return held


def _finish(held: socket.socket) -> tuple[int, dict[str, Any]]:
    held.sendall(SPEC[100:])
    response = http.client.HTTPResponse(held)
    response.begin()
    return response.status, json.loads(response.read())


def _ask(url: str) -> tuple[int, dict[str, str], dict[str, Any]]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, dict(response.headers), json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.load(error)


def test_the_real_server_sheds_what_it_cannot_take_and_answers_afterwards() -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "serve", "--specs", str(SPECS), "--port",
         str(port), "--limit-concurrency", "2"],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT)
    try:
        _get(url + "/calendar", deadline=time.monotonic() + 60)
        held = [_hold(port), _hold(port)]
        for _ in range(600):  # until the server has taken both (bounded: 600 asks at most)
            if _ask(url + "/calendar")[0] == 503:
                break
        with ThreadPoolExecutor(8) as pool:  # more at once than the limit: all shed
            shed = list(pool.map(_ask, [url + "/calendar"] * 8))
        assert [status for status, _, _ in shed] == [503] * 8
        for _, headers, problem in shed:
            headers = {k.lower(): v for k, v in headers.items()}
            assert headers["content-type"] == "application/problem+json"
            assert headers["retry-after"] == "1"
            assert headers["reglament-corpus"].startswith("sha256:")
            assert problem["type"] == "https://reglament.kz/problems/overloaded"
        finished = [_finish(connection) for connection in held]  # the two taken are served
        assert [status for status, _ in finished] == [200, 200]
        assert all(report["summary"]["regulations"] == 1 for _, report in finished)
        status, _, body = _ask(url + "/calendar")  # and the server answers again
        assert status == 200
        assert body["timezone"] == "Asia/Almaty"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert b"Traceback" not in output, output.decode(errors="replace")


def _open(url: str, case_id: str) -> tuple[int, bytes, dict[str, str]]:
    body = {"case_id": case_id, "service": "school-admission", "channel": "portal",
            "received": "2025-03-07T17:30:00+05:00", "applicant": "860306300458",
            "documents": ["eds_request"]}
    return _post(url + "/cases", body, {"Authorization": f"Bearer {TOKEN}",
                                        "Idempotency-Key": f"open:{case_id}"})


def test_every_acknowledged_case_open_is_in_the_journal_once(tmp_path: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    (tmp_path / "token").write_text(TOKEN + "\n", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "serve", "--specs", str(SPECS), "--port",
         str(port), "--limit-concurrency", "2", "--db", str(tmp_path / "cases.db"),
         "--token-file", str(tmp_path / "token")],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT)
    cases = [f"2025-{n:04d}" for n in range(1, 13)]
    acknowledged: list[str] = []
    try:
        _get(url + "/calendar", deadline=time.monotonic() + 60)
        held = [_hold(port), _hold(port)]
        for _ in range(600):
            if _ask(url + "/calendar")[0] == 503:
                break
        with ThreadPoolExecutor(6) as pool:  # the server is full: every open is shed
            shed = list(pool.map(lambda case: _open(url, case), cases[:6]))
        assert [status for status, _, _ in shed] == [503] * 6
        for connection in held:
            _finish(connection)
        pending = list(cases)
        for _ in range(50):  # 12 opens at once on a limit of 2; the shed ones sent again
            with ThreadPoolExecutor(12) as pool:
                answers = list(pool.map(lambda case: (case, _open(url, case)), pending))
            assert {status for _, (status, _, _) in answers} <= {201, 503}
            acknowledged += [case for case, (status, _, _) in answers if status == 201]
            pending = [case for case, (status, _, _) in answers if status == 503]
            if not pending:
                break
        status, _, headers = _open(url, cases[0])  # acknowledged already: replayed, not again
        assert status == 201
        assert headers["idempotent-replayed"] == "true"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert b"Traceback" not in output, output.decode(errors="replace")
    assert sorted(acknowledged) == cases
    with Journal(tmp_path / "cases.db", readonly=True) as journal:
        assert journal.cases() == cases
        assert all([e.kind for e in journal.events(case)] == ["opened"] for case in cases)
