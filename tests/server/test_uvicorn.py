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
