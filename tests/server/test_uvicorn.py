"""`reglament serve` for real: uvicorn on a free loopback port, asked over a socket."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.server.conftest import SPECS

ROOT = SPECS.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str, deadline: float) -> tuple[dict[str, object], dict[str, str]]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response), dict(response.headers)
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_answers_the_calendar_over_http(tmp_path: Path) -> None:
    port = _free_port()
    token = tmp_path / "token"
    token.write_text("a-token-of-enough-length\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "serve", "--specs", str(SPECS), "--host",
         "127.0.0.1", "--port", str(port), "--token-file", str(token)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        body, headers = _get(f"http://127.0.0.1:{port}/calendar", time.monotonic() + 60)
        assert body["timezone"] == "Asia/Almaty"
        assert headers["reglament-corpus"].startswith("sha256:")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert b"Traceback" not in output, output.decode(errors="replace")


def _post(url: str, body: dict[str, object], headers: dict[str, str]) -> tuple[int, bytes,
                                                                                dict[str, str]]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"content-type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def test_serve_writes_a_case_once_over_http(tmp_path: Path) -> None:
    """The contract of the load benchmark: POST /cases with the token and a key is 201 with
    the case, committed; the same request again writes nothing more."""
    from engine.cases import Journal

    port = _free_port()
    token = tmp_path / "token"
    token.write_text("a-token-of-enough-length\n", encoding="utf-8")
    db = tmp_path / "cases.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "serve", "--specs", str(SPECS), "--port",
         str(port), "--token-file", str(token), "--db", str(db)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    case = {"case_id": "2026-0001", "service": "education-document-duplicates",
            "channel": "provider_office", "received": "2026-12-07T10:00:00+05:00",
            "applicant": "860306300458", "documents": ["application"]}
    headers = {"Authorization": "Bearer a-token-of-enough-length", "Idempotency-Key": "uv-1"}
    try:
        _get(f"{base}/calendar", time.monotonic() + 60)
        status, body, _ = _post(f"{base}/cases", case, {"Authorization": "Bearer wrong-token"})
        assert status == 403, body
        status, body, _ = _post(f"{base}/cases", case, headers)
        assert status == 201, body
        assert json.loads(body)["status"] == "open"
        again, body_again, replayed = _post(f"{base}/cases", case, headers)
        assert (again, body_again) == (201, body)
        assert replayed["idempotent-replayed"] == "true"
        shown, _ = _get(f"{base}/cases/2026-0001", time.monotonic() + 10)
        assert shown == json.loads(body)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert b"Traceback" not in output, output.decode(errors="replace")
    with Journal(db, readonly=True) as journal:
        assert [e.kind for e in journal.events("2026-0001")] == ["opened"]
