"""`reglament render`: documents of a service or a case, written into a directory.

Cases come from `reglament run`'s options on the project's specs (the Aktobe regulations,
in force in 2019) or from a journal opened with `reglament case open` on
`tests/execute/data/` (the same service, in force in 2024). Every bad input is one line on
stderr with its exit code, and nothing is written.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner, Result

from cli import app
from tests.render.cases import RECEIVED, ROOT

DATA = ROOT / "tests" / "execute" / "data"
IIN = "860306300458"
runner = CliRunner()
OFFICE = ["--channel", "provider_office", "--received", RECEIVED]


def render(out: Path, *args: str, specs: Path | None = None) -> Result:
    return runner.invoke(app, ["render", *args, "--out", str(out),
                               *(["--specs", str(specs)] if specs else [])])


def written(result: Result) -> Path:
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    path = Path(lines[0])
    assert path.is_file()
    return path


def refused(result: Result, code: int, message: str, out: Path) -> None:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0], lines[0]
    assert lines[0].startswith("reglament render: ")
    assert "Traceback" not in result.output
    assert not out.exists() or list(out.iterdir()) == []


# the happy paths ------------------------------------------------------------------------


def test_the_passport_of_a_service_is_written_one_per_language(tmp_path: Path) -> None:
    path = written(render(tmp_path, "preschool-queue", "--doc", "passport"))
    assert path == tmp_path / "preschool-queue-passport.html"
    html = path.read_text(encoding="utf-8")
    assert html.count("<article") == 2  # separate: seed 004 publishes a passport per language
    assert "Мемлекеттік көрсетілетін қызмет паспорты" in html
    assert "Паспорт государственной услуги" in html
    assert "30 (отыз) минут" in html
    assert "30 (тридцать) минут" in html


def test_a_regulation_id_or_file_gives_the_passport_of_its_standard(tmp_path: Path) -> None:
    by_service = written(render(tmp_path / "a", "school-admission", "--doc", "passport"))
    by_regulation = written(render(tmp_path / "b", "aktobe-school-admission", "--doc", "passport"))
    by_file = written(render(tmp_path / "c", str(ROOT / "specs" / "standards" /
                                                 "school-admission.yaml"), "--doc", "passport"))
    assert by_service.read_bytes() == by_regulation.read_bytes() == by_file.read_bytes()


def test_a_receipt_promises_the_engines_due_instant(tmp_path: Path) -> None:
    path = written(render(tmp_path, "education-document-duplicates", "--doc", "receipt",
                          "--channel", "gov_corp", "--received", RECEIVED))
    assert path.name == "education-document-duplicates-receipt.html"
    html = path.read_text(encoding="utf-8")
    # 15 working days on the State Corporation's six-day week, the day of acceptance not counted
    assert "2019 жылғы 23 қыркүйек, 20:00" in html  # 15 wd on the legal five-day week
    assert "23 сентября 2019 года, 20:00" in html
    assert "<span lang=\"kk\">1 (бір)</span> / <span lang=\"ru\">1 (один)</span>" in html
    assert "день приема не входит в срок" in html


def test_a_reasoned_refusal_cites_its_ground_and_the_appeal_terms(tmp_path: Path) -> None:
    path = written(render(tmp_path, "school-admission", "--doc", "refusal", *OFFICE,
                          "--outcome", "review=refuse", "--ground", "requirements_not_met",
                          "--layout", "columns"))
    html = path.read_text(encoding="utf-8")
    assert "подпункт 2) пункта 2 статьи 19-1 Закона «О государственных услугах»" in html
    assert "19-1-бабы 2-тармағының 2) тармақшасы" in html
    assert "в течение 5 (пяти) рабочих дней" in html
    assert "15 (он бес) жұмыс күні ішінде" in html
    assert '<td lang="kk">' in html


def test_an_application_is_blank_or_filled_from_the_case(tmp_path: Path) -> None:
    blank = written(render(tmp_path / "blank", "school-admission", "--doc", "application",
                           "--channel", "provider_office")).read_text(encoding="utf-8")
    assert 'class="box"' in blank
    assert IIN not in blank
    assert "ӨТІНІШ" in blank
    assert "ЗАЯВЛЕНИЕ" in blank
    filled = written(render(tmp_path / "filled", "school-admission", "--doc", "application",
                            *OFFICE, "--applicant", IIN)).read_text(encoding="utf-8")
    assert IIN in filled
    assert 'class="box"' not in filled
    assert "2019 жылғы 2 қыркүйек, 10:00" in filled


def test_a_refusal_to_accept_names_the_missing_documents_and_the_article(tmp_path: Path) -> None:
    html = written(render(tmp_path, "school-admission", "--doc", "refusal-to-accept", *OFFICE,
                          "--documents", "")).read_text(encoding="utf-8")
    assert "статья 19 Закона Республики Казахстан «О государственных услугах»" in html
    assert "заявление согласно приложению 1 к Стандарту" in html


def test_a_service_without_a_regulation_has_its_documents_from_the_implied_process(
        tmp_path: Path) -> None:
    queue = "2024-09-02T10:00:00+05:00"  # the queue's wording of 2020 is in force
    html = written(render(tmp_path, "preschool-queue", "--doc", "receipt", "--channel",
                          "gov_corp", "--received", queue)).read_text(encoding="utf-8")
    assert "2024 жылғы 2 қыркүйек, 10:30" in html  # 30 minutes, as the passport says
    assert "рәсімдер ешбір мәтінде белгіленбеген" in html
    assert "процедуры не установлены ни одним текстом" in html
    out = tmp_path / "refusal"
    refused(render(out, "preschool-queue", "--doc", "refusal", "--channel", "gov_corp",
                   "--received", queue), 1,
            "the simulated case ended with its result: a reasoned refusal is issued only for "
            "a case refused with a ground (hint: --doc notification)", out)
    html = written(render(out, "preschool-queue", "--doc", "refusal", "--channel", "gov_corp",
                          "--received", queue, "--outcome", "render=refused", "--ground",
                          "no_consent")).read_text(encoding="utf-8")
    assert "процедуры не установлены ни одним текстом" in html


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    db = tmp_path / "cases.db"
    for case, documents in (("2024-0001", "application"), ("2024-0002", "")):
        result = runner.invoke(app, [
            "case", "open", "--db", str(db), "--case", case, "--service", "school-admission",
            "--channel", "provider_office", "--received", "2024-03-20T17:00:00+05:00",
            "--applicant", IIN, "--documents", documents, "--specs", str(DATA)])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["case", "act", "--db", str(db), "--case", "2024-0001",
                                 "--step", "register", "--at", "2024-03-20T17:03:00+05:00",
                                 "--by", "clerk-12", "--specs", str(DATA)])
    assert result.exit_code == 0, result.output
    return db


def test_documents_of_a_case_in_a_journal(tmp_path: Path, journal: Path) -> None:
    out = tmp_path / "out"
    path = written(render(out, "school-admission", "--doc", "receipt", "--db", str(journal),
                          "--case", "2024-0001", specs=DATA))
    assert path == out / "2024-0001-receipt.html"
    html = path.read_text(encoding="utf-8")
    assert "2024 жылғы 20 наурыз, 17:30" in html  # the case's term, as the journal keeps it
    assert IIN in html
    assert '<span class="name">clerk-12</span>' in html  # who registered it
    refusal = written(render(out, "school-admission", "--doc", "refusal-to-accept", "--db",
                             str(journal), "--case", "2024-0002", specs=DATA))
    assert "2024-0002" in refusal.read_text(encoding="utf-8")


def test_a_pdf_is_written_with_the_kazakh_letters_intact(tmp_path: Path) -> None:
    path = written(render(tmp_path, "school-admission", "--doc", "receipt", *OFFICE,
                          "--format", "pdf"))
    assert path.suffix == ".pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "ҚОЛХАТ" in text
    assert "РАСПИСКА" in text
    assert "қолы" in text
    assert "подпись" in text
    assert "Құжаттарды қабылдаған қызметкер" in " ".join(text.split())


def test_the_same_document_is_the_same_bytes_across_processes(tmp_path: Path) -> None:
    """Two processes with different hash seeds write the same file (no clock, no set order)."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run([sys.executable, "-m", "cli", "render", "preschool-queue", "--doc",
                        "passport", "--layout", "columns", "--out", str(out)], check=True,
                       cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True)
        outputs.append((out / "preschool-queue-passport.html").read_bytes())
    assert outputs[0] == outputs[1]
    again = written(render(tmp_path / "3", "preschool-queue", "--doc", "passport", "--layout",
                           "columns"))
    assert again.read_bytes() == outputs[0]


# bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["preschool-queue", "--doc", "passport", "--lang", "en"], '--lang: expected kk, ru or kk,ru'),
    (["preschool-queue", "--doc", "passport", "--lang", ""], "--lang: expected"),
    (["preschool-queue", "--doc", "passport", "--layout", "columns", "--lang", "ru"],
     "--layout columns sets Kazakh and Russian side by side"),
    (["preschool-queue", "--doc", "passport", "--channel", "portal"],
     "the passport is made from the spec alone"),
    (["school-admission", "--doc", "receipt"], "--doc receipt is a document of a case"),
    (["school-admission", "--doc", "receipt", "--received", RECEIVED],
     "a simulated case needs --channel and --received"),
    (["school-admission", "--doc", "receipt", "--db", "x.db"],
     "a case from a journal needs both --db PATH and --case ID"),
    (["school-admission", "--doc", "receipt", "--db", "x.db", "--case", "c", *OFFICE],
     "give the case either from a journal"),
    (["no-such-service", "--doc", "passport"], 'no regulation or service "no-such-service"'),
    (["school-admission", "--doc", "application", "--channel", "mail"],
     '--channel: "mail" is not a channel of "school-admission"'),
    (["school-admission", "--doc", "receipt", "--channel", "provider_office", "--received",
      "2019-09-02T10:00:00"], "--received: "),
    (["school-admission", "--doc", "refusal", *OFFICE],
     'reaches a decision without an outcome: "review" (one of accept, refuse)'),
    (["school-admission", "--doc", "receipt", *OFFICE, "--applicant", "123"], "--applicant: "),
    (["school-admission", "--doc", "passport", "--templates", "/no/such/dir"],
     "no template directory at /no/such/dir"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    refused(render(tmp_path / "out", *args), 2, message, tmp_path / "out")


@pytest.mark.parametrize(("args", "message"), [
    (["--layout", "grid"], "grid"),
    (["--doc", "letter"], "letter"),
    (["--format", "docx"], "docx"),
])
def test_a_bad_choice_is_a_usage_error_without_traceback(tmp_path: Path, args: list[str],
                                                         message: str) -> None:
    base = {"--doc": "passport"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    result = render(tmp_path / "out", "preschool-queue", *[x for kv in base.items() for x in kv])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--doc", "receipt", *OFFICE, "--documents", ""],
     "the simulated case was refused to accept: a receipt is issued only for an accepted "
     "application (hint: --doc refusal-to-accept)"),
    (["--doc", "refusal", *OFFICE, "--outcome", "review=accept"],
     "the simulated case ended with its result: a reasoned refusal is issued only for a case "
     "refused with a ground"),
    (["--doc", "notification", *OFFICE, "--outcome", "review=refuse", "--ground",
      "unreliable_documents"], "the simulated case ended in a reasoned refusal: a notification"),
    (["--doc", "refusal-to-accept", *OFFICE, "--outcome", "review=accept"],
     "the simulated case ended with its result: a refusal to accept is issued only"),
])
def test_a_document_that_does_not_fit_the_case_is_refused(tmp_path: Path, args: list[str],
                                                          message: str) -> None:
    refused(render(tmp_path / "out", "school-admission", *args), 1, message, tmp_path / "out")


