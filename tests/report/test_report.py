"""`reglament report` on a small journal of 2019 built through the library
(tests/report/journal_fixture.py, whose docstring works the figures by hand)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pypdf
import pytest
from typer.testing import CliRunner

from cli import app
from engine.cases import Journal
from engine.report import (
    COMPLAINT_COLUMNS,
    ProviderReport,
    complaint_rows,
    parse_period,
    read_report_input,
    report_labels,
)
from engine.report import provider_report as compute
from renderers.reports import report_html
from tests.report.journal_fixture import SPECS, build, executor

GOLDEN = Path(__file__).parent / "golden"
INPUT = Path(__file__).parent / "inputs" / "input-2019.yaml"
PROVIDER = "kostanay-district-education"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("report") / "cases.db")


@pytest.fixture(scope="module")
def report(db: Path) -> ProviderReport:
    with Journal(db, readonly=True) as journal:
        return compute(journal, executor(), PROVIDER, parse_period("2019"))


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["report", "--specs", str(SPECS), *args])
    return result.exit_code, result.stdout, result.stderr


def test_figures_are_the_hand_worked_ones(db: Path) -> None:
    code, out, err = _run("--db", str(db), "--provider", PROVIDER, "--period", "2019",
                          "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["cases"] == 6
    assert data["channel_groups"] == {"provider": 4, "portal": 1, "state_corporation": 1}
    assert data["counts"]["services"] == 23
    assert data["counts"]["free"] == 23
    assert [(t["standard"], t["cases"]) for t in data["top"]] == [
        ("school-admission", 5), ("externat-permission", 1)]
    assert [(m["month"], m["provider"] + m["portal"] + m["state_corporation"])
            for m in data["months"] if m["provider"] + m["portal"] + m["state_corporation"]] == [
        ("2019-03", 1), ("2019-04", 1), ("2019-05", 2), ("2019-06", 1), ("2019-09", 1)]
    office = next(t for t in data["terms"] if t["channel"] == "provider_office")
    assert (office["met"], office["missed"], office["open"]) == (2, 1, 0)
    assert office["late_actors"] == "executor=1"
    assert [(r["kind"], r["ground"], r["cases"]) for r in data["refusals"]] == [
        ("acceptance", "Law 88-V, art. 19", 1), ("reasoned", "requirements_not_met", 1)]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_html_matches_golden(report: ProviderReport, lang: str, regen_golden: bool) -> None:
    """With the input file's texts in sections 2-5 and the titles of services, channels and
    late actors (the CLI's `--input`, which test_report_input.py runs)."""
    texts = read_report_input(INPUT, PROVIDER, report.period).texts
    labels = report_labels(executor().corpus, report)
    html = report_html(report, (lang,), texts, labels)
    path = GOLDEN / f"report-2019-{lang}.html"
    if regen_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(html, encoding="utf-8")
    assert html == path.read_text(encoding="utf-8")
    assert html == report_html(report, (lang,), texts, labels)  # the same input, the same bytes


def test_pdf_pages_keep_kazakh_letters(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    code, _, err = _run("--db", str(db), "--provider", PROVIDER, "--period", "2019",
                        "--format", "pdf", "--out", str(out))
    assert code == 0, err
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    for letter in "әғқңөұүі":
        assert letter in text
    again = tmp_path / "again.pdf"
    _run("--db", str(db), "--provider", PROVIDER, "--period", "2019", "--format", "pdf",
         "--out", str(again))
    assert out.read_bytes() == again.read_bytes()


def test_complaints_table_has_the_seed_columns_in_order(report: ProviderReport) -> None:
    assert [name for name, _ in COMPLAINT_COLUMNS] == [
        "complainant", "substance", "body", "examined", "document", "decision", "revision"]
    assert COMPLAINT_COLUMNS[0][1].kk == "Шағым түсіруші туралы мәлімет"
    assert COMPLAINT_COLUMNS[6][1].ru == "Сведения о пересмотре принятого решения"
    html = report_html(report, ("ru",))
    heads = [title.ru for _, title in COMPLAINT_COLUMNS]
    positions = [html.index(h) for h in heads]
    assert positions == sorted(positions)


class _Appeal:
    def __init__(self, decided: int | None) -> None:
        self.appeal, self.body, self.complainant, self.substance = "a1", "provider", "Ж.", "s"
        self.filed, self.due, self.decided = 100, 200, decided
        self.decision, self.document, self.examined_by, self.revision = (
            "rejected" if decided else None, "№1" if decided else None, None, None)


def test_a_late_appeal_shows_late() -> None:
    (late,) = complaint_rows("c", [_Appeal(300)], 0, 1_000)
    (open_late,) = complaint_rows("c", [_Appeal(None)], 0, 1_000)
    (in_time,) = complaint_rows("c", [_Appeal(150)], 0, 1_000)
    assert late.late
    assert open_late.late
    assert not in_time.late
    assert complaint_rows("c", [_Appeal(150)], 500, 1_000) == []


@pytest.mark.parametrize(("args", "message"), [
    (("--provider", "nobody", "--period", "2019"), 'no provider "nobody"'),
    (("--provider", PROVIDER, "--period", "19"), "--period: expected a year"),
    (("--provider", PROVIDER, "--period", "2019-05-01..2019-04-01"), "ends before it begins"),
])
def test_bad_options_exit_2(db: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = _run("--db", str(db), *args)
    assert code == 2
    assert message in err
    assert out == ""


def test_a_missing_journal_exits_2(tmp_path: Path) -> None:
    code, _, err = _run("--db", str(tmp_path / "none.db"), "--provider", PROVIDER,
                        "--period", "2019")
    assert code == 2
    assert "no journal at" in err


def test_xlsx_has_a_sheet_per_table_and_the_same_bytes(db: Path, tmp_path: Path) -> None:
    paths = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    for path in paths:
        code, _, err = _run("--db", str(db), "--provider", PROVIDER, "--period", "2019",
                            "--format", "xlsx", "--out", str(path))
        assert code == 0, err
    assert paths[0].read_bytes() == paths[1].read_bytes()
    book = openpyxl.load_workbook(paths[0])
    assert book.sheetnames == ["services", "top", "channels", "months", "terms", "refusals",
                               "complaints", "sections"]
    assert [c.value for c in book["complaints"][1]][:7] == [
        "complainant", "substance", "body", "examined", "document", "decision", "revision"]
