"""Verdicts (and read files) kept between runs, so that a check redoes only what changed.

A CI job checks a repository of regulations on every change, and most changes touch one
file. The verdicts of a regulation depend on nothing but the bytes of its file, of the
file of the standard it was compiled with, of the calendar, and on the engine itself;
a key made of all of these (and of the files' paths, which the verdicts name) finds the
verdicts of an unchanged regulation, and any change to one of them makes a new key.

The cache is a directory of pickles, one per key (as `__pycache__` holds compiled code:
keep it where only you can write). An entry that cannot be read is computed again; one
that cannot be written is skipped. Nothing about a report depends on whether its
verdicts came from the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path

import engine
from engine.compile import CompiledRegulation
from engine.verify import Verdict

__all__ = ["CACHE_DIR", "PickleStore", "VerdictCache", "engine_fingerprint", "spec_key"]

#: The directory the docs suggest for `reglament check --cache-dir` (ignored by git).
CACHE_DIR = ".reglament_cache"
_LAYOUT = "verdicts-v1"


@cache
def engine_fingerprint() -> str:
    """A digest of the engine's own source and of the Python and library versions it runs on:
    verdicts computed by another engine are never reused."""
    digest = hashlib.sha256(platform.python_version().encode())
    for library in ("numpy", "networkx", "pendulum", "pyyaml"):
        try:
            digest.update(f" {library} {metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - installed with the engine
            digest.update(f" {library} unknown".encode())
    root = Path(engine.__file__).resolve().parent
    for source in sorted(root.rglob("*")):
        if source.is_file() and source.suffix in (".py", ".json", ".yaml"):
            digest.update(str(source.relative_to(root)).encode() + b"\0")
            digest.update(source.read_bytes())
    return digest.hexdigest()


class PickleStore:
    """Values kept as pickles in a directory, one file per key, under a layout of their own."""

    def __init__(self, directory: str | Path, layout: str) -> None:
        self.directory = Path(directory)
        self.layout = layout
        self.hits = 0
        self.misses = 0
        self._marked = False

    def _entry(self, key: str) -> Path:
        return self.directory / self.layout / key[:2] / f"{key}.pickle"

    def load(self, key: str, accept: Callable[[object], bool]) -> object | None:
        """The value stored under `key` if it is one `accept` takes, else None (a miss)."""
        value: object
        try:
            value = pickle.loads(self._entry(key).read_bytes())
        except Exception:  # a missing, truncated or foreign entry is a miss
            value = None
        if value is None or not accept(value):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def store(self, key: str, value: object) -> None:
        """Store `value` under `key` (atomically; a failure to write is no error)."""
        entry = self._entry(key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            if not self._marked:
                self._mark()
                self._marked = True
            with tempfile.NamedTemporaryFile(dir=entry.parent, delete=False) as temporary:
                temporary.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temporary.name, entry)
        except OSError:
            return

    def _mark(self) -> None:
        """Tell git and backup tools that the directory is a cache (as ruff and pytest do)."""
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# made by reglament check\n*\n", encoding="utf-8")
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                           "# the cache of reglament check\n", encoding="utf-8")


class VerdictCache(PickleStore):
    """The verdicts of regulations, by what they were computed from."""

    def __init__(self, directory: str | Path, calendar_file: str | Path) -> None:
        super().__init__(directory, "verdicts-v1")
        self.calendar_file = Path(calendar_file)
        self._calendar_digest: bytes | None = b""  # read on first use
        #: Digests of the spec files, read once each (a standard serves many regulations).
        self._digests: dict[str, bytes | None] = {}

    def key(self, compiled: CompiledRegulation) -> str | None:
        """What the verdicts of `compiled` depend on, as one digest (None when a file it
        depends on cannot be read: such verdicts are neither looked up nor kept)."""
        if self._calendar_digest == b"":
            self._calendar_digest = _file_digest(self.calendar_file)
        parts = [self._calendar_digest]
        for spec in (compiled.regulation, compiled.standard):
            if spec.path not in self._digests:
                self._digests[spec.path] = _file_digest(Path(spec.path))
            parts += [spec.path.encode() + b"\0", self._digests[spec.path]]
        if any(part is None for part in parts):
            return None
        digest = hashlib.sha256(engine_fingerprint().encode())
        for part in parts:
            assert part is not None
            digest.update(part)
        return digest.hexdigest()

    def get(self, key: str) -> list[Verdict] | None:
        """The verdicts stored under `key`, or None when there are none (or unreadable ones)."""
        found = self.load(key, lambda v: isinstance(v, list)
                          and all(isinstance(x, Verdict) for x in v))
        return found if isinstance(found, list) else None

    def put(self, key: str, verdicts: Sequence[Verdict]) -> None:
        """Store the verdicts under `key`."""
        self.store(key, list(verdicts))


def spec_key(path: str, raw: bytes) -> str:
    """What reading, checking and building a file depends on: the engine, its path and bytes."""
    digest = hashlib.sha256(engine_fingerprint().encode())
    digest.update(path.encode() + b"\0")
    digest.update(raw)
    return digest.hexdigest()


def _file_digest(path: Path) -> bytes | None:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None
