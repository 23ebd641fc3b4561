"""Hostile requests on every route that takes an id: traversal, encoded slashes, NUL bytes;
oversized bodies on every route that takes one. Each is a problem, never a file or a trace."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from server import MAX_BODY_BYTES
from tests.server.conftest import WRITE
from tests.server.test_problems import problem

HOSTILE = ["..%2F..%2Fetc%2Fpasswd", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
           "..%5C..%5Cetc%5Cpasswd", "passwd%00", "%00", "..", "%2e%2e", "%252e%252e%252f"]
#: Every route with an id in its path, the id as {}.
READS = ["/services/{}", "/standards/{}", "/standards/{}/passport", "/standards/{}/cpsv",
         "/regulations/{}", "/regulations/{}/diagram?channel=provider_office", "/schedules/{}",
         "/cases/{}", "/cases/{}/documents/receipt", "/cases/2026-0001/documents/{}"]
WRITES = ["/cases/{}/steps", "/cases/{}/refusal", "/cases/{}/appeals",
          "/cases/{}/appeals/A-1/extension", "/cases/{}/appeals/{}/decision",
          "/cases/{}/appeals/{}/revision"]
BODIES = {"steps": {"step": "receive", "at": "2026-12-07T10:05:00+05:00", "by": "x"},
          "refusal": {"ground": "g", "at": "2026-12-07T10:05:00+05:00", "by": "x"},
          "appeals": {"appeal": "A-1", "body": "provider", "complainant": "c", "substance": "s",
                      "at": "2026-12-07T10:05:00+05:00", "by": "x"},
          "extension": {"days": 1, "reason": "r", "at": "2026-12-07T10:05:00+05:00", "by": "x"},
          "decision": {"decision": "rejected", "document": "1", "examined_by": "h",
                       "at": "2026-12-07T10:05:00+05:00", "by": "x"},
          "revision": {"revision": "r", "at": "2026-12-07T10:05:00+05:00", "by": "x"}}


@pytest.mark.parametrize("route", READS)
@pytest.mark.parametrize("name", HOSTILE)
def test_ids_are_only_looked_up(journal_client: TestClient, route: str, name: str) -> None:
    body = problem(journal_client.get(route.replace("{}", name)), 404)
    assert "root:" not in str(body)


@pytest.mark.parametrize("route", WRITES)
@pytest.mark.parametrize("name", ["..%2F..%2Fetc%2Fpasswd", "passwd%00", "%2e%2e"])
def test_writes_to_hostile_ids_are_404(journal_client: TestClient, route: str,
                                      name: str) -> None:
    kind = route.rsplit("/", 1)[1]
    problem(journal_client.post(route.replace("{}", name), json=BODIES[kind], headers=WRITE),
            404)


@pytest.mark.parametrize("route", ["/due", "/simulate", "/cases", "/cases/x/steps"])
def test_an_oversized_body_is_413_everywhere(journal_client: TestClient, route: str) -> None:
    problem(journal_client.post(route, content=b"{" * (MAX_BODY_BYTES + 1),
                                headers={**WRITE, "content-type": "application/json"}), 413)
