"""Values kept between runs as pickles in a directory, keyed by what they were made from.

A CI job checks a repository of regulations on every change, and most changes touch one
file: `reglament check --cache-dir` keeps each file as read (`spec_key`) and each
regulation's verdicts (`engine.verify.cache`), keyed by the bytes they depend on and by
the engine itself (`engine_fingerprint`), so any change to one of them makes a new key.

The cache is a directory of pickles, one per key (as `__pycache__` holds compiled code:
keep it where only you can write). An entry that cannot be read is computed again; one
that cannot be written is skipped. Nothing about a report depends on whether its
values came from the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path

from engine.support.atomic_write import replace_atomically
from engine.support.bounded_read import MAX_FILE_BYTES, FileRefused, read_regular_file

__all__ = ["CACHE_DIR", "PickleStore", "engine_fingerprint", "file_digest", "one_run", "spec_key",
           "spec_key_of"]

#: The directory the docs suggest for `reglament check --cache-dir` (ignored by git).
CACHE_DIR = ".reglament_cache"
#: The largest entry read back (a larger one, or anything but a regular file, is a miss).
MAX_ENTRY_BYTES = 256 << 20


@cache
def engine_fingerprint() -> str:
    """A digest of the engine's own source and of the Python and library versions it runs on:
    verdicts computed by another engine are never reused."""
    digest = hashlib.sha256(platform.python_version().encode())
    for library in ("numpy", "networkx", "pendulum", "pyyaml", "holidays", "jsonschema",
                    "num2words"):
        try:
            digest.update(f" {library} {metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - installed with the engine
            digest.update(f" {library} unknown".encode())
    root = Path(__file__).resolve().parents[1]  # the engine package
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
            value = pickle.loads(read_regular_file(self._entry(key), MAX_ENTRY_BYTES))
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
            replace_atomically(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
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


def spec_key(path: str, raw: bytes) -> str:
    """What reading, checking and building a file depends on: the engine, its path and bytes."""
    return spec_key_of(path, hashlib.sha256(raw).digest())


def spec_key_of(path: str, digest: bytes) -> str:
    """`spec_key` of a file whose bytes have the SHA-256 `digest` (`file_digest`)."""
    key = hashlib.sha256(engine_fingerprint().encode())
    key.update(path.encode() + b"\0")
    key.update(digest)
    return key.hexdigest()


#: Digests read during a run (`one_run`), by the file's identity and state (`_identity`): a
#: run digests each file once, however many keys it enters.
_DIGESTS: dict[tuple[str, int, int, int, int, int], bytes] = {}
_RUNS = [0]


@contextmanager
def one_run() -> Iterator[None]:
    """A run in which each file is digested once: a file's digest is remembered from its first
    reading until the outermost `one_run` ends (runs nest), never longer, so that a file
    edited between two runs of a long-lived process is read again whatever its times."""
    _RUNS[0] += 1
    try:
        yield
    finally:
        _RUNS[0] -= 1
        if not _RUNS[0]:
            _DIGESTS.clear()


def file_digest(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The SHA-256 of a file read as specs are (`read_regular_file`), or None when it is not
    read (not a regular file, over `limit` bytes, unreadable).

    Within `one_run`, a file whose device, inode, size, modification and change times are
    those of a file digested before is not read again.
    """
    identity = _identity(path) if _RUNS[0] else None
    if identity is not None and identity in _DIGESTS:
        return _DIGESTS[identity]
    try:
        digest = hashlib.sha256(read_regular_file(path, limit)).digest()
    except FileRefused:
        return None
    if identity is not None and _identity(path) == identity:  # unchanged while read
        if len(_DIGESTS) > 100_000:
            _DIGESTS.clear()
        _DIGESTS[identity] = digest
    return digest


def _identity(path: Path) -> tuple[str, int, int, int, int, int] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return (str(path), found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns,
            found.st_ctime_ns)
