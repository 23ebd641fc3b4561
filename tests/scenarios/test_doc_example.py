"""The annotated example of docs/scenarios.md runs, and passes, on the bundled specs."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from cli import app

ROOT = Path(__file__).resolve().parents[2]


def test_the_annotated_example_passes(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    section = text[text.index("## An annotated example"):]
    block = re.search(r"```yaml\n(.*?)```", section, flags=re.DOTALL)
    assert block is not None
    scenario = tmp_path / "example.yaml"
    scenario.write_text(block.group(1), encoding="utf-8")
    done = CliRunner().invoke(app, ["test", str(scenario), "--specs", str(ROOT / "specs")])
    assert done.exit_code == 0, done.output
    assert "2 scenario(s) in 1 file(s): 2 passed, 0 failed, 0 error(s)" in done.output
