"""The public catalogue's pages, asked in-process: routes, search, language switch, the
calculator (the same arithmetic as POST /due), errors as pages, accessibility and hostile specs.

Today is pinned to 2026-12-07 (tests/conftest.py): every standard of specs/ is in force.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from server import create_app, load_state
from server.catalogue_search import fold
from tests.server.conftest import SPECS

ALL = 10  # the services of specs/ in force today


class Outline(HTMLParser):
    """The headings, landmarks, labels, ids and links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.headings: list[int] = []
        self.labels: set[str] = set()
        self.inputs: list[str] = []
        self.ids: list[str] = []
        self.attributes: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        self.attributes.append((tag, found))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "label":
            self.labels.add(str(found["for"]))
        if tag in ("input", "select"):
            self.inputs.append(str(found["id"]))
        if "id" in found and tag not in ("title", "g", "marker"):  # the SVGs' own ids aside
            self.ids.append(str(found["id"]))


def outline(response: Response) -> Outline:
    parsed = Outline()
    parsed.feed(response.text)
    return parsed


def page(response: Response, status: int, lang: str) -> str:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
    assert "Traceback" not in response.text
    return response.text


def services(text: str) -> list[str]:
    return re.findall(r'<h3><a href="/(?:kk|ru)/services/([^"]+)">', text)


def test_the_root_is_the_kazakh_index(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (302, "/kk/")


@pytest.mark.parametrize(("lang", "heading"), [("kk", "Мемлекеттік көрсетілетін қызметтер"),
                                               ("ru", "Государственные услуги")])
def test_the_index_lists_the_services_in_force_today(client: TestClient, lang: str,
                                                     heading: str) -> None:
    text = page(client.get(f"/{lang}/"), 200, lang)
    assert f"<h1>{heading}</h1>" in text
    assert len(services(text)) == ALL
    assert {"Табылды: 10", "Найдено: 10"} & set(re.findall(r"(?:Табылды|Найдено): \d+", text))


@pytest.mark.parametrize(("query", "found"), [
    ("ЭКСТЕРНАТА", ["externat-permission"]),  # Russian capitals
    ("экстернат нысанында", ["externat-permission"]),  # Kazakh, every word must match
    ("ТЕЛНҰСҚАЛАРЫН", ["education-document-duplicates"]),  # Ұ
    ("ДЕНСАУЛЫҚ", ["home-schooling"]),  # Қ
    ("ТӘРБИЕЛЕНУШІЛЕРДІҢ", ["free-school-meals"]),  # Ә І Ң
    ("ПЕДАГОГТЕРДІ", ["teacher-attestation"]),
    ("403003", ["school-admission"]),  # the register code
    ("PRESCHOOL-QUEUE", ["preschool-queue"]),  # the id
    ("дубликатов 2024", []),  # all words, not any
    ("ёлка", []),
])
def test_search_is_on_the_server_without_case_in_both_languages(
        client: TestClient, query: str, found: list[str]) -> None:
    for lang in ("kk", "ru"):
        text = page(client.get(f"/{lang}/", params={"q": query}), 200, lang)
        assert sorted(services(text)) == found
        assert f'value="{html.escape(query)}"' in text  # the field keeps the query
        if not found:
            assert f"«{query}»" in text
            assert 'class="cat-message" role="alert"' in text


def test_kazakh_letters_fold_without_case() -> None:
    assert fold("ӘҒҚҢӨҰҮҺІ Ё") == "әғқңөұүһі е"


def test_a_query_too_long_gives_the_form_again(client: TestClient) -> None:
    text = page(client.get("/ru/", params={"q": "я" * 201}), 400, "ru")
    assert "Запрос слишком длинный: не более 200 символов." in text
    assert 'id="q"' in text
    assert services(text) == []


@pytest.mark.parametrize("path", ["/kk/", "/ru/services/preschool-queue",
                                  "/kk/services/teacher-attestation?channel=gov_corp"
                                  "&submitted=2026-12-07T17:30", "/ru/nothing"])
def test_every_page_is_accessible_in_structure(client: TestClient, path: str) -> None:
    response = client.get(path)
    parsed = outline(response)
    text = response.text
    assert text.index('class="cat-skip" href="#main"') < text.index("<header")
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in parsed.tags
    assert parsed.headings[0] == 1
    assert parsed.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(parsed.headings, parsed.headings[1:], strict=False))
    assert set(parsed.inputs) <= parsed.labels  # every field has its label
    assert len(parsed.ids) == len(set(parsed.ids))
    assert not any(tag in ("script", "iframe", "link") and attrs.get("rel") != "alternate"
                   for tag, attrs in parsed.attributes)  # nothing loaded from anywhere
    assert "@import" not in text
    assert "url(http" not in text
    assert "src=" not in text
    assert re.search(r"@media print \{.*?nav, form, \.cat-skip", text, re.S)


