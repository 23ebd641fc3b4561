"""`reglament audit`: exit codes, every output format, golden text, JSON and HTML (regenerate
with `pytest tests/audit/test_audit_cli.py --regen-golden` and review the diff)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cli import app
from tests.audit.conftest import ROOT

GOLDEN = Path(__file__).with_name("golden")
LOG = "tests/data/audit/log.csv"
MAP = "tests/data/audit/map.yaml"
runner = CliRunner()


def _audit(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["audit", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the reports name the log and map as given: relative paths


@pytest.mark.parametrize(("fmt", "name"), [("text", "log.txt"), ("json", "log.json"),
                                           ("html", "log.html"), ("csv", "log.csv")])
def test_golden_outputs(fmt: str, name: str, regen_golden: bool) -> None:
    code, out, err = _audit(LOG, "--specs", "specs", "--map", MAP, "--format", fmt)
    assert code == 1
    assert err == ""
    golden = GOLDEN / name
    if regen_golden:
        golden.write_text(out, encoding="utf-8")
        return
    assert out == golden.read_text(encoding="utf-8")


def test_the_same_bytes_twice_and_on_partitions() -> None:
    args = [LOG, "--specs", "specs", "--map", MAP, "--format", "json"]
    once = _audit(*args)[1]
    assert _audit(*args)[1] == once
    assert _audit(*args, "--partitions", "3")[1] == once


def test_a_conforming_log_exits_0(tmp_path: Path) -> None:
    lines = (ROOT / LOG).read_text(encoding="utf-8").splitlines()
    clean = [lines[0]] + [line for line in lines[1:] if line.startswith(("s-01-ok,", "s-18-"))]
    log = tmp_path / "clean.csv"
    log.write_text("\n".join(clean) + "\n", encoding="utf-8")
    code, out, _ = _audit(str(log), "--specs", "specs", "--map", MAP, "--lang", "ru")
    assert code == 0
    assert "дела: 2; события: 12; соответствуют регламенту: 2; с отклонениями: 0" in out


def test_parquet_rows_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "cases.parquet"
    code, printed, _ = _audit(LOG, "--specs", "specs", "--map", MAP, "--format", "parquet",
                              "--out", str(out))
    assert code == 1
    assert printed == f"{out}\n"
    table = pq.read_table(out)
    assert table.num_rows == 21
    assert table.column_names[0] == "case_id"
    again = tmp_path / "again.parquet"
    _audit(LOG, "--specs", "specs", "--map", MAP, "--format", "parquet", "--out", str(again))
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.parametrize(("args", "message"), [
    (["missing.csv", "--map", MAP], "reglament audit: missing.csv: no such log file\n"),
    ([LOG, "--map", "nothing.yaml"], "reglament audit: --map: no such file: nothing.yaml\n"),
    ([LOG, "--map", "tests/data/audit/invalid/unknown-step.yaml"],
     "tests/data/audit/invalid/unknown-step.yaml:9:32: services.school-admission.activities."
     'Регистрация заявления: unknown step "registr" of the regulations of "school-admission" '
     '(hint: did you mean "register"? `received` names the receipt)\n'
     "reglament audit: --map: tests/data/audit/invalid/unknown-step.yaml has 1 error(s)\n"),
    (["log.txt", "--map", MAP], "reglament audit: log.txt: cannot tell the log's format from its "
     "name (hint: name it .csv, .parquet, .xes, .xes.gz or .jsonocel, or give --log-format "
     "csv|parquet|xes|ocel)\n"),
    ([LOG, "--map", MAP, "--format", "parquet"],
     "reglament audit: --format parquet needs --out PATH\n"),
    ([LOG, "--map", MAP, "--lang", "en"],
     'reglament audit: --lang: expected kk, ru or kk,ru, got "en" (hint: state forms are in '
     "Kazakh and Russian)\n"),
])
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    code, out, err = _audit(*args, "--specs", "specs")
    assert (code, out, err) == (2, "", message)


def test_a_real_run_of_the_console_command() -> None:
    done = subprocess.run([sys.executable, "cli.py", "audit", "tests/data/audit/log.xes",
                           "--specs", "specs", "--map", MAP, "--lang", "kk"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("Аудит: tests/data/audit/log.xes [tests/data/audit/map.yaml]\n"
                                  "  істер: 21; оқиғалар: 120;")
