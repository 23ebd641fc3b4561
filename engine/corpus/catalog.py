"""A provider's catalogue of services (`kind: catalog`): the model, how it is built from a
checked file, and the checks against the rest of the corpus.

A catalogue lists the services one provider renders as a source lists them (seed 000: the
23 services of a district education department, with the report's counts by form). Each
entry keeps the source's own names and the form the source counts it in, and names the
standard that describes the service when the specs have one; what the entries lack for a
service to be complete is `engine.corpus.catalog_listing`'s business.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from engine.spec.build import text
from engine.spec.checks import did_you_mean
from engine.spec.errors import Location, SpecError
from engine.spec.model import Standard, Text
from engine.spec.yamlsource import Parsed

__all__ = ["FORMS", "Catalog", "CatalogEntry", "ReportForm", "build_catalog", "catalog_errors"]

ReportForm = Literal["paper_only", "alternative", "state_corporation_and_portal"]
#: The forms a provider's report counts, in the report's order.
FORMS: tuple[ReportForm, ...] = ("paper_only", "alternative", "state_corporation_and_portal")


@dataclass(frozen=True)
class CatalogEntry:
    """One service of a catalogue."""

    number: int
    title: Text
    cost: str
    report_form: ReportForm
    report_form_source: str
    source: str
    location: Location
    standard: str | None = None
    standard_location: Location | None = None
    register_code: str | None = None
    register_code_location: Location | None = None


@dataclass(frozen=True)
class Catalog:
    """The services of one provider, as a source lists them."""

    id: str
    title: Text
    provider: Text
    provider_source: str
    services: tuple[CatalogEntry, ...]
    source: str
    path: str
    location: Location
    year: int | None = None
    #: The source's own counts (`services`, `free`, and one per form), when it gives them.
    counts: tuple[tuple[str, int], ...] = ()
    counts_source: str | None = None

    @property
    def kind(self) -> str:
        return "catalog"

    def count(self, name: str) -> int | None:
        """The source's own count `name`, if it gives one."""
        return dict(self.counts).get(name)


def build_catalog(parsed: Parsed) -> Catalog:
    """The catalogue of a schema-valid `kind: catalog` document."""
    data: dict[str, Any] = parsed.data
    entries = []
    for index, item in enumerate(data["services"]):
        path: tuple[str | int, ...] = ("services", index)
        entries.append(CatalogEntry(
            number=item["number"], title=text(item["title"]), cost=item["cost"],
            report_form=item["report_form"]["form"],
            report_form_source=item["report_form"]["source"], source=item["source"],
            location=parsed.location((*path, "number"), value=True),
            standard=item.get("standard"),
            standard_location=parsed.location((*path, "standard"), value=True)
            if "standard" in item else None,
            register_code=item.get("register_code"),
            register_code_location=parsed.location((*path, "register_code"), value=True)
            if "register_code" in item else None))
    counts = data.get("counts", {})
    return Catalog(
        id=data["id"], title=text(data["title"]), provider=text(data["provider"]["title"]),
        provider_source=data["provider"]["source"], services=tuple(entries),
        source=data["source"], path=parsed.path, location=parsed.location(("id",), value=True),
        year=data.get("year"),
        counts=tuple((k, v) for k, v in counts.items() if k != "source"),
        counts_source=counts.get("source"))


def catalog_errors(catalogs: Iterable[Catalog], standards: Iterable[Standard]) -> list[SpecError]:
    """What a catalogue says that the corpus contradicts, located in the catalogue: a
    standard the specs lack, a number or a standard listed twice, a register code beside a
    standard (the standard carries its own)."""
    known = sorted({s.id for s in standards})
    errors: list[SpecError] = []
    ids: dict[str, Catalog] = {}
    for catalog in catalogs:
        if catalog.id in ids:
            errors.append(SpecError(catalog.location, "id", f'catalog "{catalog.id}" is also '
                                    f"defined in {ids[catalog.id].path} (hint: give each "
                                    "catalogue an id of its own)", "duplicate"))
        ids.setdefault(catalog.id, catalog)
        numbers: dict[int, CatalogEntry] = {}
        listed: dict[str, CatalogEntry] = {}
        for index, entry in enumerate(catalog.services):
            crumb = f"services[number={entry.number}]"
            if entry.number in numbers:
                errors.append(SpecError(entry.location, f"services[{index}].number",
                                        f"number {entry.number} is also the number of the entry "
                                        f"at line {numbers[entry.number].location.line} (hint: "
                                        "number the entries as the source does, each once)",
                                        "duplicate"))
            numbers.setdefault(entry.number, entry)
            if entry.standard is None:
                continue
            where = entry.standard_location or entry.location
            if entry.standard not in known:
                errors.append(SpecError(where, f"{crumb}.standard",
                                        f'unknown standard "{entry.standard}" (hint: '
                                        f"{did_you_mean(entry.standard, known)}; leave "
                                        "`standard:` out for a service the specs do not "
                                        "describe yet)", "reference"))
            elif entry.standard in listed:
                errors.append(SpecError(where, f"{crumb}.standard",
                                        f'standard "{entry.standard}" is also the standard of '
                                        f"number {listed[entry.standard].number} (hint: one "
                                        "entry per service; two entries are two services)",
                                        "duplicate"))
            listed.setdefault(entry.standard, entry)
            if entry.register_code_location is not None:
                errors.append(SpecError(entry.register_code_location, f"{crumb}.register_code",
                                        "a register code beside a standard (hint: the standard "
                                        "carries the code; write register_code only for an "
                                        "entry without a standard)", "catalog"))
    return errors