def test_a_journal_case_that_does_not_fit(tmp_path: Path, journal: Path) -> None:
    out = tmp_path / "out"
    refused(render(out, "school-admission", "--doc", "notification", "--db", str(journal),
                   "--case", "2024-0001", specs=DATA), 1, "case 2024-0001 is still open", out)
    refused(render(out, "school-admission", "--doc", "receipt", "--db", str(journal), "--case",
                   "2024-0009", specs=DATA), 1, "2024-0009", out)
    both = tmp_path / "specs"  # the journal's specs and another service's standard
    both.mkdir()
    for source in (DATA / "regulation.yaml", DATA / "standard.yaml", DATA / "schedules.yaml",
                   ROOT / "specs" / "standards" / "preschool-queue.yaml"):
        (both / source.name).write_bytes(source.read_bytes())
    refused(render(out, "preschool-queue", "--doc", "receipt", "--db", str(journal), "--case",
                   "2024-0001", specs=both), 2, 'case 2024-0001 is a case of "school-admission" '
            '(regulation "aktobe-school-admission"), not of "preschool-queue"', out)
    refused(render(out, "school-admission", "--doc", "receipt", "--db", str(tmp_path / "x.db"),
                   "--case", "2024-0001", specs=DATA), 2, "--db: no journal at", out)


def test_an_unsafe_author_template_is_refused(tmp_path: Path) -> None:
    templates = tmp_path / "mine" / "documents"
    templates.mkdir(parents=True)
    (templates / "receipt.html").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    refused(render(tmp_path / "out", "school-admission", "--doc", "receipt", *OFFICE,
                   "--templates", str(tmp_path / "mine")), 1,
            "documents/receipt.html: refused by the sandbox: access to attribute '__class__'",
            tmp_path / "out")
