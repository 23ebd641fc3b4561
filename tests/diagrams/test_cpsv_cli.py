"""`reglament export SPEC --format cpsv-jsonld --out PATH`: what it writes and how it refuses."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cli import app
from engine.calendar import default_calendar
from engine.corpus import load_corpus
from renderers.exports.cpsv import cpsv_text, export_cpsv
from tests.conftest import SPECS

runner = CliRunner()
STANDARD = SPECS / "standards" / "school-admission.yaml"


def export(*args: str) -> Result:
    return runner.invoke(app, ["export", *args])


@functools.cache
def _expected(standard_id: str) -> str:
    corpus = load_corpus([SPECS])
    standard = corpus.standard_versions(standard_id)[0]
    return cpsv_text(export_cpsv(standard, corpus.regulations_for(standard_id),
                                 calendar=default_calendar().data))


def _one_line_error(result: Result, code: int, *fragments: str) -> str:
    assert result.exit_code == code, result.output
    message = result.stderr.strip()
    assert message.startswith("reglament export: "), message
    assert "\n" not in message, message
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in message
    return message


def test_a_standard_id_prints_its_document() -> None:
    result = export("school-admission", "--format", "cpsv-jsonld")
    assert result.exit_code == 0, result.output
    assert result.stdout == _expected("school-admission")


def test_a_standard_file_writes_the_same_document(tmp_path: Path) -> None:
    out = tmp_path / "school-admission.jsonld"
    result = export(str(STANDARD), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}\n"
    assert out.read_text(encoding="utf-8") == _expected("school-admission")


def test_out_into_a_missing_directory_creates_it(tmp_path: Path) -> None:
    out = tmp_path / "new" / "dir" / "x.jsonld"
    result = export("school-admission", "--out", str(out))
    assert (result.exit_code, result.stdout) == (0, f"{out}\n")
    assert out.read_text(encoding="utf-8") == _expected("school-admission")


def test_a_directory_gives_one_file_per_standard(tmp_path: Path) -> None:
    out = tmp_path / "cpsv"
    result = export(str(SPECS), "--format", "cpsv-jsonld", "--out", str(out))
    assert result.exit_code == 0, result.output
    standards = load_corpus([SPECS]).standards
    counts = Counter(s.id for s in standards)
    # a standard with several versions gives a file per version, named by its first day
    names = sorted(f"{s.id}.jsonld" if counts[s.id] == 1 else f"{s.id}.{s.valid_from}.jsonld"
                   for s in standards)
    assert sorted(p.name for p in out.iterdir()) == names
    for path in out.iterdir():
        graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
        assert any(n["@type"] == "cpsv:PublicService" for n in graph)
    assert (out / "school-admission.jsonld").read_text(encoding="utf-8") == _expected("school-admission")


def test_versions_of_one_standard_are_named_by_their_first_day(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    text = STANDARD.read_text(encoding="utf-8")
    (specs / "old.yaml").write_text(text.replace("valid_from: 2018-07-31",
                                                 "valid_from: 2018-07-31\nvalid_to: 2019-12-31"),
                                    encoding="utf-8")
    (specs / "new.yaml").write_text(text.replace("valid_from: 2018-07-31", "valid_from: 2020-01-01"),
                                    encoding="utf-8")
    result = export(str(specs), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "school-admission.2018-07-31.jsonld", "school-admission.2020-01-01.jsonld"]
    by_id = export("school-admission", "--specs", str(specs), "--out", str(tmp_path / "by-id"))
    assert by_id.exit_code == 0, by_id.output
    assert len(list((tmp_path / "by-id").iterdir())) == 2
    _one_line_error(export("school-admission", "--specs", str(specs)), 2, "2 documents", "--out DIR")


@pytest.mark.parametrize(("args", "fragments"), [
    (["nope"], ['no standard "nope"', "hint:"]),
    (["aktobe-school-admission"], ['"aktobe-school-admission" is a regulation',
                                   'export its standard "school-admission"']),
    ([str(SPECS / "regulations" / "aktobe" / "school-admission.yaml")], ['is a "regulation" spec']),
    (["missing.yaml"], ["no such file: missing.yaml"]),
    ([str(SPECS)], ["cannot go to one stream", "hint: give --out DIR"]),
    (["school-admission", "--specs", "/no/such/specs"], ["no specs directory at /no/such/specs"]),
])
def test_usage_errors_exit_2_with_one_line(args: list[str], fragments: list[str]) -> None:
    _one_line_error(export(*args), 2, *fragments)


def test_a_directory_cannot_be_written_into_a_file(tmp_path: Path) -> None:
    target = tmp_path / "taken.jsonld"
    target.write_text("", encoding="utf-8")
    _one_line_error(export(str(SPECS), "--out", str(target)), 2, "is a file", "need a directory")


def test_an_unknown_format_is_a_usage_error() -> None:
    result = export("school-admission", "--format", "cpsv-turtle")
    assert result.exit_code == 2
    assert "cpsv-jsonld" in result.output


def test_a_broken_standard_exits_1_with_its_located_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(STANDARD.read_text(encoding="utf-8").replace("term: 30 min", "term: 30 minutes", 1),
                      encoding="utf-8")
    result = export(str(broken))
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{broken}:")
    assert '"30 minutes"' in lines[0]
    assert lines[-1] == f"reglament export: {broken} has 1 error(s)"


def test_a_specs_directory_with_errors_exits_1(tmp_path: Path) -> None:
    shutil.copy(STANDARD, tmp_path / "one.yaml")
    shutil.copy(STANDARD, tmp_path / "two.yaml")  # the same version twice: an overlap
    result = export(str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "overlaps" in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("(hint: reglament check shows them all)")


def test_the_installed_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "externat.jsonld"
    done = subprocess.run([sys.executable, "-c", "from cli import app; app()", "export",
                           "externat-permission", "--format", "cpsv-jsonld", "--out", str(out)],
                          capture_output=True, text=True, check=False, cwd=SPECS.parent)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == _expected("externat-permission")
