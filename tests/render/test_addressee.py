"""The application is addressed to the provider's office when a catalogue of the specs names it
(seed 000: the Kostanay district education department), and to a blank line otherwise."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cli import app

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_KK = "Қостанай ауданы әкімдігінің «Білім бөлімі» мемлекеттік мекемесі"


def _application(tmp_path: Path, *args: str) -> str:
    done = CliRunner().invoke(app, ["render", *args, "--doc", "application", "--out",
                                    str(tmp_path)])
    assert done.exit_code == 0, done.output
    return next(tmp_path.glob("*application*.html")).read_text(encoding="utf-8")


def test_a_case_of_a_catalogued_service_is_addressed_to_its_provider(tmp_path: Path) -> None:
    html = _application(tmp_path, "preschool-queue", "--channel", "portal", "--received",
                        "2026-12-07T12:00:00+05:00")
    addressee = html[html.index('<div class="addressee">'):html.index("from_applicant") if
                     "from_applicant" in html else html.index('<div class="addressee">') + 3000]
    assert PROVIDER_KK in addressee
    assert "государственное учреждение «Отдел образования» акимата Костанайского района" in html


def test_a_blank_form_leaves_the_provider_to_fill_in(tmp_path: Path) -> None:
    html = _application(tmp_path, "preschool-queue")
    assert PROVIDER_KK not in html
