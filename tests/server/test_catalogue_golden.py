"""The catalogue's pages compared byte for byte with their golden files, today pinned.

After a change to a template, a sentence or the specs, regenerate and read the diff:

    pytest tests/server/test_catalogue_golden.py --regen-golden
    git diff tests/server/golden/

Open a golden file in a browser to see the page (print preview shows the printed one).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

GOLDEN = Path(__file__).resolve().parent / "golden"

#: Golden file → the page it holds.
PAGES = {
    "index.kk.html": "/kk/",
    "index.ru.html": "/ru/",
    "service.kk.html": "/kk/services/teacher-attestation",
    "service.ru.html": "/ru/services/teacher-attestation",
    "calculator.kk.html": "/kk/services/teacher-attestation?channel=gov_corp"
                          "&submitted=2026-12-15T17:30",
    "search.ru.html": "/ru/?q=%D0%9F%D0%A0%D0%98%D0%95%D0%9C",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_its_golden_file(client: TestClient, name: str, regen_golden: bool) -> None:
    first, second = (client.get(PAGES[name]) for _ in range(2))
    assert first.status_code == 200
    assert first.content == second.content  # the same request, the same bytes
    golden = GOLDEN / name
    if regen_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(first.content)
        return
    assert golden.exists(), f"no {golden.name}: run pytest with --regen-golden and review it"
    assert first.content.decode("utf-8") == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs: run pytest {__file__} --regen-golden and review git diff")


def test_every_golden_file_has_its_page() -> None:
    assert sorted(p.name for p in GOLDEN.glob("*.html")) == sorted(PAGES)
