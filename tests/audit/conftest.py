"""Shared data of the audit's tests: the bundled specs, the mapping, the logs."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.audit import AuditContext, AuditMap, load_audit_map
from engine.corpus import Corpus, load_corpus

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
DATA = ROOT / "tests" / "data" / "audit"
MAP = DATA / "map.yaml"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus([SPECS])


@pytest.fixture(scope="session")
def mapping(corpus: Corpus) -> AuditMap:
    return load_audit_map(MAP, corpus)


def context_for(mapping: AuditMap, log: Path | str, unit: str = "line", worst: int = 10) -> AuditContext:
    """A context on the bundled specs, as the command line makes it."""
    return AuditContext((str(SPECS),), mapping, None, worst, str(log), unit)
