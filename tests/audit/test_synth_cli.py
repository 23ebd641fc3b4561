"""`reglament synth`: the log, its mapping and its truth written; bad options told."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from tests.audit.synthetic_support import SPECS

BASE = ["synth", "--specs", str(SPECS), "--from", "2019-01-01", "--to", "2019-12-31"]


def test_writes_the_log_the_mapping_and_the_truth(tmp_path: Path) -> None:
    out = tmp_path / "school.csv"
    result = CliRunner().invoke(app, [*BASE, "--service", "school-admission", "--cases", "50",
                                      "--seed", "4", "--faults", "late=0.2,holiday=0.2",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"log:     {out} (50 cases, " in result.output
    assert "late_step" in result.output
    lines = (tmp_path / "school.truth.jsonl").read_text(encoding="utf-8").splitlines()
    services = {json.loads(x)["detail"].get("service") for x in lines
                if json.loads(x)["kind"] == "case"}
    assert services == {"school-admission"}
    mapping = (tmp_path / "school.map.yaml").read_text(encoding="utf-8")
    assert "kind: audit_map" in mapping
    assert "Заявление принято: received" in mapping
    assert out.read_text(encoding="utf-8").startswith('"case_id","activity","timestamp"')
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize(("options", "message", "code"), [
    (["--faults", "lat=0.1"], '--faults: unknown fault "lat" (hint: did you mean "late"?)', 2),
    (["--service", "no-such"], 'unknown service "no-such"', 2),
    (["--cases", "0"], "--cases: expected 1 to 50,000,000, got 0", 2),
    (["--to", "2018-12-31"], "--to 2018-12-31 is before --from 2019-01-01", 2),
])
def test_bad_options_are_told(tmp_path: Path, options: list[str], message: str,
                              code: int) -> None:
    result = CliRunner().invoke(app, [*BASE, "--out", str(tmp_path / "x.csv"), *options])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.csv").exists()


def test_a_period_without_a_regulation_in_force_is_told(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["synth", "--specs", str(SPECS), "--from",
                                      "2026-01-01", "--to", "2026-12-31", "--out",
                                      str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert "no service has a regulation in force between 2026-01-01 and 2026-12-31" \
        in result.output
