"""`reglament serve`'s refusals before it listens: bad specs, a token file without a token."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from commands.serve import read_token
from commands.workspace import CommandError

runner = CliRunner()


def test_specs_with_errors_are_refused_with_their_locations(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("kind: standard\nid: broken\n", encoding="utf-8")
    result = runner.invoke(app, ["serve", "--specs", str(tmp_path)])
    assert result.exit_code == 1
    assert "broken.yaml:1:1: " in result.output
    assert "reglament serve: the specs have" in result.output


def test_no_specs_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--specs", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "no specs directory" in result.output


@pytest.mark.parametrize("text", ["", "\n", "short\n"])
def test_a_token_file_without_a_token_is_refused(tmp_path: Path, text: str) -> None:
    token = tmp_path / "token"
    token.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="holds no token"):
        read_token(str(token))


def test_a_missing_token_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="FileNotFoundError"):
        read_token(str(tmp_path / "none"))
    assert read_token(None) is None
