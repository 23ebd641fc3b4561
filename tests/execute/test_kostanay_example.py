"""The Kostanay example (issue 20, item 4): seed 000's year 2016 through the cohort API into a
journal, whose report gives back every figure of the seed the journal can hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from examples.kostanay.cohorts import PLAN, TOTAL, scaled
from examples.kostanay_report import SEED_000, figures, report_of

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "kostanay_report.py"


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
    assert result.stdout.splitlines()[2:5] == [
        f"{key}: report {value}; seed 000 {value}: =" for key, value in list(SEED_000.items())[:3]]
    # The HTML, with seed 000's own texts of sections 2 1) and 2 3) (report-input.yaml).
    html = (tmp_path / "kostanay-2016.html").read_text(encoding="utf-8")
    for quoted in ("Қостанай ауданы әкімдігінің «Білім бөлімі» мемлекеттік мекемесінде орналасқан",
                   "опубликование информации по государственной услуге в печатных изданиях"):
        assert quoted in html
    assert html.index('<article class="report" lang="kk">') < html.index('lang="ru">')


def test_the_same_seed_gives_the_same_journal(tmp_path: Path) -> None:
    for run in ("a", "b"):
        subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / run)], cwd=tmp_path,
                       capture_output=True, timeout=300, check=True)
    first, second = (tmp_path / run / "kostanay-2016-figures.json" for run in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
