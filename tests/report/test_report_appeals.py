"""A real complaint, filed and decided with `reglament case appeal*` into a journal, shows in
`reglament report`'s complaints appendix with seed 000's seven columns filled, and a
complaint decided after its due instant is marked late (issue 20: "an appeal that is late
shows as overdue")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from tests.report.journal_fixture import IIN, SPECS

PROVIDER = "kostanay-district-education"
runner = CliRunner()


def _case(*args: str) -> None:
    result = runner.invoke(app, ["case", *args, "--specs", str(SPECS)])
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("appeals") / "cases.db"
    journal = ("--db", str(path))
    _case("open", *journal, "--case", "c1", "--service", "school-admission", "--channel",
          "provider_office", "--received", "2019-03-12T10:00:00+06:00", "--applicant", IIN,
          "--documents", "application")
    # Law 88-V Art. 25: five working days at the provider — due 28 March (Nauryz between)
    _case("appeal", *journal, "--case", "c1", "--appeal", "A-1", "--body", "provider",
          "--complainant", "Иванов И.", "--substance", "мерзімі бұзылды / нарушен срок",
          "--at", "2019-03-18T10:00:00+06:00", "--by", "clerk-3")
    _case("appeal-decide", *journal, "--case", "c1", "--appeal", "A-1", "--decision",
          "rejected", "--document", "12-3/45", "--examined-by", "басшы Сәрсенов Қ.",
          "--at", "2019-03-25T11:00:00+06:00", "--by", "head-1")
    # fifteen working days at the agency, from 1 April: due 22 April; decided in May, late
    _case("appeal", *journal, "--case", "c1", "--appeal", "A-2", "--body", "quality_agency",
          "--complainant", "Петрова А.", "--substance", "отказ без основания",
          "--at", "2019-04-01T10:00:00+06:00", "--by", "clerk-3")
    _case("appeal-decide", *journal, "--case", "c1", "--appeal", "A-2", "--decision",
          "partly_satisfied", "--document", "КК-7", "--examined-by", "agency-1",
          "--at", "2019-05-20T11:00:00+06:00", "--by", "agency-1")
    _case("appeal-revise", *journal, "--case", "c1", "--appeal", "A-1", "--revision",
          "уәкілетті орган күшін жойды / отменено уполномоченным органом",
          "--at", "2019-05-22T11:00:00+06:00", "--by", "lawyer-1")
    return path


def _report(db: Path, *args: str) -> str:
    result = runner.invoke(app, ["report", "--specs", str(SPECS), "--db", str(db),
                                 "--provider", PROVIDER, "--period", "2019", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_json_complaints_table_has_both_with_seven_columns_filled(db: Path) -> None:
    rows = json.loads(_report(db, "--format", "json"))["complaints"]
    assert rows == [
        {"complainant": "Иванов И.", "substance": "мерзімі бұзылды / нарушен срок",
         "body": "басшы Сәрсенов Қ.", "examined": "2019-03-25", "document": "12-3/45",
         "decision": "rejected",
         "revision": "уәкілетті орган күшін жойды / отменено уполномоченным органом",
         "case": "c1", "appeal": "A-1", "late": False},
        {"complainant": "Петрова А.", "substance": "отказ без основания", "body": "agency-1",
         "examined": "2019-05-20", "document": "КК-7", "decision": "partly_satisfied",
         "revision": "", "case": "c1", "appeal": "A-2", "late": True}]
    first = rows[0]
    assert all(first[column] for column in ("complainant", "substance", "body", "examined",
                                            "document", "decision", "revision"))


def test_the_html_marks_the_late_one_in_kk_and_ru(db: Path) -> None:
    html = _report(db, "--format", "html", "--lang", "kk,ru")
    for words in ("Иванов И.", "12-3/45", "қанағаттандырусыз қалдырылды",
                  "оставлена без удовлетворения", "отменено уполномоченным органом"):
        assert words in html
    assert html.count("2019-05-20 (мерзімі өткен)") == 1
    assert html.count("2019-05-20 (просрочено)") == 1
    assert "2019-03-25 (" not in html
