"""`reglament new standard|regulation ID`: a commented skeleton that loads and checks clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from commands.new import skeleton
from engine.spec import read_document
from tests.specdata import ROOT

runner = CliRunner()


@pytest.mark.parametrize("kind", ["standard", "regulation"])
def test_the_skeleton_loads_without_errors(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.yaml"
    path.write_text(skeleton(kind, "new-service"), encoding="utf-8")
    document = read_document(path)
    assert document.kind == kind
    assert [e for e in document.errors if e.severity == "error"] == []


@pytest.mark.parametrize("kind", ["standard", "regulation"])
def test_the_skeleton_holds_every_required_key(kind: str) -> None:
    schema = json.loads((ROOT / "engine" / "spec" / "schemas" / f"{kind}.json").read_text(
        encoding="utf-8"))
    keys = set(re.findall(r"^([a-z_]+):", skeleton(kind, "new-service"), re.MULTILINE))
    assert set(schema["required"]) <= keys


@pytest.mark.parametrize("kind", ["standard", "regulation"])
def test_every_placeholder_text_is_kazakh_then_russian(kind: str) -> None:
    text = skeleton(kind, "new-service")
    kk = [m.start() for m in re.finditer(r"\bkk: ТОЛТЫРЫҢЫЗ", text)]
    ru = [m.start() for m in re.finditer(r"\bru: ЗАПОЛНИТЕ", text)]
    assert kk
    assert len(kk) == len(ru)
    assert all(k < r for k, r in zip(kk, ru, strict=True))


def test_a_standard_and_its_regulation_made_new_check_clean(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    made = [runner.invoke(app, ["new", "standard", "my-service", "--out",
                                f"{specs / 'standards'}/"]),
            runner.invoke(app, ["new", "regulation", "aktobe-my-service", "--standard",
                                "my-service", "--out", str(specs / "regulations" / "r.yaml")])]
    assert [(r.exit_code, r.stdout) for r in made] == [
        (0, f"{specs / 'standards' / 'my-service.yaml'}\n"),
        (0, f"{specs / 'regulations' / 'r.yaml'}\n")]
    checked = runner.invoke(app, ["check", str(specs)])
    assert checked.exit_code == 0, checked.output
    assert " 0 error(s)" in checked.stdout
    assert "2 path(s): 2 fit their term" in checked.stdout
    assert "valid_from: 2026-12-07" in (specs / "regulations" / "r.yaml").read_text(
        encoding="utf-8")  # today (REGLAMENT_TODAY in the tests)


def test_without_out_the_skeleton_is_printed() -> None:
    result = runner.invoke(app, ["new", "regulation", "x-y"])
    assert (result.exit_code, result.stdout) == (0, skeleton("regulation", "x-y"))
    assert "standard: x-y " in result.stdout


def test_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "taken.yaml"
    target.write_text("kind: standard\n", encoding="utf-8")
    result = runner.invoke(app, ["new", "standard", "x", "--out", str(target)])
    assert result.exit_code == 2
    assert result.stderr == (f"reglament new: --out: {target} exists; a skeleton never replaces "
                             "a spec (hint: give another path)\n")
    assert target.read_text(encoding="utf-8") == "kind: standard\n"


@pytest.mark.parametrize("args", [["standard", "Bad Id"], ["regulation", "x", "--standard", "a b"],
                                  ["decree", "x"]])
def test_a_bad_kind_or_id_is_a_usage_error(args: list[str]) -> None:
    result = runner.invoke(app, ["new", *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
