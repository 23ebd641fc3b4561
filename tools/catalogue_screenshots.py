#!/usr/bin/env python3
"""Screenshots of the public catalogue for docs/catalogue.md, taken in a real headless Chromium.

Starts `reglament serve` on a free loopback port with today pinned (`REGLAMENT_TODAY`,
2026-12-07 unless set), opens the pages in Debian's Chromium through its chromedriver
(Selenium), and writes three PNGs into `docs/img/`: the index in Kazakh, a service's page in
Russian, and a calculator's answer. Run it by hand after changing the pages and commit the
images; the test suite never rewrites them. The browser tests
(tests/server/test_catalogue_browser.py) start the server and the browser with `serve` and
`browser` below.

Examples:
    python3 tools/catalogue_screenshots.py             # into docs/img/
    python3 tools/catalogue_screenshots.py --out /tmp  # elsewhere
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.setup_tests import SETUP_COMMAND  # noqa: E402 - after the checkout is on the path

__all__ = ["SCREENSHOTS", "BrowserMissing", "browser", "main", "serve"]

#: The Debian packages' programs (tools/setup_tests.py installs them).
CHROMIUM, CHROMEDRIVER = "chromium", "chromedriver"
#: The day the screenshots show (the tests' today).
PINNED_DAY = "2026-12-07"
#: File name → the page it shows (the calculator's answer scrolled into view).
SCREENSHOTS = {
    "catalogue.index.kk.png": "/kk/",
    "catalogue.service.ru.png": "/ru/services/preschool-queue",
    "catalogue.calculator.kk.png":
        "/kk/services/teacher-attestation?channel=gov_corp&submitted=2026-12-07T17:30#calculator",
}


class BrowserMissing(RuntimeError):
    """Chromium, its driver or Selenium is not installed; the message says what to run."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def serve(specs: Path = ROOT / "specs", timeout: float = 60) -> Iterator[str]:
    """`reglament serve` of this checkout on a free loopback port; yields its base URL and
    stops it after (its output, when it fails to answer, in the error)."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.setdefault("REGLAMENT_TODAY", PINNED_DAY)
    server = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--specs", str(specs),
                               "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/calendar", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or server.poll() is not None:
                    server.kill()
                    output = server.communicate(timeout=30)[0].decode(errors="replace")
                    raise RuntimeError(f"reglament serve did not answer:\n{output}") from None
                time.sleep(0.2)
        yield base
    finally:
        if server.poll() is None:
            server.terminate()
            server.communicate(timeout=30)


@contextlib.contextmanager
def browser(width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A headless Chromium driven by Selenium through Debian's chromedriver (nothing is
    downloaded: Selenium Manager is not asked).

    Raises:
        BrowserMissing: no chromium or chromedriver on PATH, or no selenium.
    """
    found = {name: shutil.which(name) for name in (CHROMIUM, CHROMEDRIVER)}
    missing = [name for name, path in found.items() if path is None]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("selenium (Python)")
    if missing:
        raise BrowserMissing(f"{', '.join(missing)} not installed (hint: run `{SETUP_COMMAND}`, "
                             "which installs Debian's chromium and chromium-driver and the "
                             "test extra)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(found[CHROMIUM])
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1",
                     f"--window-size={width},{height}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(str(found[CHROMEDRIVER])))
    try:
        yield driver
    finally:
        driver.quit()


def main(argv: Sequence[str] | None = None) -> int:
    """Take the screenshots; the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img",
                        help="the directory the PNGs are written to (default docs/img)")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    try:
        with serve() as base, browser() as driver:
            for name, page in SCREENSHOTS.items():
                driver.get(base + page)
                target = options.out / name
                driver.save_screenshot(str(target))
                print(target)
    except BrowserMissing as error:
        print(f"catalogue_screenshots: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
