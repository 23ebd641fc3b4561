"""The journal's endpoints: open, act, refuse, complain, show, overdue; the token; the keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from server import ServerState, create_app
from tests.server.conftest import TOKEN, WRITE
from tests.server.test_problems import problem

OPEN = {"case_id": "2026-0001", "service": "education-document-duplicates",
        "channel": "provider_office", "received": "2026-12-07T10:00:00+05:00",
        "applicant": "860306300458", "documents": ["application"]}


def _events(client: TestClient) -> list[tuple[Any, ...]]:
    path = client.app.state.reglament.db  # type: ignore[attr-defined]
    if not path.exists():  # never opened: nothing was written
        return []
    with sqlite3.connect(path) as db:
        return db.execute("SELECT case_id, seq, kind, command_id FROM events "
                          "ORDER BY case_id, seq").fetchall()


def _open(client: TestClient, key: str = "key-1", **changes: Any) -> Any:
    return client.post("/cases", json={**OPEN, **changes},
                       headers={**WRITE, "Idempotency-Key": key})


def test_open_show_and_act_on_a_case(journal_client: TestClient) -> None:
    response = _open(journal_client)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/cases/2026-0001"
    body = response.json()
    assert body["case"] == "2026-0001"
    assert body["status"] == "open"
    assert body["due"].startswith("2026-12-")
    active = body["active"]["step"]
    shown = journal_client.get("/cases/2026-0001").json()
    assert shown == body
    acted = journal_client.post("/cases/2026-0001/steps", headers=WRITE, json={
        "step": active, "at": "2026-12-07T11:00:00+05:00", "by": "clerk-1"})
    assert acted.status_code == 200, acted.text
    assert acted.json()["steps"][-1]["step"] == active
    assert [kind for _, _, kind, _ in _events(journal_client)] == ["opened", "step_completed"]


def test_the_same_key_twice_writes_once_and_answers_the_same(journal_client: TestClient) -> None:
    first = _open(journal_client)
    again = _open(journal_client)
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert len(_events(journal_client)) == 1
    assert _events(journal_client)[0][3].startswith("key-1#")


def test_the_same_key_with_another_body_is_a_problem(journal_client: TestClient) -> None:
    _open(journal_client)
    body = problem(_open(journal_client, case_id="2026-0002"), 422)
    assert "Idempotency-Key 'key-1' was used for another request" in str(body["detail"])
    problem(_open(journal_client, key="key-2"), 409)  # the case exists: another key
    assert len(_events(journal_client)) == 1


def test_a_retry_answers_the_state_its_command_left(journal_client: TestClient) -> None:
    opened = _open(journal_client).json()
    refused = journal_client.post("/cases/2026-0001/refusal", headers=WRITE, json={
        "ground": "unreliable_documents", "at": "2026-12-07T12:00:00+05:00", "by": "head-1"})
    assert refused.json()["status"] == "refusal"
    assert _open(journal_client).json() == opened


def test_writes_need_the_token(journal_client: TestClient) -> None:
    problem(journal_client.post("/cases", json=OPEN), 401)
    body = problem(journal_client.post("/cases", json=OPEN,
                                       headers={"Authorization": "Bearer not-the-token"}), 403)
    assert "not this server's" in str(body["detail"])
    problem(journal_client.post("/cases", json=OPEN, headers={"Authorization": TOKEN}), 401)
    assert _events(journal_client) == []


def test_without_a_token_every_write_is_refused(state: ServerState, tmp_path: Path) -> None:
    import dataclasses

    app = create_app(dataclasses.replace(state, db=tmp_path / "cases.db"))
    with TestClient(app, raise_server_exceptions=False) as client:
        body = problem(client.post("/cases", json=OPEN, headers=WRITE), 403)
        assert "--token-file FILE" in str(body["detail"])


def test_without_a_journal_the_cases_say_to_start_with_db(client: TestClient) -> None:
    body = problem(client.get("/cases/2026-0001"), 404)
    assert "--db PATH" in str(body["detail"])


def test_what_the_engine_refuses_is_a_422_with_its_message(journal_client: TestClient) -> None:
    body = problem(_open(journal_client, channel="by_pigeon"), 422)
    assert "by_pigeon" in str(body["detail"])
    _open(journal_client, key="k-2")
    body = problem(journal_client.post("/cases/2026-0001/steps", headers=WRITE, json={
        "step": "nothing", "at": "2026-12-07T11:00:00+05:00", "by": "x"}), 422)
    assert "nothing" in str(body["detail"])
    problem(journal_client.post("/cases/2026-0009/steps", headers=WRITE, json={
        "step": "x", "at": "2026-12-07T11:00:00+05:00", "by": "x"}), 404)
    problem(journal_client.post("/cases/2026-0001/steps", headers=WRITE, json={
        "step": "x", "at": "7 December", "by": "x"}), 400)


def test_a_complaint_its_decision_and_the_overdue(journal_client: TestClient) -> None:
    _open(journal_client)
    filed = journal_client.post("/cases/2026-0001/appeals", headers=WRITE, json={
        "appeal": "A-1", "body": "provider", "complainant": "Иванов И.", "substance": "late",
        "at": "2026-12-08T10:00:00+05:00", "by": "clerk-3"})
    assert filed.status_code == 200, filed.text
    assert filed.json()["appeals"][0]["appeal"] == "A-1"
    late = journal_client.get("/cases/overdue", params={"at": "2027-06-01T10:00:00+05:00"})
    assert late.status_code == 200
    assert [c["case"] for c in late.json()["cases"]] == ["2026-0001"]
    decided = journal_client.post("/cases/2026-0001/appeals/A-1/decision", headers=WRITE, json={
        "decision": "rejected", "document": "12-3/45", "examined_by": "head-1",
        "at": "2026-12-09T10:00:00+05:00", "by": "head-1"})
    assert decided.status_code == 200, decided.text


def test_concurrent_writes_are_all_committed(journal_client: TestClient) -> None:
    """Requests at once, some of them retries: every 2xx is in the journal, once."""
    from concurrent.futures import ThreadPoolExecutor

    def send(n: int) -> tuple[str, int]:
        case_id = f"2026-{n % 24:04d}"
        response = _open(journal_client, key=f"k-{n % 24}", case_id=case_id)
        return case_id, response.status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(send, range(48)))
    assert {status for _, status in answers} == {201}
    assert sorted(case for case, _, _, _ in _events(journal_client)) == \
        sorted({case for case, _ in answers})
