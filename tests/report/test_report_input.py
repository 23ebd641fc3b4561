"""`reglament report --input FILE` (`kind: report_input`): the texts of seed 000's sections
2-5 in every format, and the located errors of a broken or mismatched input file; the titles
of services, channels and late actors beside their ids. The journal is the one of
tests/report/journal_fixture.py (2019)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cli import app
from engine.report import INPUT_ITEMS, parse_period, read_report_input
from engine.spec import SpecErrors
from tests.report.journal_fixture import SPECS, build

ROOT = Path(__file__).resolve().parents[2]
INPUTS = Path(__file__).parent / "inputs"
PROVIDER = "kostanay-district-education"
STANDARD = ROOT / "specs" / "standards" / "externat-permission.yaml"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("report-input") / "cases.db")


def _run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["report", "--specs", str(SPECS), "--db", str(db),
                                      "--provider", PROVIDER, "--period", "2019", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_has_every_item_with_the_inputs_texts(db: Path) -> None:
    code, out, err = _run(db, "--input", str(INPUTS / "input-2019.yaml"), "--format", "json")
    assert code == 0, err
    sections = json.loads(out)["sections"]
    assert [s["item"] for s in sections] == list(INPUT_ITEMS)
    given = {s["item"]: s for s in sections if s["text_kk"]}
    assert sorted(given) == ["information_sources", "prospects", "transparency"]
    assert given["information_sources"]["text_ru"].startswith(
        "информационный стенд, находящийся в государственном учреждении «Отдел образования»")
    assert given["transparency"]["text_kk"].endswith("kostregion.kostanay.gov.kz. жариялау.")
    assert given["prospects"]["section"] == "s5"
    assert given["prospects"]["heading_kk"] == "Перспективалар"


def test_without_input_every_item_is_there_and_empty(db: Path) -> None:
    code, out, err = _run(db, "--format", "json")
    assert code == 0, err
    sections = json.loads(out)["sections"]
    assert len(sections) == len(INPUT_ITEMS)
    assert all(s["text_kk"] == s["text_ru"] == "" for s in sections)


def test_json_keeps_ids_and_adds_titles(db: Path) -> None:
    code, out, err = _run(db, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    office = next(t for t in data["terms"] if t["channel"] == "provider_office")
    assert (office["standard"], office["late_actors"]) == ("school-admission", "executor=1")
    assert office["channel_ru"] == "Канцелярия услугодателя"
    assert office["title_ru"].startswith("Прием документов и зачисление в организации образования")
    assert office["late_actors_ru"] == "Ответственный исполнитель услугодателя (1)"
    assert office["late_actors_kk"].endswith("(1)")
    assert "executor" not in office["late_actors_kk"]
    channel = next(c for c in data["channels"] if c["channel"] == "gov_corp")
    assert channel["channel_kk"] == "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы"
    refusal = data["refusals"][0]
    assert refusal["standard"] == "school-admission"
    assert refusal["service_kk"]


def test_html_shows_titles_not_ids_and_the_texts_kazakh_first(db: Path) -> None:
    code, html, err = _run(db, "--input", str(INPUTS / "input-2019.yaml"))
    assert code == 0, err
    terms = html[html.index('<table class="report terms">'):]
    terms = terms[:terms.index("</table>")]
    for raw in ("school-admission", "provider_office", "gov_corp_operator", "executor"):
        assert f">{raw}<" not in terms
        assert f"{raw} (" not in terms
    assert "Көрсетілетін қызметті берушінің кеңсесі" in terms  # the Kazakh article first
    kk = html.index("Қостанай ауданы әкімдігінің «Білім бөлімі» мемлекеттік мекемесінде")
    ru = html.index("информационный стенд, находящийся в государственном учреждении")
    assert kk < ru
    assert "Увеличение доли заявлений через портал.<br>Обучение сотрудников." in html


def test_xlsx_and_csv_carry_the_sections(db: Path, tmp_path: Path) -> None:
    book_path = tmp_path / "r.xlsx"
    code, _, err = _run(db, "--input", str(INPUTS / "input-2019.yaml"), "--format", "xlsx",
                        "--out", str(book_path))
    assert code == 0, err
    rows = list(openpyxl.load_workbook(book_path)["sections"].values)
    assert rows[0] == ("item", "section", "heading_kk", "heading_ru", "text_kk", "text_ru")
    assert rows[1][0] == "information_sources"
    assert rows[1][5].startswith("информационный стенд")
    code, _, err = _run(db, "--input", str(INPUTS / "input-2019.yaml"), "--format", "csv",
                        "--out", str(tmp_path / "csv"))
    assert code == 0, err
    assert "Увеличение доли заявлений" in (tmp_path / "csv" / "sections.csv").read_text("utf-8")


@pytest.mark.parametrize(("name", "lines"), [
    ("broken-items.yaml", [
        'broken-items.yaml:3:9: period: expected a year like 2016 or days like '
        '2016-01-01..2016-06-30, got "2019-13" (hint: the period as `reglament report '
        '--period` takes it)',
        'broken-items.yaml:5:3: items.prospect: unknown key "prospect" (hint: did you mean '
        '"prospects"?)',
        'broken-items.yaml:7:5: items.transparency: missing translation: the Russian (ru) text '
        '(hint: every text needs both "kk" and "ru")',
        'broken-items.yaml:8:3: items.seminars: unknown key "seminars" (hint: expected one of: '
        'agency_control, information_sources, legislation, optimisation, prospects, '
        'public_discussions, public_monitoring, qualification, transparency)']),
    ("other-provider.yaml", [
        'other-provider.yaml:2:11: provider: this input is for provider "aktobe-education", the '
        'report for "kostanay-district-education" (hint: give the input file of '
        'kostanay-district-education, or --provider aktobe-education)']),
    ("other-period.yaml", [
        "other-period.yaml:3:9: period: this input is for the period 2019-01-01..2019-06-30, "
        "the report for 2019 (hint: give the input file of 2019, or --period "
        "2019-01-01..2019-06-30)"]),
    ("not-yaml.yaml", ["not-yaml.yaml:4:1: YAML syntax error: did not find expected ',' or ']'"]),
])
def test_a_broken_input_is_located_errors_and_exit_1(db: Path, name: str,
                                                    lines: list[str]) -> None:
    code, out, err = _run(db, "--input", str(INPUTS / name))
    assert code == 1
    assert out == ""
    prefix = f"{INPUTS}/"
    assert err.splitlines() == [prefix + line for line in lines] + [
        f"reglament report: --input: {INPUTS / name} has {len(lines)} error(s)"]
    assert "Traceback" not in err


def test_another_kind_of_spec_is_not_an_input(db: Path) -> None:
    with pytest.raises(SpecErrors) as raised:
        read_report_input(STANDARD, PROVIDER, parse_period("2019"))
    (error,) = raised.value.errors
    assert str(error).startswith(f"{STANDARD}:")
    assert 'kind: expected kind report_input, got "standard"' in str(error)
    code, _, err = _run(db, "--input", str(STANDARD))
    assert code == 1
    assert str(error) in err


def test_a_missing_input_file_exits_2(db: Path, tmp_path: Path) -> None:
    code, _, err = _run(db, "--input", str(tmp_path / "none.yaml"))
    assert code == 2
    assert f"--input: no file at {tmp_path / 'none.yaml'}" in err


def test_check_accepts_the_kind() -> None:
    for path in (ROOT / "examples" / "kostanay" / "report-input.yaml", INPUTS / "input-2019.yaml"):
        result = CliRunner().invoke(app, ["check", str(path)])
        assert result.exit_code == 0, result.stdout + result.stderr
        assert "0 error(s), 0 warning(s)" in result.stdout


def test_the_schema_names_every_item_of_the_seed() -> None:
    schema = json.loads((ROOT / "engine" / "spec" / "schemas" / "report_input.json").read_text())
    assert list(schema["properties"]["items"]["properties"]) == list(INPUT_ITEMS)
