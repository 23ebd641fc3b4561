"""What `reglament catalog` lists: every service of the corpus's catalogues on a day — its
code, names, provider, term per channel, the version in force, the form its source counts it
in, and what it lacks to be complete — and the counts of each catalogue.

Plain records, in the catalogue's order; the command words them as text, JSON or CSV.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from engine.corpus.catalog import FORMS, Catalog, CatalogEntry
from engine.corpus.lookup import Corpus
from engine.spec.model import Standard, Text, is_valid_on

__all__ = ["GAPS", "CatalogListing", "ServiceRow", "list_catalogs"]

#: What a service can lack to be complete, in the order they are listed.
GAPS: tuple[str, ...] = (
    "no_standard", "repealed", "not_yet_in_force", "no_register_code", "no_channels",
    "no_terms", "no_documents", "no_results", "no_refusal_grounds", "no_steps",
)


@dataclass(frozen=True)
class ServiceRow:
    """One service on a day."""

    catalog: str | None
    number: int | None
    title: Text
    standard: str | None
    code: str | None
    provider: Text
    cost: str
    report_form: str | None
    #: `in_force`, `repealed`, `not_yet_in_force` or `no_standard`.
    status: str
    #: The version in force on the day (or, when none is, the latest before it / the first).
    valid_from: dt.date | None
    valid_to: dt.date | None
    version_path: str | None
    #: (channel, term) of the version in force, in the standard's order.
    terms: tuple[tuple[str, str], ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class CatalogListing:
    """A catalogue's services on a day, with the counts of its entries and of its source."""

    catalog: Catalog | None
    rows: tuple[ServiceRow, ...]

    def counts(self) -> dict[str, int]:
        """services, free and one count per report form, counted over the rows."""
        found = {"services": len(self.rows),
                 "free": sum(1 for row in self.rows if row.cost == "free")}
        for form in FORMS:
            found[form] = sum(1 for row in self.rows if row.report_form == form)
        return found


def list_catalogs(corpus: Corpus, day: dt.date) -> list[CatalogListing]:
    """Each catalogue of the corpus (in file order) on `day`, then, as a listing without a
    catalogue, the standards no catalogue names (by id)."""
    listings = [CatalogListing(catalog, tuple(_entry_row(corpus, catalog, entry, day)
                                              for entry in catalog.services))
                for catalog in corpus.catalogs]
    named = {entry.standard for c in corpus.catalogs for entry in c.services}
    others = sorted({s.id for s in corpus.standards} - named)
    if others:
        listings.append(CatalogListing(None, tuple(_standard_row(corpus, sid, day)
                                                   for sid in others)))
    return listings


def _entry_row(corpus: Corpus, catalog: Catalog, entry: CatalogEntry,
               day: dt.date) -> ServiceRow:
    if entry.standard is None:
        return ServiceRow(catalog.id, entry.number, entry.title, None, entry.register_code,
                          catalog.provider, entry.cost, entry.report_form, "no_standard",
                          None, None, None, (), _catalog_only(entry))
    row = _standard_row(corpus, entry.standard, day)
    return ServiceRow(catalog.id, entry.number, entry.title, row.standard, row.code,
                      row.provider, entry.cost, entry.report_form, row.status, row.valid_from,
                      row.valid_to, row.version_path, row.terms, row.missing)


def _catalog_only(entry: CatalogEntry) -> tuple[str, ...]:
    gaps = {"no_standard", "no_channels", "no_terms", "no_documents", "no_results",
            "no_refusal_grounds", "no_steps"}
    if entry.register_code is None:
        gaps.add("no_register_code")
    return tuple(g for g in GAPS if g in gaps)


def _standard_row(corpus: Corpus, standard_id: str, day: dt.date) -> ServiceRow:
    versions = corpus.standard_versions(standard_id)
    current = next((s for s in versions if is_valid_on(s, day)), None)
    if current is not None:
        status, shown = "in_force", current
    elif all(s.valid_from > day for s in versions):
        status, shown = "not_yet_in_force", versions[0]
    else:
        status, shown = "repealed", [s for s in versions if s.valid_from <= day][-1]
    gaps = set() if status == "in_force" else {status}
    gaps |= _gaps(corpus, shown, day if status == "in_force" else None)
    terms = tuple((name, str(channel.term)) for name, channel in shown.channels.items()) \
        if status == "in_force" else ()
    return ServiceRow(None, None, shown.title, shown.id, shown.register_code,
                      shown.provider, shown.cost.kind, None, status, shown.valid_from,
                      shown.valid_to, shown.path, terms, tuple(g for g in GAPS if g in gaps))


def _gaps(corpus: Corpus, standard: Standard, day: dt.date | None) -> set[str]:
    """What a version lacks; `no_steps` unless a regulation of it (regional, or national
    Rules) with steps is in force on `day` (never, for a version not in force)."""
    gaps = set()
    if standard.register_code is None:
        gaps.add("no_register_code")
    if not standard.channels:
        gaps |= {"no_channels", "no_terms"}
    if not standard.documents:
        gaps.add("no_documents")
    if not standard.results:
        gaps.add("no_results")
    if not standard.refusal_grounds:
        gaps.add("no_refusal_grounds")
    stepped = day is not None and any(
        is_valid_on(r, day) and any(r.processes.values())
        for r in corpus.regulations_for(standard.id))
    if not stepped:
        gaps.add("no_steps")
    return gaps
