"""Reading a corpus: every spec file below some paths, read on several cores and
(optionally) from the cache, checked on its own, built, and then checked against the
others (`engine.corpus.cross_check`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import Any, Literal, cast

from engine.calendar.authored import read_schedule_set
from engine.calendar.spec import calendar_errors
from engine.corpus.catalog import build_catalog, catalog_errors
from engine.corpus.cross_check import cross_check
from engine.corpus.lookup import Corpus, CorpusResult
from engine.spec.errors import SpecError, SpecErrors
from engine.spec.loader import BUILDERS, Document, read_document, read_document_bytes
from engine.spec.model import Regulation, Standard
from engine.spec.yamlsource import MAX_BYTES, Parsed, read_yaml
from engine.support.bounded_read import FileRefused, read_regular_file
from engine.support.forking import fork_map
from engine.support.pickle_store import PickleStore, file_digest, spec_key, spec_key_of

__all__ = ["check_paths", "iter_spec_files", "load_corpus", "load_corpus_for"]

_SUFFIXES = (".yaml", ".yml")


def iter_spec_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every YAML file named or found below the given paths, in a stable order.

    Directories named `scenarios` hold test scenarios, not specs, and are skipped. Below a
    directory, whatever is named `*.yaml` or `*.yml` and is not a directory is yielded, a
    named pipe, a device or a broken link too: reading it is refused with a located error,
    rather than the file being passed over in silence.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.suffix in _SUFFIXES and not found.is_dir() and \
                        "scenarios" not in found.relative_to(path).parts:
                    yield found
        else:
            yield path


def check_paths(paths: Iterable[str | Path], *, jobs: int = 1,
                cache_dir: str | Path | None = None) -> CorpusResult:
    """Read, check and build every spec below `paths`; never raises for bad specs.

    Files are read on up to `jobs` processes (0: one per usable core), each file on its
    own; with a `cache_dir`, a file read before with the same bytes, path and engine is
    taken from there. The cross-file checks then run here on what was built.
    """
    files = [str(path) for path in iter_spec_files(paths)]
    store = PickleStore(cache_dir, "files-v1") if cache_dir is not None else None
    loaded: list[_Loaded | None] = [None] * len(files)
    if store is not None:
        for index, name in enumerate(files):
            digest = file_digest(Path(name))
            if digest is not None:
                found = store.load(spec_key_of(name, digest), _is_loaded)
                loaded[index] = cast("_Loaded", found) if found is not None else None
    missing = [i for i, found in enumerate(loaded) if found is None]
    names = [files[i] for i in missing]
    if store is None:
        for index, result in zip(missing, fork_map(_load_file, names, jobs,
                                                   per_worker=_FILES_PER_WORKER, chunksize=16),
                                 strict=True):
            loaded[index] = result
    else:
        for index, (result, key) in zip(missing, fork_map(_load_keyed, names, jobs,
                                                          per_worker=_FILES_PER_WORKER,
                                                          chunksize=16), strict=True):
            loaded[index] = result
            if key is not None:
                store.store(key, result)
    corpus = Corpus()
    errors: list[SpecError] = []
    # Only the paths are kept: a cross-file error re-reads its file to locate itself, so
    # the node trees of a thousand files are not all held at once.
    sources: dict[str, Parsed | None] = {}
    for entry in loaded:
        assert entry is not None
        path, found_errors, status, built = entry
        errors.extend(found_errors)
        if status == "blocked":
            continue
        sources[path] = None
        if isinstance(built, Standard):
            corpus.standards.append(built)
        elif isinstance(built, Regulation):
            corpus.regulations.append(built)
        elif status == "other":
            corpus.others.setdefault(built[0], []).append(built[1])
    errors.extend(cross_check(corpus, sources))
    errors.extend(catalog_errors(corpus.catalogs, corpus.standards))
    return CorpusResult(corpus, sorted(set(errors)), files)


#: Fewer files than this per worker are read in this process.
_FILES_PER_WORKER = 64
_Loaded = tuple[str, list[SpecError], Literal["blocked", "rejected", "spec", "other"], Any]


def _is_loaded(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 4 and isinstance(value[0], str)


def _small_file(name: str) -> bytes | None:
    """The bytes of a file the loader would read whole, read as the loader reads them (a
    regular file, at most `MAX_BYTES`), else None (let the loader say why)."""
    try:
        return read_regular_file(name, MAX_BYTES)
    except FileRefused:
        return None


def _load_file(name: str) -> _Loaded:
    """One file read, checked on its own and built: its path, its errors, whether it was
    blocked (not a spec at all), rejected (a calendar with errors), a spec or another
    document, and what was built (an (kind, value) pair for another document)."""
    return _built(read_document(name))


def _load_keyed(name: str) -> tuple[_Loaded, str | None]:
    """`_load_file`, with the cache key of the bytes it was read from (None when it could
    not be read whole)."""
    raw = _small_file(name)
    if raw is None:
        return _load_file(name), None
    return _built(read_document_bytes(raw, name)), spec_key(name, raw)


def _built(document: Document) -> _Loaded:
    errors = list(document.errors)
    if document.blocking:
        return document.path, errors, "blocked", None
    if document.kind == "calendar":
        calendar_found = calendar_errors(document)
        errors.extend(calendar_found)
        if calendar_found:
            return document.path, errors, "rejected", None
    if document.kind == "schedules":
        found, set_errors = read_schedule_set(document)
        errors.extend(set_errors)
        if any(e.severity == "error" for e in set_errors):
            return document.path, errors, "rejected", None
        return document.path, errors, "other", ("schedules", found)
    if document.kind == "catalog":
        return document.path, errors, "other", ("catalog", build_catalog(document.parsed))
    builder = BUILDERS.get(document.kind)
    built = document.parsed.data if builder is None else builder(document.parsed)
    if isinstance(built, Standard | Regulation):
        return document.path, errors, "spec", built
    return document.path, errors, "other", (document.kind, built)


def load_corpus(paths: Iterable[str | Path]) -> Corpus:
    """Load every spec below `paths`.

    Raises:
        SpecErrors: all errors of all files, when there is any.
    """
    result = check_paths(paths)
    if not result.ok:
        raise SpecErrors(e for e in result.errors if e.severity == "error")
    return result.corpus


def load_corpus_for(paths: Iterable[str | Path],
                    names: Collection[str]) -> tuple[Corpus, list[SpecError]]:
    """Load every spec below `paths` for a command on the services or regulations `names`:
    the errors of the files they need raise, those of the other files come back as warnings.

    The files `names` need are their standards and regulations (a file whose `id` is one of
    them or its standard, or whose `standard:` is one of them, or named `<name>.yaml` when it
    cannot be read far enough to tell), the calendars and the `kind: schedules` files (an
    office's hours may be any service's). One broken draft elsewhere below `--specs` does not
    stop `reglament run` of another service (issue 18); the file is still named, located.

    Raises:
        SpecErrors: the errors of the files `names` need, when there is any.
    """
    result = check_paths(paths)
    wanted = set(names) | {r.standard for r in result.corpus.regulations if r.id in names}
    errors = sorted((e for e in result.errors if e.severity == "error"),
                    key=lambda e: e.location.path)
    needed: list[SpecError] = []
    others: list[SpecError] = []
    for path, found in groupby(errors, key=lambda e: e.location.path):
        (needed if _needed(path, wanted) else others).extend(found)
    if needed:
        raise SpecErrors(sorted(needed))
    return result.corpus, [dataclasses.replace(e, severity="warning") for e in sorted(others)]


def _needed(path: str, wanted: set[str]) -> bool:
    """Whether the file at `path` may be one a command on `wanted` needs (see `load_corpus_for`);
    an error not located in a file (the calendar's) is always needed."""
    file = Path(path)
    if not file.is_file() or file.stem in wanted:
        return True
    data = read_yaml(file).data
    if not isinstance(data, dict):
        return False  # not read far enough to tell what it is, and not named for the service
    if data.get("kind") in ("calendar", "schedules"):
        return True
    return any(isinstance(data.get(key), str) and data[key] in wanted for key in ("id", "standard"))
