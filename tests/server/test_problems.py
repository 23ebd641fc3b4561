"""Every error of the API is application/problem+json (RFC 9457), never a traceback or a page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from server import MAX_BODY_BYTES

PROBLEM = "application/problem+json"


def problem(response: Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    assert "Traceback" not in response.text
    assert "<html" not in response.text.lower()
    return dict(body)


def test_an_unknown_service_names_the_nearest_one(client: TestClient) -> None:
    body = problem(client.get("/services/schol-admission"), 404)
    assert body["detail"] == "no service 'schol-admission' (hint: did you mean \"school-admission\"?)"
    assert str(body["type"]).endswith("/unknown-service")


# "/services/.." itself is sent as "/" (the client resolves dot segments): the catalogue's
# redirect (tests/server/test_catalogue.py); "/services/../nothing" is sent as "/nothing".
@pytest.mark.parametrize("path", [
    "/services/..%2F..%2Fetc%2Fpasswd", "/services/../../etc/passwd", "/services/%2e%2e",
    "/services/../nothing", "/services/specs%2Fstandards%2Fschool-admission.yaml", "/nothing"])
def test_path_traversal_and_unknown_paths_are_404(client: TestClient, path: str) -> None:
    body = problem(client.get(path), 404)
    assert "root:" not in str(body)


def test_unknown_channel_and_a_service_not_in_force(client: TestClient) -> None:
    body = problem(client.post("/due", json={"service": "school-admission", "channel": "portl",
                                             "received": "2025-03-07T17:30:00+05:00"}), 404)
    assert "did you mean \"portal\"" in str(body["detail"])
    problem(client.post("/due", json={"service": "school-admission", "channel": "portal",
                                      "received": "1990-01-01T10:00:00+05:00"}), 422)


def test_a_bad_instant_or_date_is_400(client: TestClient) -> None:
    body = problem(client.post("/due", json={"service": "school-admission", "channel": "portal",
                                             "received": "2025-03-07 17:30"}), 400)
    assert str(body["detail"]).startswith("received: ")
    problem(client.get("/services", params={"on": "yesterday"}), 400)


def test_malformed_json_is_400_and_the_wrong_shape_422(client: TestClient) -> None:
    body = problem(client.post("/due", content=b"{bad", headers={"content-type": "application/json"}),
                   400)
    assert body["detail"] == "the request body is not valid JSON"
    body = problem(client.post("/due", json={"service": "school-admission"}), 422)
    assert "body.channel: Field required" in list(body["errors"])  # type: ignore[call-overload]


def test_an_oversized_body_is_413(client: TestClient) -> None:
    problem(client.post("/check", content=b"#" * (MAX_BODY_BYTES + 1)), 413)

    def chunks() -> object:  # no Content-Length: counted as it comes
        for _ in range(3):
            yield b"#" * (MAX_BODY_BYTES // 2)
    problem(client.post("/check", content=chunks()), 413)  # type: ignore[arg-type]


def test_a_bad_format_is_a_problem(client: TestClient) -> None:
    problem(client.post("/check", params={"format": "html"}, content=b"kind: standard\n"), 422)


def test_the_problem_carries_the_versions(client: TestClient) -> None:
    response = client.get("/services/nope")
    assert response.headers["reglament-corpus"].startswith("sha256:")
