"""docs/api.md's curl examples, replayed in order through the test client on a server with a
token and a new journal (the writes build one case): each answers 2xx, with the keys of the
JSON shown after it."""

from __future__ import annotations

import json
import re
import shlex
from urllib.parse import urlsplit

from fastapi.testclient import TestClient

from tests.server.conftest import SPECS, TOKEN

ROOT = SPECS.parent
DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```(sh|json)\n(.*?)```", re.S)


def examples() -> list[tuple[str, str | None]]:
    """Each curl command of the doc's endpoints, with the JSON block right after it, if any."""
    endpoints = DOC.split("## Endpoints")[1].split("## Errors")[0]
    blocks = [(m.group(1), m.group(2)) for m in BLOCK.finditer(endpoints)]
    found: list[tuple[str, str | None]] = []
    for index, (kind, text) in enumerate(blocks):
        if kind == "sh" and "curl " in text:
            after = blocks[index + 1] if index + 1 < len(blocks) else None
            found.append((text, after[1] if after and after[0] == "json" else None))
    return found


def replay(client: TestClient, command: str) -> tuple[int, bytes, str]:
    """The status, body and media type of a curl command of the doc (`$(cat token)` is the
    server's token file)."""
    words = shlex.split(command.replace("\\\n", " ").replace("$(cat token)", TOKEN))
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
        elif word == "-o":
            next(rest)
        elif not word.startswith("-"):
            url = word
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    response = client.request(method, target, headers=headers, content=body)
    return response.status_code, response.content, response.headers["content-type"]


def test_the_doc_has_an_example_per_endpoint(journal_client: TestClient) -> None:
    commands = " ".join(command for command, _ in examples())
    documented = {re.sub(r"\{[^}]+\}", "{}", path)
                  for path in journal_client.get("/openapi.json").json()["paths"]}
    for path in documented:
        pattern = re.escape(path).replace(r"\{\}", "[^/?' ]+") + r"['?\s]"
        assert re.search(pattern, commands), path


def test_each_curl_example_answers_as_shown(journal_client: TestClient) -> None:
    """In the doc's order: the writes open the case the later examples read and act on."""
    for command, shown in examples():
        status, content, media = replay(journal_client, command)
        assert 200 <= status < 300, (command, content[:500])
        if shown is not None:
            body = json.loads(content)
            assert isinstance(body, dict)
            assert set(json.loads(shown)) == set(body), command
        elif media.startswith("application/json"):
            json.loads(content)
