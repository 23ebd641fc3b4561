"""Issue 17, item 3: the catalogue of seed 000 and `reglament catalog`.

The counts of the catalogue's entries against the report's own (seed 000, p. 1 2)), the
versions it shows on a day, golden text, JSON and CSV of `reglament catalog --on 2026-12-07`
(regenerate with `--regen-golden` and read the diff), and its usage errors.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from engine.corpus import load_corpus
from engine.corpus.catalog_listing import list_catalogs
from engine.verify import check_corpus
from tests.conftest import ROOT, SPECS, TODAY

GOLDEN = Path(__file__).with_name("golden")
CATALOG = "kostanay-district-education"
runner = CliRunner()

#: What the entries count, and what the report says (seed 000, p. 1 2)); the difference is
#: explained in specs/README.md, "The catalogue of seed 000".
ENTRIES = {"services": 23, "free": 23, "paper_only": 8, "alternative": 10,
           "state_corporation_and_portal": 5}
REPORT = {"services": 23, "free": 23, "paper_only": 9, "alternative": 10,
          "state_corporation_and_portal": 4}


def _listing(day: dt.date):  # type: ignore[no-untyped-def]
    listings = list_catalogs(load_corpus([SPECS]), day)
    return next(x for x in listings if x.catalog is not None and x.catalog.id == CATALOG)


def test_the_catalogue_counts_the_23_services_of_seed_000() -> None:
    listing = _listing(dt.date(2026, 12, 7))
    assert [row.number for row in listing.rows] == list(range(1, 24))
    assert listing.counts() == ENTRIES
    assert listing.catalog is not None
    assert dict(listing.catalog.counts) == REPORT


def test_the_difference_from_the_report_is_explained() -> None:
    readme = (SPECS / "README.md").read_text(encoding="utf-8")
    assert "## The catalogue of seed 000" in readme
    assert "8 / 10 / 5" in readme
    assert "9 / 10 / 4" in readme


def test_every_standard_of_the_corpus_but_one_is_an_entry() -> None:
    listings = list_catalogs(load_corpus([SPECS]), dt.date(2026, 12, 7))
    others = [x for x in listings if x.catalog is None]
    assert [row.standard for x in others for row in x.rows] == ["school-transfer"]
    named = [row.standard for row in _listing(dt.date(2026, 12, 7)).rows if row.standard]
    assert len(named) == len(set(named)) == 9


def test_an_entry_shows_the_version_in_force_on_the_day() -> None:
    def duplicates(day: dt.date):  # type: ignore[no-untyped-def]
        return next(r for r in _listing(day).rows if r.standard == "education-document-duplicates")
    old, new = duplicates(dt.date(2020, 1, 10)), duplicates(dt.date(2026, 12, 7))
    assert (old.valid_from, old.valid_to) == (dt.date(2018, 7, 31), dt.date(2024, 1, 2))
    assert (new.valid_from, new.valid_to) == (dt.date(2024, 1, 3), None)
    assert old.status == new.status == "in_force"
    before = duplicates(dt.date(2017, 1, 1))
    assert before.status == "not_yet_in_force"
    assert "not_yet_in_force" in before.missing
    assert before.terms == ()


def test_a_catalogue_entry_without_a_standard_lacks_everything() -> None:
    row = _listing(dt.date(2026, 12, 7)).rows[0]
    assert row.standard is None
    assert row.status == "no_standard"
    assert row.missing == ("no_standard", "no_register_code", "no_channels", "no_terms",
                           "no_documents", "no_results", "no_refusal_grounds", "no_steps")
    assert row.title.ru == "Выдача справок по опеке и попечительству"


def test_the_check_of_the_corpus_with_its_catalogue_has_no_error() -> None:
    report = check_corpus([SPECS])
    assert not report.failed()
    catalog_findings = [f for f in report.findings if "catalogs" in f.location.path]
    assert catalog_findings == []


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_golden_catalog(fmt: str, regen_golden: bool) -> None:
    result = runner.invoke(app, ["catalog", "--on", "2026-12-07", "--specs", str(SPECS),
                                 "--format", fmt])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"catalog-2026-12-07.{fmt}"
    if regen_golden:
        golden.write_text(result.stdout, encoding="utf-8")
        return
    assert result.stdout == golden.read_text(encoding="utf-8")
    again = runner.invoke(app, ["catalog", "--on", "2026-12-07", "--specs", str(SPECS),
                                "--format", fmt])
    assert again.stdout == result.stdout


def test_json_is_sorted_and_carries_the_counts() -> None:
    result = runner.invoke(app, ["catalog", "--on", "2026-12-07", "--specs", str(SPECS),
                                 "--format", "json"])
    data = json.loads(result.stdout)
    assert result.stdout == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ours = next(c for c in data["catalogs"] if c["catalog"] and c["catalog"]["id"] == CATALOG)
    assert ours["counts"] == ENTRIES
    assert ours["catalog"]["source_counts"] == REPORT


def test_today_is_regl_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGLAMENT_TODAY", TODAY)
    default = runner.invoke(app, ["catalog", "--specs", str(SPECS)])
    dated = runner.invoke(app, ["catalog", "--specs", str(SPECS), "--on", TODAY])
    assert default.exit_code == dated.exit_code == 0
    assert default.stdout == dated.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--on", "7.12.2026"], '--on expects a date like 2026-12-07, got "7.12.2026"'),
    (["--specs", "no-such-directory"], "no specs directory at no-such-directory"),
])
def test_usage_errors(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["catalog", *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_specs_with_errors_stop_the_listing(tmp_path: Path) -> None:
    broken = ROOT / "tests" / "data" / "invalid" / "catalog-unknown-standard"
    for path in broken.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    result = runner.invoke(app, ["catalog", "--specs", str(tmp_path)])
    assert result.exit_code == 1
    assert 'unknown standard "preschool-queu"' in result.stderr
    assert result.stdout == ""
