"""Documents, diagrams and the export, with their media types; the specs' markup escaped."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from server import create_app, load_state
from tests.server.conftest import SPECS, TOKEN, WRITE
from tests.server.test_cases import OPEN
from tests.server.test_problems import problem

SCRIPT = "<script>alert(1)</script>"
REGULATION = "aktobe-education-document-duplicates"
DIAGRAM = f"/regulations/{REGULATION}/diagram"


@pytest.mark.parametrize(("url", "media", "start"), [
    ("/standards/school-admission/passport", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
    ("/standards/school-admission/passport?lang=ru&format=pdf", "application/pdf", b"%PDF-"),
    (f"{DIAGRAM}?channel=provider_office", "image/svg+xml", b"<?xml"),
    (f"{DIAGRAM}?channel=provider_office&format=bpmn&lang=ru", "application/xml", b"<?xml"),
    (f"{DIAGRAM}?channel=provider_office&format=mermaid", "text/plain; charset=utf-8", b"---"),
    ("/standards/school-admission/cpsv", "application/ld+json", b"{"),
])
def test_each_kind_with_its_media_type(client: TestClient, url: str, media: str,
                                       start: bytes) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == media
    assert response.content.startswith(start)


def test_the_language_asked_for(client: TestClient) -> None:
    russian = client.get("/standards/school-admission/passport", params={"lang": "ru"}).text
    both = client.get("/standards/school-admission/passport").text
    assert '<html lang="ru">' in russian
    assert "Прием документов" in russian
    assert "Прием документов" in both
    assert len(both) > len(russian)
    problem(client.get("/standards/school-admission/passport", params={"lang": "en"}), 422)


def test_a_version_in_force_and_none(client: TestClient) -> None:
    assert client.get(DIAGRAM, params={"channel": "provider_office",
                                       "on": "2019-05-14"}).status_code == 200
    body = problem(client.get(DIAGRAM, params={"channel": "provider_office",
                                               "on": "2024-01-01"}), 422)
    assert "hint: its versions are valid" in str(body["detail"])
    problem(client.get(DIAGRAM, params={"channel": "by_pigeon"}), 404)


def test_a_case_document_from_the_journal(journal_client: TestClient) -> None:
    journal_client.post("/cases", json=OPEN, headers=WRITE)
    receipt = journal_client.get(f"/cases/{OPEN['case_id']}/documents/receipt")
    assert receipt.status_code == 200
    assert OPEN["case_id"] in receipt.text
    problem(journal_client.get(f"/cases/{OPEN['case_id']}/documents/refusal"), 422)
    problem(journal_client.get(f"/cases/{OPEN['case_id']}/documents/passport"), 404)
    problem(journal_client.get("/cases/2026-9999/documents/receipt"), 404)


@pytest.fixture(scope="module")
def marked_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A spec root whose titles hold markup."""
    root = tmp_path_factory.mktemp("marked") / "specs"
    shutil.copytree(SPECS, root)
    for path, line in (
            (root / "standards/education-document-duplicates-2024.yaml",
             "  ru: Выдача дубликатов документов об основном среднем, общем среднем образовании"),
            (root / "standards/education-document-duplicates.yaml",
             "  ru: Выдача дубликатов документов об основном среднем, общем среднем образовании"),
            (root / "regulations/aktobe/education-document-duplicates.yaml",
             "  ru: Регламент государственной услуги «Выдача дубликатов документов об основном "
             "среднем, общем среднем образовании»")):
        text = path.read_text(encoding="utf-8")
        assert line in text
        marked = line.replace("  ru: ", f"  ru: '{SCRIPT} ") + "'"
        path.write_text(text.replace(line, marked), encoding="utf-8")
    state = dataclasses.replace(load_state(root), token=TOKEN)
    with TestClient(create_app(state), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize("url", [
    "/standards/education-document-duplicates/passport?lang=ru",
    "/standards/education-document-duplicates/passport?lang=kk,ru&on=2020-01-01",
    f"{DIAGRAM}?channel=provider_office&lang=ru",
    f"{DIAGRAM}?channel=provider_office&lang=ru&format=bpmn",
])
def test_markup_in_the_specs_is_escaped(marked_client: TestClient, url: str) -> None:
    response = marked_client.get(url)
    assert response.status_code == 200, response.text[:300]
    assert "alert(1)" in response.text  # the title is there...
    assert "<script" not in response.text.lower()  # ...as text
    assert "&lt;script&gt;" in response.text
    assert "script-src" not in response.headers.get("content-security-policy", "")


def test_markup_stays_text_in_json(marked_client: TestClient) -> None:
    body = marked_client.get("/standards/education-document-duplicates").json()
    assert body["versions"][-1]["title"]["ru"].startswith(SCRIPT)
