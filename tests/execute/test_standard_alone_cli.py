"""`reglament run`, `case`, `render` and `diagram` on a standard alone (issue 17): golden
timeline (text and JSON) and receipt of a case on the process the standard implies, its
label everywhere, and a due date for every service of the real specs in force today."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner, Result

from cli import app
from engine.calendar import default_calendar, from_micros, reception_windows, to_micros
from engine.corpus import load_corpus
from engine.spec import Standard, is_valid_on

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = ROOT / "tests" / "data" / "national"
GOLDEN = Path(__file__).parent / "golden"
SPECS = ROOT / "specs"
CALENDAR = default_calendar()
TODAY = dt.date(2026, 12, 7)  # tests/conftest.py
runner = CliRunner()

#: A receipt at the State Corporation, before any regulation of the test data is in force.
CASE = ["teacher-attestation", "--channel", "gov_corp", "--received",
        "2024-03-04T10:00:00+05:00", "--specs", str(NATIONAL)]
LABEL_KK = "рәсімдер ешбір мәтінде белгіленбеген"
LABEL_RU = "процедуры не установлены ни одним текстом"


def reglament(*args: str) -> Result:
    return runner.invoke(app, list(args))


def golden(name: str, text: str, regen: bool) -> None:
    path = GOLDEN / name
    if regen:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no {name}: run pytest with --regen-golden and review it"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs: run pytest {__file__} --regen-golden and review git diff")


def written(directory: Path) -> Path:
    (path,) = directory.iterdir()
    return path


def test_the_timeline_as_text_matches_its_golden_file(regen_golden: bool) -> None:
    result = reglament("run", *CASE)
    assert result.exit_code == 0, result.output
    assert "steps      steps not given by any text" in result.stdout
    assert LABEL_KK in result.stdout
    assert LABEL_RU in result.stdout
    golden("implied-run.txt", result.stdout, regen_golden)


def test_the_timeline_as_json_matches_its_golden_file(regen_golden: bool) -> None:
    result = reglament("run", *CASE, "--outcome", "render=refused", "--ground",
                       "unreliable_documents", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["regulation"]["implied"] is True
    assert data["regulation"]["label"]["en"].startswith("steps not given by any text: ")
    assert data["status"] == "refusal"
    golden("implied-run.json", result.stdout, regen_golden)


def test_the_receipt_matches_its_golden_file(tmp_path: Path, regen_golden: bool) -> None:
    result = reglament("render", "--doc", "receipt", "--out", str(tmp_path), *CASE)
    assert result.exit_code == 0, result.output
    html = written(tmp_path).read_text(encoding="utf-8")
    assert LABEL_KK in html
    assert LABEL_RU in html
    assert "2024 жылғы 7 наурыз, 20:00" in html  # 3 wd after the day of acceptance
    golden("implied-receipt.interlinear.html", html, regen_golden)


def test_every_document_of_an_implied_case_carries_the_label(tmp_path: Path) -> None:
    for doc, extra in (("notification", []), ("refusal", ["--outcome", "render=refused",
                                                          "--ground", "requirements_not_met"]),
                       ("refusal-to-accept", ["--documents", ""])):
        out = tmp_path / doc
        result = reglament("render", "--doc", doc, "--out", str(out), *CASE, *extra)
        assert result.exit_code == 0, result.output
        html = written(out).read_text(encoding="utf-8")
        assert LABEL_KK in html, doc
        assert LABEL_RU in html, doc


def test_a_case_on_national_rules_has_no_label(tmp_path: Path) -> None:
    result = reglament("run", "teacher-attestation", "--channel", "provider_office", "--received",
                       "2025-09-03T10:00:00+05:00", "--outcome", "review=accept", "--specs",
                       str(NATIONAL))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "case simulation: teacher-attestation (2024-01-03), regulation "
        "national-teacher-attestation (2025-01-01, national)")
    assert "not given by any text" not in result.stdout


def test_case_show_and_overdue_say_the_steps_are_given_by_no_text(tmp_path: Path) -> None:
    db = str(tmp_path / "cases.db")
    opened = reglament("case", "open", "--db", db, "--case", "c1", "--service",
                       "teacher-attestation", "--channel", "gov_corp", "--received",
                       "2024-03-04T10:00:00+05:00", "--applicant", "000101500001",
                       "--documents", "application", "--specs", str(NATIONAL))
    assert opened.exit_code == 0, opened.output
    shown = reglament("case", "show", "--db", db, "--case", "c1", "--specs", str(NATIONAL))
    assert shown.exit_code == 0, shown.output
    assert "steps      steps not given by any text" in shown.stdout
    assert "  receive  gov_corp  2024-03-04 Mon 10:00" in shown.stdout
    late = reglament("case", "overdue", "--db", db, "--at", "2024-03-12T10:00:00+05:00",
                     "--specs", str(NATIONAL))
    assert late.exit_code == 0, late.output
    assert late.stdout.splitlines()[0] == (
        "case c1: teacher-attestation, gov_corp (steps not given by any text)")
    data = json.loads(reglament("case", "overdue", "--db", db, "--at",
                                "2024-03-12T10:00:00+05:00", "--json", "--specs",
                                str(NATIONAL)).stdout)
    assert data["cases"][0]["implied"] is True


@pytest.mark.parametrize("fmt", ["svg", "dot", "mermaid", "bpmn"])
@pytest.mark.parametrize(("lang", "label"), [("kk", LABEL_KK), ("ru", LABEL_RU)])
def test_the_diagram_of_an_implied_process_is_labelled(fmt: str, lang: str, label: str) -> None:
    result = reglament("diagram", "teacher-attestation", "--on", "2024-03-04", "--channel",
                       "gov_corp", "--format", fmt, "--lang", lang, "--specs", str(NATIONAL))
    assert result.exit_code == 0, result.output
    assert label in result.stdout
    national = reglament("diagram", "teacher-attestation", "--on", "2025-09-03", "--channel",
                         "provider_office", "--format", fmt, "--lang", lang, "--specs",
                         str(NATIONAL))
    assert national.exit_code == 0, national.output
    assert label not in national.stdout


def _inside_reception(standard: Standard, channel: str, after: dt.datetime) -> dt.datetime:
    """The first moment at or after `after` at which the channel takes an application."""
    info = standard.channels[channel]
    if CALENDAR.schedule(info.schedule).intake == "always":
        return after
    windows = reception_windows(CALENDAR, info.reception or info.schedule)
    moment = to_micros(after)
    if not windows.contains(moment):
        following = windows.next_start(moment)
        assert following is not None
        moment = following
    return from_micros(moment, CALENDAR.timezone)


def _offers_in_force(day: dt.date) -> list[tuple[str, str]]:
    corpus = load_corpus([SPECS])
    return sorted((s.id, channel) for s in corpus.standards if is_valid_on(s, day)
                  for channel in s.channels)


#: The real moment the tests run (not REGLAMENT_TODAY): "today works" on the day anybody runs them.
_NOW = dt.datetime.now(ZoneInfo("Asia/Almaty")).replace(second=0, microsecond=0)


@pytest.mark.parametrize(("moment", "day"), [
    ("2026-12-07T10:00:00+05:00", TODAY), ("2027-03-03T10:00:00+05:00", dt.date(2027, 3, 3)),
    (_NOW.isoformat(), _NOW.date())], ids=["2026-12-07", "2027-03-03", "now"])
def test_every_service_in_force_runs_with_a_due_date(moment: str, day: dt.date) -> None:
    offers = _offers_in_force(day)
    assert offers, "no service of specs/ is in force"
    corpus = load_corpus([SPECS])
    for service, channel in offers:
        standard = corpus.standard_on(service, day)
        assert standard is not None
        received = _inside_reception(standard, channel, dt.datetime.fromisoformat(moment))
        result = reglament("run", service, "--channel", channel, "--received",
                           received.isoformat(), "--json")
        assert result.exit_code == 0, (service, channel, result.output)
        data = json.loads(result.stdout)
        assert data["due"] is not None, (service, channel)
        assert data["status"] in ("result", "refusal"), (service, channel)
