"""The Kostanay example (issue 20, item 4): seed 000's year 2016 through the cohort API into a
journal, whose report gives back every figure of the seed the journal can hold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from cli import app
from examples.kostanay.cohorts import PLAN, TOTAL, scaled
from examples.kostanay_report import REPORTS, SEED_000, figures, report_of

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "kostanay_report.py"
GOLDEN = ROOT / "tests" / "report" / "golden"


@pytest.fixture(scope="module")
def examples_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the example writes (its journal, figures and reports), made once."""
    out = tmp_path_factory.mktemp("kostanay")
    subprocess.run([sys.executable, str(SCRIPT), str(out)], cwd=out, capture_output=True,
                   timeout=300, check=True)
    return out


def test_the_plan_holds_the_seeds_figures() -> None:
    assert sum(p.count for p in PLAN) == TOTAL == 15_900
    by_channel = {c: sum(p.count for p in PLAN if p.channel == c)
                  for c in ("provider_office", "portal", "gov_corp")}
    assert by_channel == {"provider_office": 14_462, "portal": 1_247, "gov_corp": 191}
    assert [p.count for p in scaled(TOTAL)] == [p.count for p in PLAN]


def test_the_examples_report_reproduces_seed_000(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    report = report_of(tmp_path / "kostanay-2016.db")
    found = figures(report)
    assert found["cases"] == SEED_000["cases"] == 15_900
    assert found["channels"] == SEED_000["channels"]
    assert found["top"] == SEED_000["top"]
    # The catalogue's counts by form (specs/README.md, "The catalogue of seed 000"): the
    # seed gives 9 / 10 / 4 without saying which service is which; the assignment gives 8 / 10 / 5.
    assert found["counts"] == {"services": 23, "free": 23, "paper_only": 8, "alternative": 10,
                               "state_corporation_and_portal": 5}
    assert sum(m.provider + m.portal + m.state_corporation for m in report.months) == 15_900
    assert sum(t.met + t.missed for t in report.terms) == 15_900  # every case ended in 2016
    assert result.stdout.splitlines()[2:5] == [str(tmp_path / name) for name in REPORTS]
    assert result.stdout.splitlines()[5:8] == [
        f"{key}: report {value}; seed 000 {value}: =" for key, value in list(SEED_000.items())[:3]]
    # The HTML, with seed 000's own texts of sections 2 1) and 2 3) (report-input.yaml).
    kazakh = (tmp_path / "kostanay-2016-kk.html").read_text(encoding="utf-8")
    russian = (tmp_path / "kostanay-2016-ru.html").read_text(encoding="utf-8")
    assert "Қостанай ауданы әкімдігінің «Білім бөлімі» мемлекеттік мекемесінде орналасқан" in kazakh
    assert "опубликование информации по государственной услуге в печатных изданиях" in russian


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_examples_html_report_matches_golden(examples_out: Path, lang: str,
                                                 regen_golden: bool) -> None:
    html = (examples_out / f"kostanay-2016-{lang}.html").read_text(encoding="utf-8")
    golden = GOLDEN / f"kostanay-2016-{lang}.html"
    if regen_golden:
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8")
    assert "10582" in html  # the most demanded service, as seed 000 counts it


def test_the_examples_pdf_keeps_kazakh_letters_and_both_languages(examples_out: Path) -> None:
    text = "".join(p.extract_text() for p in pypdf.PdfReader(examples_out / "kostanay-2016.pdf").pages)
    for letter in "әғқңөұүі":
        assert letter in text
    assert text.index("Перспективалар") < text.index("Перспективы")  # kk, then ru


def test_the_same_seed_gives_the_same_journal_and_reports(examples_out: Path,
                                                          tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], cwd=tmp_path,
                   capture_output=True, timeout=300, check=True)
    for name in ["kostanay-2016-figures.json", *REPORTS]:
        assert (tmp_path / name).read_bytes() == (examples_out / name).read_bytes(), name


def test_reglament_report_takes_both_spec_roots(examples_out: Path) -> None:
    base = ["report", "--db", str(examples_out / "kostanay-2016.db"), "--provider",
            "kostanay-district-education-2016", "--period", "2016", "--format", "json",
            "--specs", str(ROOT / "specs")]
    result = CliRunner().invoke(app, [*base, "--specs", str(ROOT / "examples" / "kostanay" / "specs")])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["cases"] == 15_900
    assert data["channel_groups"] == SEED_000["channels"]
    missing = CliRunner().invoke(app, [*base, "--specs", str(examples_out / "no-such-specs")])
    assert missing.exit_code == 2
    assert "no specs directory at" in missing.stderr
    alone = CliRunner().invoke(app, base)  # the example's catalogue is in its own spec root
    assert alone.exit_code == 2
    assert '--provider: no provider "kostanay-district-education-2016"' in alone.stderr