@pytest.mark.parametrize(("path", "switch"), [
    ("/kk/", "/ru/"),
    ("/ru/?q=%D0%BF%D1%80%D0%B8%D0%B5%D0%BC", "/kk/?q=%D0%BF%D1%80%D0%B8%D0%B5%D0%BC"),
    ("/ru/services/preschool-queue?channel=portal&submitted=2026-12-07T10:00",
     "/kk/services/preschool-queue?channel=portal&amp;submitted=2026-12-07T10:00"),
    ("/kk/services/nope", "/ru/services/nope"),
])
def test_the_language_switch_keeps_the_page_and_its_query(client: TestClient, path: str,
                                                          switch: str) -> None:
    other = "ru" if path.startswith("/kk/") else "kk"
    assert f'<a href="{switch}" hreflang="{other}" lang="{other}"' in client.get(path).text


def test_a_service_page_shows_its_passport_hours_and_diagrams(client: TestClient) -> None:
    text = page(client.get("/ru/services/preschool-queue"), 200, "ru")
    for words in ("Паспорт государственной услуги", "Код услуги", "403001", "бесплатно",
                  "Канцелярия услугодателя – 30 (тридцать) минут", "Необходимые документы",
                  "Веб-портал «электронного правительства»: круглосуточно",
                  "Канцелярия услугодателя: понедельник – пятница, за исключением выходных и "
                  "праздничных дней; время работы 09:00-18:30, перерыв на обед 13:00-14:00; "
                  "прием заявлений и выдача результатов 09:00-17:30",
                  "на диаграмме показан минимальный процесс"):
        assert words in text, words
    assert text.count('<figure class="cat-diagram"') == 3  # a swimlane per channel
    assert text.count("<svg ") == 3
    assert "<?xml" not in text
    kk = page(client.get("/kk/services/preschool-queue"), 200, "kk")
    assert "Мемлекеттік көрсетілетін қызмет паспорты" in kk
    assert "тегін" in kk


def test_a_service_without_channels_says_so(client: TestClient) -> None:
    text = page(client.get("/kk/services/school-transfer"), 200, "kk")
    assert "Өтініш беру тәсілдері стандартта көрсетілмеген." in text
    assert "<form" not in text.split('id="calculator"')[1]


@pytest.mark.parametrize(("service", "channel", "submitted"), [
    ("preschool-queue", "gov_corp", "2026-12-05T17:30"),  # a Saturday
    ("preschool-queue", "provider_office", "2026-12-07T19:00"),  # after hours
    ("teacher-attestation", "gov_corp", "2026-12-15T17:30"),  # the day before a holiday
    ("externat-permission", "portal", "2026-12-07T09:00+05:00"),  # with its offset
])
def test_the_calculator_counts_as_post_due_does(client: TestClient, service: str,
                                                channel: str, submitted: str) -> None:
    text = page(client.get(f"/kk/services/{service}",
                           params={"channel": channel, "submitted": submitted}), 200, "kk")
    shown = re.search(r'<time datetime="([^"]+)">Нәтиже берілуі тиіс: ([^<]+)</time>', text)
    assert shown is not None
    received = submitted if "+" in submitted else submitted + ":00+05:00"
    api = client.post("/due", json={"service": service, "channel": channel, "received": received})
    assert shown.group(1) == api.json()["due"]
    assert f'<option value="{channel}" selected>' in text
    assert "Қалай есептелді" in text


