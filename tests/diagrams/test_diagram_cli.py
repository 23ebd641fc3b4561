"""`reglament diagram`: formats, where it writes, and one-line errors with exit 2."""

from __future__ import annotations

import importlib
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from tests.diagrams.exports_graphs import SPECS, graph

REGULATION = "aktobe-school-admission"
runner = CliRunner()


def diagram(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["diagram", *args])
    return result.exit_code, result.stdout, result.stderr


def test_one_channel_to_stdout_is_the_swimlane_svg() -> None:
    code, out, err = diagram(REGULATION, "--channel", "provider_office", "--lang", "ru")
    assert (code, err) == (0, "")
    root = ET.fromstring(out)
    assert root.get("lang") == "ru"
    assert "Справочник бизнес-процессов" in out


def test_every_channel_into_a_directory(tmp_path: Path) -> None:
    out_dir = tmp_path / "diagrams"
    code, out, err = diagram(REGULATION, "--out", str(out_dir))
    assert (code, err) == (0, "")
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == [f"{REGULATION}.portal.svg", f"{REGULATION}.provider_office.svg"]
    assert out.splitlines() == [str(out_dir / f"{REGULATION}.provider_office.svg"),
                                str(out_dir / f"{REGULATION}.portal.svg")]
    for path in out_dir.iterdir():
        ET.fromstring(path.read_text(encoding="utf-8"))


def test_html_page_of_all_channels_to_a_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    code, out, err = diagram(REGULATION, "--format", "html", "--out", str(page))
    assert (code, out, err) == (0, f"{page}\n", "")
    text = page.read_text(encoding="utf-8")
    assert text.count("<svg ") == 3  # two channels and the portal's interaction diagram


def test_out_into_a_missing_directory_creates_it_and_prints_the_paths(tmp_path: Path) -> None:
    """As `render` does (issue 18): `diagram --out newdir/x.svg` used to fail."""
    target = tmp_path / "new" / "dir" / "x.svg"
    code, out, err = diagram(REGULATION, "--channel", "portal", "--out", str(target))
    assert (code, out, err) == (0, f"{target}\n", "")
    assert "<svg " in target.read_text(encoding="utf-8")
    folder = tmp_path / "per-channel" / "svg"
    code, out, err = diagram(REGULATION, "--out", str(folder))
    assert (code, err) == (0, "")
    assert out.splitlines() == [str(folder / f"{REGULATION}.{channel}.svg")
                                for channel in ("provider_office", "portal")]
    code, out, _ = diagram(REGULATION, "--channel", "portal", "--format", "dot",
                           "--out", f"{tmp_path / 'slash'}/")
    assert (code, out) == (0, f"{tmp_path / 'slash' / REGULATION}.portal.dot\n")


def test_one_document_into_an_existing_directory_takes_its_name(tmp_path: Path) -> None:
    code, out, _ = diagram(REGULATION, "--channel", "portal", "--view", "interaction",
                           "--out", str(tmp_path))
    assert code == 0
    path = tmp_path / f"{REGULATION}.portal.interaction.svg"
    assert out == f"{path}\n"
    assert "<g class=\"legend\">" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "module"), [("dot", "dot"), ("mermaid", "mermaid"),
                                             ("bpmn", "bpmn")])
def test_exports_are_dispatched_to_their_renderers(fmt: str, module: str) -> None:
    code, out, err = diagram(REGULATION, "--channel", "portal", "--format", fmt, "--lang", "ru")
    assert (code, err) == (0, "")
    render = getattr(importlib.import_module(f"renderers.diagrams.{module}"), f"render_{module}")
    assert out == render(graph(f"{REGULATION}/portal"), "ru")


def test_a_draft_file_is_drawn_instead_of_its_version_in_the_specs(tmp_path: Path) -> None:
    source = SPECS / "regulations" / "aktobe" / "school-admission.yaml"
    draft = tmp_path / "school-admission.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "Подписывает расписку\n", "Подписывает расписку (черновик)\n")
    draft.write_text(text, encoding="utf-8")
    code, out, _ = diagram(str(draft), "--channel", "provider_office", "--lang", "ru")
    assert code == 0
    assert "(черновик)" in out


def test_a_service_id_with_one_regulation_and_the_version_on_a_day() -> None:
    code, out, _ = diagram("school-admission", "--channel", "portal", "--on", "2019-05-14")
    assert code == 0
    assert "aktobe-school-admission" in out


@pytest.mark.parametrize(("args", "message"), [
    (["nosuch", "--channel", "portal"], 'no regulation or service "nosuch" in the specs (hint: '),
    ([REGULATION, "--channel", "gov"], 'channel "gov" is not drawn by "aktobe-school-admission" '
                                       "(hint: "),
    ([REGULATION], "--format svg writes one file per channel (provider_office, portal) "
                   "(hint: give --out DIR, or choose one with --channel)"),
    ([REGULATION, "--channel", "provider_office", "--view", "interaction"],
     'channel "provider_office" has no numbered processes or conditions'),
    ([REGULATION, "--view", "interaction", "--format", "html"],
     "--view interaction is drawn as svg (hint: --format svg)"),
    ([REGULATION, "--channel", "portal", "--on", "2021-01-01"],
     'no version of "aktobe-school-admission" is in force on 2021-01-01 (hint: its versions are '
     "valid 2018-07-31..2020-02-17)"),
    ([REGULATION, "--channel", "portal", "--on", "14.05.2019"],
     '--on: expected a date like 2019-05-14, got "14.05.2019"'),
    (["home-schooling", "--channel", "portal"],
     'channel "portal" is not drawn by "home-schooling.implied" (hint: '),
])
def test_usage_errors_are_one_line_with_exit_2(args: list[str], message: str) -> None:
    code, out, err = diagram(*args)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"reglament diagram: {message}")


def test_unknown_format_or_language_is_refused_by_the_parser() -> None:
    assert diagram(REGULATION, "--format", "png")[0] == 2
    assert diagram(REGULATION, "--lang", "en")[0] == 2


def test_the_installed_command_runs(tmp_path: Path) -> None:
    target = tmp_path / "reference.svg"
    done = subprocess.run([sys.executable, "-m", "cli", "diagram", REGULATION, "--channel",
                           "provider_office", "--out", str(target)],
                          capture_output=True, text=True, check=False,
                          cwd=Path(__file__).resolve().parents[2])
    assert (done.returncode, done.stderr) == (0, "")
    ET.fromstring(target.read_text(encoding="utf-8"))
