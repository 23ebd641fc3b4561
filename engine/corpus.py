"""A corpus: all specs of one or more directories, checked against each other.

Cross-file rules live here: a regulation's standard exists, its channels,
documents, results and refusal grounds are the standard's; two versions of one
spec do not overlap in time. Lookups answer "which version of this service was
in force on this day".
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from engine.calendar.spec import calendar_errors
from engine.check_cache import PickleStore, spec_key
from engine.checks import did_you_mean
from engine.errors import Location, SpecError, SpecErrors, breadcrumb
from engine.loader import BUILDERS, Document, read_document, read_document_bytes
from engine.model import Regulation, Standard, Step, is_valid_on
from engine.parallel import fork_map
from engine.yamlsource import MAX_BYTES, Parsed, read_yaml

__all__ = ["Corpus", "CorpusResult", "check_paths", "iter_spec_files", "load_corpus"]

_SUFFIXES = (".yaml", ".yml")


def iter_spec_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every YAML file named or found below the given paths, in a stable order.

    Directories named `scenarios` hold test scenarios, not specs, and are skipped.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.suffix in _SUFFIXES and found.is_file() and \
                        "scenarios" not in found.relative_to(path).parts:
                    yield found
        else:
            yield path


@dataclass
class Corpus:
    """Loaded specs, by kind, in file order."""

    standards: list[Standard] = field(default_factory=list)
    regulations: list[Regulation] = field(default_factory=list)
    others: dict[str, list[Any]] = field(default_factory=dict)

    def standard_versions(self, standard_id: str) -> list[Standard]:
        """All versions of a standard, oldest first."""
        return sorted((s for s in self.standards if s.id == standard_id),
                      key=lambda s: s.valid_from)

    def standard_on(self, standard_id: str, day: dt.date) -> Standard | None:
        """The version of a standard in force on `day`, if any."""
        return next((s for s in self.standard_versions(standard_id) if is_valid_on(s, day)), None)

    def regulation_versions(self, regulation_id: str) -> list[Regulation]:
        """All versions of a regulation, oldest first."""
        return sorted((r for r in self.regulations if r.id == regulation_id),
                      key=lambda r: r.valid_from)

    def regulation_on(self, regulation_id: str, day: dt.date) -> Regulation | None:
        """The version of a regulation in force on `day`, if any."""
        return next((r for r in self.regulation_versions(regulation_id)
                     if is_valid_on(r, day)), None)

    def regulations_for(self, standard_id: str) -> list[Regulation]:
        """Every regulation implementing a standard."""
        return [r for r in self.regulations if r.standard == standard_id]

    def standard_of(self, regulation: Regulation) -> Standard | None:
        """The standard a regulation implements, in the version in force when it started."""
        return (self.standard_on(regulation.standard, regulation.valid_from)
                or next(iter(self.standard_versions(regulation.standard)), None))


@dataclass
class CorpusResult:
    """What checking a set of paths found: the corpus and every error, sorted."""

    corpus: Corpus
    errors: list[SpecError]
    files: list[str]

    @property
    def ok(self) -> bool:
        return not any(e.severity == "error" for e in self.errors)


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
            raw = _small_file(name)
            if raw is not None:
                found = store.load(spec_key(name, raw), _is_loaded)
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
    errors.extend(_cross_check(corpus, sources))
    return CorpusResult(corpus, sorted(set(errors)), files)


#: Fewer files than this per worker are read in this process.
_FILES_PER_WORKER = 64
_Loaded = tuple[str, list[SpecError], Literal["blocked", "rejected", "spec", "other"], Any]


def _is_loaded(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 4 and isinstance(value[0], str)


def _small_file(name: str) -> bytes | None:
    """The bytes of a file the loader would read whole, else None (let the loader say why)."""
    try:
        if Path(name).stat().st_size > MAX_BYTES:
            return None
        return Path(name).read_bytes()
    except OSError:
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


class _Locator:
    """Where an element of a built spec stands, from the plain data it was built from."""

    def __init__(self, sources: Mapping[str, Parsed | None]) -> None:
        self.sources = dict(sources)

    def at(self, spec: Standard | Regulation, path: tuple[str | int, ...], *,
           key: bool = False) -> tuple[Location, str]:
        if spec.path in self.sources and self.sources[spec.path] is None:
            self.sources[spec.path] = read_yaml(spec.path)  # the file it was built from
        parsed = self.sources.get(spec.path)
        if parsed is None:  # pragma: no cover - every built spec comes with its source
            return spec.where(str(path[0])), ".".join(str(p) for p in path)
        return parsed.location(path, value=not key), breadcrumb(path, parsed.data)


def _cross_check(corpus: Corpus, sources: Mapping[str, Parsed | None]) -> list[SpecError]:
    errors: list[SpecError] = []
    locator = _Locator(sources)
    for specs in (corpus.standards, corpus.regulations):
        errors.extend(_overlaps(specs, locator))
    known = {s.id for s in corpus.standards}
    for regulation in corpus.regulations:
        standard = corpus.standard_of(regulation)
        if standard is None:
            errors.append(_error(*locator.at(regulation, ("standard",)),
                                 f'unknown standard "{regulation.standard}" '
                                 f"(hint: {did_you_mean(regulation.standard, known)})"))
            continue
        errors.extend(_against_standard(regulation, standard, locator))
    return errors


def _error(location: Location, crumb: str, message: str) -> SpecError:
    return SpecError(location, crumb, message, "reference")


def _overlaps(specs: list[Standard] | list[Regulation], locator: _Locator) -> list[SpecError]:
    errors = []
    by_id: dict[str, list[Standard | Regulation]] = {}
    for spec in specs:
        by_id.setdefault(spec.id, []).append(spec)
    for spec_id, versions in by_id.items():
        versions.sort(key=lambda s: s.valid_from)
        for older, newer in itertools.pairwise(versions):
            if older.valid_to is None or older.valid_to >= newer.valid_from:
                if older.valid_from == newer.valid_from:
                    hint = ("each version starts after the one before it ends; "
                            "if one file is a copy, remove it")
                else:
                    hint = f"give the older version a valid_to before {newer.valid_from}"
                errors.append(SpecError(
                    *locator.at(newer, ("valid_from",)),
                    f'{newer.kind} "{spec_id}" from {newer.valid_from} overlaps the version in '
                    f"{older.path} (valid {older.valid_from} to {older.valid_to or 'open end'}) "
                    f"(hint: {hint})", "overlap"))
    return errors


def _against_standard(regulation: Regulation, standard: Standard,
                      locator: _Locator) -> list[SpecError]:
    errors: list[SpecError] = []
    documents = {d.id for d in standard.documents}
    results = {r.id for r in standard.results}
    grounds = {g.id for g in standard.refusal_grounds}
    for channel, steps in regulation.processes.items():
        if channel not in standard.channels:
            errors.append(_error(*locator.at(regulation, ("processes", channel), key=True),
                                 f'channel "{channel}" is not a channel of standard '
                                 f'"{standard.id}" (hint: '
                                 f"{did_you_mean(channel, standard.channels)})"))
        for index, step in enumerate(steps):
            errors.extend(_step_refs(regulation, ("processes", channel, index), step,
                                     (documents, results, grounds), locator))
    return errors


def _step_refs(regulation: Regulation, path: tuple[str | int, ...], step: Step,
               defined: tuple[set[str], set[str], set[str]],
               locator: _Locator) -> list[SpecError]:
    documents, results, grounds = defined
    uses: list[tuple[str, tuple[str | int, ...], tuple[str, ...], set[str]]] = [
        ("document", (*path, "documents"), step.documents, documents),
        ("result", (*path, "results"), step.results, results),
        ("refusal ground", (*path, "refusal_grounds"), step.refusal_grounds, grounds),
    ]
    uses.extend(("refusal ground", (*path, "outcomes", index, "refusal_grounds"),
                 outcome.refusal_grounds, grounds) for index, outcome in enumerate(step.outcomes))
    errors = []
    for name, list_path, used, known in uses:
        for position, ref in enumerate(used):
            if ref not in known:
                errors.append(_error(*locator.at(regulation, (*list_path, position)),
                                     f'unknown {name} "{ref}" of standard '
                                     f'"{regulation.standard}" (hint: {did_you_mean(ref, known)})'))
    return errors