def test_the_calculator_says_when_an_application_counts_as_received(client: TestClient) -> None:
    text = client.get("/ru/services/preschool-queue",  # the portal takes it at any hour
                      params={"channel": "portal", "submitted": "2026-12-07T19:00"}).text
    assert ("Заявление подано вне рабочего времени, поэтому считается принятым в начале "
            "следующего рабочего времени: 8 декабря 2026 года, 09:00 (вторник)") in text
    assert "Результат должен быть выдан: 8 декабря 2026 года, 09:30 (вторник)" in text


@pytest.mark.parametrize(("query", "message"), [
    ({"channel": "portal", "submitted": "вчера"},
     "Не удалось прочитать дату и время: «вчера». Образец: 2026-12-07T10:30."),
    ({"channel": "portal", "submitted": ""}, "Не удалось прочитать дату и время: «»."),
    ({"channel": "portal", "submitted": "2026-02-30T10:00"}, "«2026-02-30T10:00»"),
    ({"channel": "<b>fax</b>", "submitted": "2026-12-07T10:00"},
     "У этой услуги нет способа подачи «&lt;b&gt;fax&lt;/b&gt;»."),
    ({"channel": "portal", "submitted": "2040-01-01T10:00"},
     "Срок рассчитать нельзя: он выходит за годы, которые охватывает календарь (2008 – 2027)."),
    ({"channel": "portal", "submitted": "2001-01-01T10:00"},
     "На 1 января 2001 года стандарт этой услуги не действовал."),
])
def test_bad_calculator_input_gives_the_form_again(client: TestClient, query: dict[str, str],
                                                   message: str) -> None:
    text = page(client.get("/ru/services/preschool-queue", params=query), 400, "ru")
    assert message in text
    assert 'id="submitted"' in text
    assert 'class="cat-answer"' not in text
    assert "<b>fax" not in text


@pytest.mark.parametrize(("path", "lang", "message"), [
    ("/kk/services/schol-admission", "kk", "«schol-admission» қызметі табылмады."),
    ("/ru/services/schol-admission", "ru", "Услуга «schol-admission» не найдена."),
    ("/ru/services/..%2Fstandards", "ru", "Такой страницы нет."),
    ("/kk/somewhere/else", "kk", "Мұндай бет жоқ."),
])
def test_an_unknown_page_is_a_404_page_in_its_language(client: TestClient, path: str,
                                                       lang: str, message: str) -> None:
    text = page(client.get(path), 404, lang)
    assert message in text
    assert {"kk": "<h1>Бет табылмады</h1>", "ru": "<h1>Страница не найдена</h1>"}[lang] in text


def test_a_service_not_in_force_today_is_a_404_page(client: TestClient,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGLAMENT_TODAY", "2001-01-01")
    text = page(client.get("/ru/services/preschool-queue"), 404, "ru")
    assert "Стандарт услуги «preschool-queue» не действует на 1 января 2001 года." in text
    assert services(page(client.get("/ru/"), 200, "ru")) == []


def test_markup_in_a_spec_is_shown_as_text(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS, specs, ignore=shutil.ignore_patterns("scenarios"))
    standard = specs / "standards" / "preschool-queue.yaml"
    text = standard.read_text(encoding="utf-8")
    hostile = '<script>alert("кк")</script> & <b onmouseover=x>'
    text = re.sub(r"(\ntitle:\n  kk: )", lambda m: m.group(1) + f"'{hostile} ", text, count=1)
    text = re.sub(r"(\n  kk: '" + re.escape(hostile) + r" [^\n]*)", r"\1'", text, count=1)
    standard.write_text(text, encoding="utf-8")
    with TestClient(create_app(load_state(specs))) as hostile_client:
        index = page(hostile_client.get("/kk/"), 200, "kk")
        service = page(hostile_client.get("/kk/services/preschool-queue"), 200, "kk")
        search = page(hostile_client.get("/kk/", params={"q": "<script>alert(1)</script>"}),
                      200, "kk")
    escaped = "&lt;script&gt;alert(&#34;кк&#34;)&lt;/script&gt; &amp; &lt;b onmouseover=x&gt;"
    assert escaped in index
    assert escaped in service
    for text in (index, service, search):
        assert "<script" not in text
        assert "<b onmouseover" not in text
