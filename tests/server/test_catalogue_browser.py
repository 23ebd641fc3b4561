"""The catalogue in a real browser: Debian's headless Chromium, driven by Selenium through
chromedriver, on `reglament serve` running for real (uvicorn on a free loopback port).

One server and one browser for the module; a handful of page loads: the index, a search in
Kazakh and in Russian (typed into the field, sent with Enter), the language switch, a service's
page, and the calculator's form sent with a channel chosen. A missing browser, driver or
Selenium fails the test and names `python3 tools/setup_tests.py` (no skip).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tools.catalogue_screenshots import SCREENSHOTS, BrowserMissing, browser, serve

ROOT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve() as url:
        yield url


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    try:
        with browser() as chromium:
            yield chromium
    except BrowserMissing as missing:
        pytest.fail(str(missing), pytrace=False)


def _wait(driver: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, 30).until(condition)


def _search(driver: Any, words: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    field = driver.find_element(By.ID, "q")
    field.clear()
    old = driver.find_element(By.TAG_NAME, "html")
    field.send_keys(words + Keys.ENTER)
    _wait(driver, lambda d: old != d.find_element(By.TAG_NAME, "html"))


def _results(driver: Any) -> list[str]:
    from selenium.webdriver.common.by import By
    return [a.get_attribute("href").rsplit("/", 1)[1]
            for a in driver.find_elements(By.CSS_SELECTOR, "ul.cat-services h3 a")]


def test_search_switch_language_and_count_a_due_date(base: str, driver: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get(f"{base}/")  # redirected to Kazakh, the default
    assert driver.current_url == f"{base}/kk/"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "kk"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Мемлекеттік көрсетілетін қызметтер"
    assert len(_results(driver)) == 10

    _search(driver, "ТЕЛНҰСҚАЛАРЫН")  # Kazakh capitals: Ұ folds to ұ
    assert _results(driver) == ["education-document-duplicates"]
    assert "q=" in driver.current_url

    driver.find_element(By.CSS_SELECTOR, "a[hreflang='ru']").click()
    _wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru")
    assert driver.current_url.startswith(f"{base}/ru/?q=")  # the same search, in Russian
    assert _results(driver) == ["education-document-duplicates"]
    assert driver.find_element(By.CSS_SELECTOR, "ul.cat-services h3").text.startswith(
        "Выдача дубликатов документов")

    _search(driver, "экстерНАТА")
    assert _results(driver) == ["externat-permission"]
    driver.find_element(By.CSS_SELECTOR, "ul.cat-services h3 a").click()
    _wait(driver, lambda d: d.current_url.endswith("/ru/services/externat-permission"))
    assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Выдача разрешения на обучение")
    page = driver.find_element(By.TAG_NAME, "main").text
    assert "Паспорт государственной услуги" in page
    assert "15 (пятнадцать) рабочих дней" in page
    assert len(driver.find_elements(By.CSS_SELECTOR, "figure.cat-diagram svg")) == 2

    # Today is pinned to Monday 2026-12-07: the form's "now" is 09:00 that day.
    assert driver.find_element(By.ID, "submitted").get_attribute("value") == "2026-12-07T09:00"
    Select(driver.find_element(By.ID, "channel")).select_by_value("portal")
    driver.find_element(By.CSS_SELECTOR, "#calculator button[type='submit']").click()
    due = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".cat-due time"))[0]
    assert "channel=portal" in driver.current_url
    assert due.text == "Результат должен быть выдан: 29 декабря 2026 года, 18:30 (вторник)"
    assert due.get_attribute("datetime") == "2026-12-29T18:30:00+05:00"
    assert "Способ подачи: Веб-портал «электронного правительства»" in \
        driver.find_element(By.CSS_SELECTOR, ".cat-answer").text

    driver.find_element(By.CSS_SELECTOR, "a[hreflang='kk']").click()  # the answer, in Kazakh
    due = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "html[lang='kk'] .cat-due time"))[0]
    assert due.text == "Нәтиже берілуі тиіс: 2026 жылғы 29 желтоқсан, 18:30 (сейсенбі)"


def test_the_screenshots_of_the_docs_are_committed() -> None:
    """tools/catalogue_screenshots.py writes them; the suite only checks they are there."""
    for name in SCREENSHOTS:
        image = ROOT_DIR / "docs" / "img" / name
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"run python3 tools/catalogue_screenshots.py: {name}"
        assert name in (ROOT_DIR / "docs" / "catalogue.md").read_text(encoding="utf-8")


def test_a_missing_browser_names_the_set_up_command(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium, no chromedriver
    with pytest.raises(BrowserMissing) as missing, browser():
        pass
    assert str(missing.value).startswith("chromium, chromedriver not installed (hint: run "
                                         "`python3 tools/setup_tests.py`")
