"""Standards, regulations and schedules as resources; a simulated case."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.server.test_problems import problem


def test_a_standard_every_version_whole(client: TestClient) -> None:
    listed = client.get("/standards").json()["standards"]
    assert "school-admission" in [s["id"] for s in listed]
    body = client.get("/standards/education-document-duplicates").json()
    version = body["versions"][-1]
    assert [d["id"] for d in version["documents"]] == ["application"]
    assert {g["id"] for g in version["refusal_grounds"]} == {"unreliable_documents",
                                                              "requirements_not_met"}
    assert version["channels"]["gov_corp"]["term"] == "15 wd"
    assert version["cost"]["kind"] == "free"
    assert version["path"].startswith("standards/")
    assert "location" not in str(body)


def test_the_same_request_the_same_bytes(client: TestClient) -> None:
    first = client.get("/standards/school-admission").content
    assert client.get("/standards/school-admission").content == first


def test_a_regulation_its_steps_actors_and_limits(client: TestClient) -> None:
    listed = client.get("/regulations").json()["regulations"]
    name = listed[0]["id"]
    body = client.get(f"/regulations/{name}").json()
    version = body["versions"][0]
    assert version["actors"]
    channel, steps = next(iter(version["processes"].items()))
    assert channel in listed[0]["channels"]
    assert all("duration" in step and "actor" in step for step in steps)
    assert version["valid_from"] == listed[0]["versions"][0]["valid_from"]


def test_a_schedule_its_hours_and_days(client: TestClient) -> None:
    body = client.get("/schedules/gov_corp").json()
    assert body["weekdays"]["sat"]["hours"] == ["09:00-20:00"]
    assert body["weekdays"]["sun"] == {"working": False, "hours": [], "reception": []}
    assert "gov_corp" in [s["id"] for s in client.get("/schedules").json()["schedules"]]


def test_unknown_ids_name_the_nearest(client: TestClient) -> None:
    body = problem(client.get("/regulations/school-admision"), 404)
    assert str(body["type"]).endswith("/unknown-regulation")
    body = problem(client.get("/schedules/gov_crop"), 404)
    assert 'did you mean "gov_corp"' in str(body["detail"])


def test_simulate_a_case_with_its_margin_in_words(client: TestClient) -> None:
    response = client.post("/simulate", json={
        "service": "education-document-duplicates", "channel": "provider_office",
        "received": "2026-12-07T10:00:00+05:00"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "result"
    assert body["due"]
    assert body["steps"]
    assert set(body["margin"]) == {"en", "kk", "ru"}
    assert body["margin"]["ru"].startswith("срок соблюдён")


def test_simulate_with_actions(client: TestClient) -> None:
    plain = client.post("/simulate", json={
        "service": "education-document-duplicates", "channel": "provider_office",
        "received": "2026-12-07T10:00:00+05:00"}).json()
    first = plain["steps"][0]["step"]
    late = client.post("/simulate", json={
        "service": "education-document-duplicates", "channel": "provider_office",
        "received": "2026-12-07T10:00:00+05:00",
        "actions": [{"step": first, "at": "2027-02-01T10:00:00+05:00"}]}).json()
    assert late["steps"][0]["late"] is True
    assert late["met_term"] is False
    assert late["margin"]["ru"].startswith("срок нарушен на ")
    refused = client.post("/simulate", json={
        "service": "education-document-duplicates", "channel": "provider_office",
        "received": "2026-12-07T10:00:00+05:00",
        "actions": [{"op": "refuse", "ground": "unreliable_documents"}]}).json()
    assert refused["status"] == "refusal"


def test_simulate_refusals_are_problems(client: TestClient) -> None:
    base = {"service": "education-document-duplicates", "channel": "provider_office",
            "received": "2026-12-07T10:00:00+05:00"}
    problem(client.post("/simulate", json={**base, "received": "soon"}), 400)
    problem(client.post("/simulate", json={**base, "channel": "pigeon"}), 422)
    body = problem(client.post("/simulate", json={**base, "actions": [{"step": "nowhere"}]}),
                   422)
    assert "nowhere" in str(body["detail"])
