"""A mapping file held to the specs it maps to: every id it names must exist.

Each standard id of `services` must be a standard of the corpus; each channel one of its
channels (in some version); each activity's step a step of one of its regulations (any
version, any channel; or of the process the standard implies when no regulation gives the
steps), or `received`; a `regulation` one that implements the standard; each resource's
actor an actor of those regulations. A log name given to two services, or to two channels of
one service, is ambiguous. Every error is located at the key or value that names the id, with
a did-you-mean hint.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from engine.audit.mapping import RECEIVED, AuditMap, build_audit_map, read_audit_map, timezone_errors
from engine.corpus import Corpus
from engine.process.compile import outcome_node
from engine.process.implied import implied_regulation
from engine.spec import Document, Regulation, SpecError, SpecErrors, did_you_mean, read_document

__all__ = ["load_audit_map", "mapping_errors", "mapping_file_errors"]


def load_audit_map(path: str | Path, corpus: Corpus) -> AuditMap:
    """Read a mapping file and hold it to `corpus`.

    Raises:
        SpecErrors: every located error of the file, on its own or against the specs.
    """
    read_audit_map(path)  # raises the errors of the file on its own
    document = read_document(path)
    errors = mapping_errors(document, corpus)
    if errors:
        raise SpecErrors(errors)
    return build_audit_map(document)


def mapping_file_errors(files: Iterable[str], corpus: Corpus) -> list[SpecError]:
    """The errors against `corpus` of the mapping files (`kind: audit_map`) among `files`
    that are sound on their own (`reglament check` reads them with the specs; a file's own
    errors are the loader's to report)."""
    errors: list[SpecError] = []
    for name in files:
        try:
            with open(name, "rb") as file:
                if b"audit_map" not in file.read():
                    continue
        except OSError:
            continue
        document = read_document(name)
        if document.kind == "audit_map" and not document.errors and not document.blocking:
            errors.extend(mapping_errors(document, corpus))
    return errors


def mapping_errors(document: Document, corpus: Corpus) -> list[SpecError]:
    """The errors of a schema-valid mapping document against `corpus` (its time zone too)."""
    errors = timezone_errors(document)
    known = sorted({s.id for s in corpus.standards})
    seen: dict[str, str] = {}
    for standard, entry in document.data["services"].items():
        where = ("services", standard)
        if standard not in known:
            errors.append(_error(document, where, f'unknown standard "{standard}" (hint: '
                                 f"{did_you_mean(standard, known)})", value=False))
            continue
        for index, name in enumerate(entry["names"]):
            if seen.setdefault(name, standard) != standard:
                errors.append(_error(document, (*where, "names", index),
                                     f'the log name "{name}" is given to "{seen[name]}" too '
                                     "(hint: a name of the log maps to one service)"))
        errors.extend(_service_errors(document, corpus, standard, entry))
    errors.extend(_resource_errors(document, corpus))
    return sorted(set(errors))


def _regulations(corpus: Corpus, standard: str) -> list[Regulation]:
    """Every regulation that gives the steps of a standard's cases (the implied ones too)."""
    found = list(corpus.regulations_for(standard))
    return found + [implied_regulation(s) for s in corpus.standard_versions(standard)]


def _service_errors(document: Document, corpus: Corpus, standard: str,
                    entry: dict[str, object]) -> Iterator[SpecError]:
    where = ("services", standard)
    channels = sorted({c for s in corpus.standard_versions(standard) for c in s.channels})
    names: dict[str, str] = {}
    given = entry["channels"]
    assert isinstance(given, dict)
    for channel, aliases in given.items():
        if channel not in channels:
            yield _error(document, (*where, "channels", channel),
                         f'unknown channel "{channel}" of "{standard}" (hint: '
                         f"{did_you_mean(channel, channels)})", value=False)
        for index, name in enumerate(aliases):
            if names.setdefault(name, channel) != channel:
                yield _error(document, (*where, "channels", channel, index),
                             f'the log name "{name}" is given to the channel "{names[name]}" '
                             "too (hint: a name of the log maps to one channel)")
    regulations = _regulations(corpus, standard)
    named = entry.get("regulation")
    if isinstance(named, str) and named not in {r.id for r in regulations}:
        ids = {r.id for r in regulations if not r.implied}
        yield _error(document, (*where, "regulation"),
                     f'"{named}" is not a regulation of "{standard}" (hint: '
                     f"{did_you_mean(named, ids)})")
    steps = {RECEIVED} | {n for r in regulations for s in r.processes.values() for step in s
                          for n in (step.id, *(outcome_node(step.id, o.id) for o in step.outcomes
                                               if o.duration is not None))}
    activities = entry["activities"]
    assert isinstance(activities, dict)
    for activity, step in activities.items():
        if step not in steps:
            yield _error(document, (*where, "activities", activity),
                         f'unknown step "{step}" of the regulations of "{standard}" (hint: '
                         f"{did_you_mean(step, steps)} `{RECEIVED}` names the receipt)")


def _resource_errors(document: Document, corpus: Corpus) -> Iterator[SpecError]:
    actors = {a.id for standard in document.data["services"]
              for r in _regulations(corpus, standard) for a in r.actors}
    for resource, actor in document.data.get("resources", {}).items():
        if actor not in actors:
            yield _error(document, ("resources", resource),
                         f'unknown actor "{actor}" of the mapped services\' regulations (hint: '
                         f"{did_you_mean(actor, actors)})")


def _error(document: Document, path: tuple[str | int, ...], message: str, *,
           value: bool = True) -> SpecError:
    return SpecError(document.location(path, value=value), _crumb(path), message, "audit-map")


def _crumb(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
