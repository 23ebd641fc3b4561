"""Shared paths and the golden-file helper of the verifier tests."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA", "HERE", "golden"]

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def golden(path: Path, actual: str, regen: bool) -> str:
    """The expected text kept in `path`; with `--regen-golden`, first write `actual` there."""
    if regen:
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8")
