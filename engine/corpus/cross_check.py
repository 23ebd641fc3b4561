"""Cross-file rules of a corpus: a regulation's standard exists; its channels,
documents, results and refusal grounds are the standard's; a document the provider obtains
from another organisation is obtained by a step of each channel that needs it; two
versions of one spec do not overlap in time. Each error is located in the file of the spec
it is about."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from engine.corpus.lookup import Corpus
from engine.spec.checks import did_you_mean
from engine.spec.errors import Location, SpecError, breadcrumb
from engine.spec.model import Regulation, Standard, Step
from engine.spec.yamlsource import Parsed, read_yaml

__all__ = ["cross_check"]


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


def cross_check(corpus: Corpus, sources: Mapping[str, Parsed | None]) -> list[SpecError]:
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
        if channel in standard.channels:
            errors.extend(_obtained(regulation, standard, channel, steps, locator))
    return errors


def _obtained(regulation: Regulation, standard: Standard, channel: str,
              steps: tuple[Step, ...], locator: _Locator) -> list[SpecError]:
    """A step obtains only documents the standard says the provider obtains, and every such
    document of the channel is obtained by a step (a warning: the text may not say which)."""
    errors = []
    for index, step in enumerate(steps):
        for position, ref in enumerate(step.obtains):
            document = standard.document(ref)
            if document is not None and document.provision != "obtained":
                errors.append(SpecError(
                    *locator.at(regulation, ("processes", channel, index, "obtains", position)),
                    f'document "{ref}" of standard "{standard.id}" is not obtained from '
                    f'another organisation: its provision is "{document.provision}" (hint: '
                    "list it under documents: if the step handles it, or give it provision: "
                    "obtained and from: in the standard)", "obtained"))
    obtained = {ref for step in steps for ref in step.obtains}
    for document in standard.obtained_documents(channel):
        if document.id not in obtained:
            errors.append(SpecError(
                *locator.at(regulation, ("processes", channel), key=True),
                f'the provider obtains document "{document.id}" of standard "{standard.id}" from '
                "another organisation on this channel, and no step of it says so (hint: add "
                f"obtains: [{document.id}] to the step that requests it, with the time the text "
                "gives for it)", "obtained", "warning"))
    return errors


def _step_refs(regulation: Regulation, path: tuple[str | int, ...], step: Step,
               defined: tuple[set[str], set[str], set[str]],
               locator: _Locator) -> list[SpecError]:
    documents, results, grounds = defined
    uses: list[tuple[str, tuple[str | int, ...], tuple[str, ...], set[str]]] = [
        ("document", (*path, "documents"), step.documents, documents),
        ("result", (*path, "results"), step.results, results),
        ("document", (*path, "obtains"), step.obtains, documents),
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
