"""docs/audit.md stays true: its mapping file loads against the bundled specs, its located
message is the loader's, and the summary it shows is the command's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from engine.audit import load_audit_map
from engine.corpus import Corpus
from tests.audit.conftest import DATA, ROOT

DOC = (ROOT / "docs" / "audit.md").read_text(encoding="utf-8")


def test_the_mapping_of_the_doc_loads(tmp_path: Path, corpus: Corpus) -> None:
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", DOC, re.DOTALL) if "kind: audit_map" in b]
    path = tmp_path / "map.yaml"
    path.write_text(block, encoding="utf-8")
    mapping = load_audit_map(path, corpus)
    assert mapping.service("school-admission").activities["Выдача отказа"] == "issue_refusal"


def test_the_located_message_of_the_doc() -> None:
    expected = (DATA / "invalid" / "unknown-step.expected").read_text(encoding="utf-8").strip()
    assert f"```text\n{expected}\n```" in DOC


def test_the_summary_of_the_doc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line of the doc's console block (but the elided ones) is the command's."""
    monkeypatch.chdir(ROOT)
    block = re.search(r"```console\n\$ reglament (audit [^\n]*)\n(.*?)```", DOC, re.DOTALL)
    assert block is not None
    result = CliRunner().invoke(app, block.group(1).split())
    shown = [line for line in block.group(2).splitlines() if line.strip() != "..."]
    lines = result.stdout.splitlines()
    for line in shown:
        if "(hint: ..." in line:
            assert any(out.startswith(line.split("(hint: ...")[0]) for out in lines), line
        else:
            assert line in lines, line
