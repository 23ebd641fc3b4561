"""What the API serves from: the corpus and calendar of a specs directory, read once at start.

The corpus digest names the very bytes served: a client that cached an answer can tell from
the `Reglament-Corpus` header whether the specs behind it changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from engine import Corpus, load_corpus
from engine.calendar import Calendar, load_calendar
from engine.corpus import iter_spec_files

__all__ = ["ServerState", "corpus_digest", "engine_version", "load_state"]


@dataclass(frozen=True)
class ServerState:
    """The specs the API answers from, and the versions its responses carry."""

    specs: Path
    corpus: Corpus
    calendar: Calendar
    engine_version: str
    corpus_digest: str
    #: The secret that writes to the journal will need (None: writing refused).
    token: str | None = None
    #: The journal the case endpoints will use (not served yet).
    db: Path | None = None


def engine_version() -> str:
    """The installed package's version (pyproject.toml's, for a checkout run in place)."""
    try:
        return package_version("reglament")
    except PackageNotFoundError:  # pragma: no cover - a checkout never installed
        return "0+unknown"


def corpus_digest(specs: Path) -> str:
    """`sha256:` of every spec file below `specs`: its path relative to `specs`, then its bytes.

    Examples:
        >>> import tempfile
        >>> corpus_digest(Path(tempfile.mkdtemp())).startswith("sha256:")
        True
    """
    digest = hashlib.sha256()
    for path in sorted(iter_spec_files([specs])):
        digest.update(Path(path).resolve().relative_to(specs.resolve()).as_posix().encode())
        digest.update(b"\0")
        digest.update(Path(path).read_bytes())
        digest.update(b"\0")
    return f"sha256:{digest.hexdigest()}"


def load_state(specs: Path, *, token: str | None = None, db: Path | None = None) -> ServerState:
    """The corpus of `specs` and its calendar (`specs/calendars` when there is one).

    Raises:
        SpecErrors: the specs have errors (all of them, located).
        CalendarError: the calendar cannot be read.
    """
    corpus = load_corpus([specs])
    calendars = specs / "calendars"
    calendar = corpus.calendar_for(load_calendar(calendars if calendars.is_dir() else None))
    return ServerState(specs=specs, corpus=corpus, calendar=calendar,
                       engine_version=engine_version(), corpus_digest=corpus_digest(specs),
                       token=token, db=db)
