"""docs/api.md's curl examples, replayed through the test client: each answers 200, with the
keys of the JSON shown after it."""

from __future__ import annotations

import json
import re
import shlex
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.server.conftest import SPECS

ROOT = SPECS.parent
DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```(sh|json)\n(.*?)```", re.S)


def examples() -> list[tuple[str, str | None]]:
    """Each curl command of the doc's endpoints, with the JSON block right after it, if any."""
    blocks = [(m.group(1), m.group(2)) for m in BLOCK.finditer(DOC.split("## Endpoints")[1].split("## Errors")[0])]
    found: list[tuple[str, str | None]] = []
    for index, (kind, text) in enumerate(blocks):
        if kind == "sh" and "curl " in text:
            after = blocks[index + 1] if index + 1 < len(blocks) else None
            found.append((text, after[1] if after and after[0] == "json" else None))
    return found


def replay(client: TestClient, command: str) -> tuple[int, object]:
    words = shlex.split(command.replace("\\\n", " "))
    method, headers, body, url = "GET", {}, None, ""
    rest = iter(words[1:])
    for word in rest:
        if word == "-X":
            method = next(rest)
        elif word == "-H":
            name, value = next(rest).split(":", 1)
            headers[name.strip()] = value.strip()
        elif word == "-d":
            body = next(rest).encode()
        elif word == "--data-binary":
            body = (ROOT / next(rest).removeprefix("@")).read_bytes()
        elif not word.startswith("-"):
            url = word
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    response = client.request(method, target, headers=headers, content=body)
    return response.status_code, response.json()


def test_the_doc_has_an_example_per_endpoint() -> None:
    commands = " ".join(command for command, _ in examples())
    for endpoint in ("/services?", "/services/", "/calendar", "/due", "/check"):
        assert endpoint in commands


@pytest.mark.parametrize(("command", "shown"), examples())
def test_each_curl_example_answers_as_shown(client: TestClient, command: str,
                                          shown: str | None) -> None:
    status, body = replay(client, command)
    assert status == 200, body
    if shown is not None:
        assert isinstance(body, dict)
        assert set(json.loads(shown)) == set(body)
