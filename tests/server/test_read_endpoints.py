"""Each read-only endpoint of the API on the bundled specs, through FastAPI's TestClient."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from server import ServerState
from tests.server.conftest import SPECS

ROOT = SPECS.parent
HOME_SCHOOLING = "specs/standards/home-schooling.yaml"


def test_every_response_names_the_engine_and_the_corpus(client: TestClient,
                                                       state: ServerState) -> None:
    for response in (client.get("/calendar"), client.get("/services/nothing-like-it")):
        assert response.headers["reglament-version"] == state.engine_version
        assert response.headers["reglament-corpus"] == state.corpus_digest
    assert state.corpus_digest.startswith("sha256:")


def test_services_in_force_on_a_day(client: TestClient) -> None:
    response = client.get("/services", params={"on": "2025-03-01"})
    assert response.status_code == 200
    body = response.json()
    assert body["on"] == "2025-03-01"
    admission = next(s for s in body["services"] if s["id"] == "school-admission")
    assert admission["register_code"] == "403003"
    assert admission["title"]["kk"]
    assert admission["title"]["ru"]
    portal = next(c for c in admission["channels"] if c["id"] == "portal")
    assert portal["term"] == "30 min"
    assert all(s["valid_from"] <= "2025-03-01" for s in body["services"])


def test_a_service_lists_every_version(client: TestClient) -> None:
    body = client.get("/services/education-document-duplicates").json()
    assert body["id"] == "education-document-duplicates"
    froms = [v["valid_from"] for v in body["versions"]]
    assert froms == sorted(froms)
    assert all(v["path"].startswith("standards/") for v in body["versions"])


def test_the_calendar(client: TestClient) -> None:
    body = client.get("/calendar").json()
    assert body["id"] == "kz"
    assert body["timezone"] == "Asia/Almaty"
    first, last = body["years"]
    assert first <= 2025 <= last
    assert set(body["provisional_years"]) <= set(range(first, last + 1))
    assert "gov_corp" in body["schedules"]


def test_a_due_instant_with_its_explanation(client: TestClient) -> None:
    response = client.post("/due", json={"service": "school-admission", "channel": "portal",
                                         "received": "2025-03-07T17:30:00+05:00"})
    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2025-03-07T18:00:00+05:00"
    assert body["duration"] == "30 min"
    assert {"from", "received", "schedule", "counts_on", "term_source",
            "standard_valid_from", "provisional", "timezone"} <= set(body)


def test_check_a_spec_sent_as_text_json_and_sarif(client: TestClient) -> None:
    text = "kind: standard\nid: broken\n"
    report = client.post("/check", content=text, params={"with_corpus": "false"}).json()
    assert report["files"] == ["spec.yaml"]
    assert {"path": "spec.yaml", "line": 1, "column": 1, "code": "missing-key"}.items() \
        <= report["findings"][0].items()
    clean = client.post("/check", content=(ROOT / HOME_SCHOOLING).read_bytes()).json()
    assert not [f for f in clean["findings"] if f["severity"] == "error"]
    sarif = client.post("/check", params={"format": "sarif"}, content=text)
    assert sarif.headers["content-type"].startswith("application/sarif+json")
    results = sarif.json()["runs"][0]["results"]
    assert results
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "spec.yaml"
    assert location["region"]["startLine"] == 1
    assert "missing required key" in str(results)


def test_openapi_document_names_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/services", "/services/{service}", "/calendar", "/due", "/check"} <= set(paths)


def test_a_regulation_is_checked_against_the_served_standards(client: TestClient) -> None:
    """As `reglament check FILE` checks it in its spec root: the same findings, by code and
    file; alone, it misses its standard."""
    import io

    from commands.check import run_check

    regulation = "specs/regulations/aktobe/education-document-duplicates.yaml"
    report = client.post("/check", content=(ROOT / regulation).read_bytes()).json()
    out, err = io.StringIO(), io.StringIO()
    run_check([str(ROOT / regulation)], "json", out, err)
    cli = json.loads(out.getvalue())
    served = regulation.removeprefix("specs/")
    assert sorted((f["code"], f["path"].replace("spec.yaml", served)) for f in report["findings"]) \
        == sorted((f["code"], f["path"].removeprefix(f"{SPECS}/")) for f in cli["findings"])
    assert "reference" not in {f["code"] for f in report["findings"]}
    alone = client.post("/check", params={"with_corpus": "false"},
                        content=(ROOT / regulation).read_bytes()).json()
    assert "reference" in {f["code"] for f in alone["findings"]}
