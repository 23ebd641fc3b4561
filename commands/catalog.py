"""`reglament catalog`: every service of the specs' catalogues on a day, as text, JSON or CSV.

For each service: its number in the catalogue, register code, names (Kazakh, then Russian),
provider, term per channel, the version of its standard in force on the day (`--on`, default
today: `$REGLAMENT_TODAY` when set, as for `reglament check`), the form the catalogue's
source counts it in, and what it lacks to be complete; then the standards no catalogue
names; then the counts of each catalogue beside its source's own. The listing is
`engine.corpus.catalog_listing`; this module only words it (docs/catalog.md). Exit 0, 1 when
the specs have errors, 2 on a bad date or a missing directory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from commands.workspace import EXIT_OK, EXIT_USAGE, CommandError, load_specs, specs_dir
from engine.corpus import CatalogListing, ServiceRow, list_catalogs
from engine.verify import today

__all__ = ["CatalogFormat", "catalog_command", "catalog_csv", "catalog_json", "catalog_text",
           "run_catalog"]

FORM_LABELS = {"paper_only": "paper only", "alternative": "alternative",
               "state_corporation_and_portal": "State Corporation and portal only"}
GAP_LABELS = {
    "no_standard": "no standard", "repealed": "repealed", "not_yet_in_force": "not yet in force",
    "no_register_code": "no register code", "no_channels": "no channels", "no_terms": "no terms",
    "no_documents": "no documents", "no_results": "no results",
    "no_refusal_grounds": "no refusal grounds",
    "no_steps": "no regulation or national Rules with steps",
}
_COUNTS = ("services", "free", "paper_only", "alternative", "state_corporation_and_portal")
_COUNT_LABELS = {"services": "services", "free": "free", **FORM_LABELS}


class CatalogFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


def run_catalog(on: str | None, specs: str | None, fmt: str, out: TextIO, err: TextIO) -> int:
    """List the catalogues of `specs` (default: the project's) on the day `on` (ISO date)."""
    try:
        day = _day(on)
        where = specs_dir(specs)
        if not where.is_dir():
            raise CommandError(f"no specs directory at {where} (hint: pass --specs DIR)",
                               EXIT_USAGE)
        listings = _relative(list_catalogs(load_specs([Path(where)]), day), Path(where))
    except CommandError as error:
        return error.report("catalog", err)
    writer = {"json": catalog_json, "csv": catalog_csv}.get(fmt, catalog_text)
    out.write(writer(listings, day))
    return EXIT_OK


def _relative(listings: list[CatalogListing], root: Path) -> list[CatalogListing]:
    """The listings with file paths relative to the specs directory (the same output
    wherever the directory is)."""
    def name(path: str | None) -> str | None:
        return None if path is None else Path(path).resolve().relative_to(
            root.resolve()).as_posix()
    return [replace(listing,
                    catalog=None if listing.catalog is None else replace(
                        listing.catalog, path=name(listing.catalog.path) or ""),
                    rows=tuple(replace(row, version_path=name(row.version_path))
                               for row in listing.rows))
            for listing in listings]


def _day(on: str | None) -> dt.date:
    if on is None:
        return today()
    try:
        return dt.date.fromisoformat(on)
    except ValueError:
        shown = f'"{on}"' if len(on) <= 40 else f'"{on[:30]}..." ({len(on)} characters)'
        raise CommandError(f"--on expects a date like 2026-12-07, got {shown}", EXIT_USAGE) from None


def _version(row: ServiceRow) -> str:
    if row.standard is None:
        return "none (no standard in the specs)"
    span = f"{row.valid_from} to {row.valid_to or 'open end'}"
    state = {"in_force": "in force", "repealed": "none in force: the last one",
             "not_yet_in_force": "none in force yet: the first one"}[row.status]
    return f"{row.standard} of {span} ({state}; {row.version_path})"


def _row_text(row: ServiceRow) -> list[str]:
    number = f"{row.number:>2}." if row.number is not None else "  -"
    terms = "; ".join(f"{channel} {term}" for channel, term in row.terms) or "-"
    form = FORM_LABELS.get(row.report_form or "", "not in a catalogue")
    missing = ", ".join(GAP_LABELS[gap] for gap in row.missing) or "nothing"
    return [f"{number} {row.code or '------'}  {row.title.kk}",
            f"             {row.title.ru}",
            f"    provider: {row.provider.kk}",
            f"              {row.provider.ru}",
            f"    version:  {_version(row)}",
            f"    terms:    {terms}",
            f"    form:     {form}; {'free' if row.cost == 'free' else row.cost}",
            f"    missing:  {missing}"]


def _counts_line(counts: dict[str, int | None]) -> str:
    return ", ".join(f"{_COUNT_LABELS[name]} {'?' if counts.get(name) is None else counts[name]}"
                     for name in _COUNTS)


def catalog_text(listings: list[CatalogListing], day: dt.date) -> str:
    """The listing for a terminal: a block per service, the counts at the end."""
    lines: list[str] = []
    for listing in listings:
        catalog = listing.catalog
        if catalog is None:
            lines.append("Standards in the specs that no catalogue names")
        else:
            lines += [f"Catalogue {catalog.id} ({catalog.path}), on {day.isoformat()}",
                      f"  {catalog.provider.kk}", f"  {catalog.provider.ru}",
                      f"  {catalog.title.kk}", f"  {catalog.title.ru}"]
        lines.append("")
        for row in listing.rows:
            lines += [*_row_text(row), ""]
    for listing in listings:
        name = listing.catalog.id if listing.catalog else "not in a catalogue"
        lines.append(f"{name}: {_counts_line(dict(listing.counts()))}")
        if listing.catalog is not None and listing.catalog.counts:
            source = {name: listing.catalog.count(name) for name in _COUNTS}
            lines.append(f"  its source ({listing.catalog.counts_source}): "
                         f"{_counts_line(source)}")
    return "\n".join(lines) + "\n"


def _row_data(row: ServiceRow) -> dict[str, Any]:
    return {
        "number": row.number, "code": row.code, "standard": row.standard,
        "title": {"kk": row.title.kk, "ru": row.title.ru},
        "provider": {"kk": row.provider.kk, "ru": row.provider.ru},
        "cost": row.cost, "report_form": row.report_form, "status": row.status,
        "version": None if row.valid_from is None else {
            "valid_from": row.valid_from.isoformat(),
            "valid_to": row.valid_to.isoformat() if row.valid_to else None,
            "path": row.version_path},
        "terms": dict(row.terms), "missing": list(row.missing),
    }


def catalog_json(listings: list[CatalogListing], day: dt.date) -> str:
    """The listing as JSON, keys sorted: one object per catalogue (`catalog` null for the
    standards no catalogue names)."""
    data = {"on": day.isoformat(), "catalogs": [{
        "catalog": None if listing.catalog is None else {
            "id": listing.catalog.id, "path": listing.catalog.path,
            "provider": {"kk": listing.catalog.provider.kk, "ru": listing.catalog.provider.ru},
            "year": listing.catalog.year, "source": listing.catalog.source,
            "source_counts": dict(listing.catalog.counts) or None},
        "services": [_row_data(row) for row in listing.rows],
        "counts": listing.counts()} for listing in listings]}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_CSV_COLUMNS = ("catalog", "number", "code", "standard", "title_kk", "title_ru", "provider_kk",
                "provider_ru", "cost", "report_form", "status", "valid_from", "valid_to",
                "terms", "missing")


def catalog_csv(listings: list[CatalogListing], day: dt.date) -> str:
    """The listing as CSV: a header, then one row per service (terms as `channel=term`
    and gaps separated by `;`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for listing in listings:
        for row in listing.rows:
            writer.writerow([
                listing.catalog.id if listing.catalog else "", row.number or "", row.code or "",
                row.standard or "", row.title.kk, row.title.ru, row.provider.kk,
                row.provider.ru, row.cost, row.report_form or "", row.status,
                row.valid_from or "", row.valid_to or "",
                ";".join(f"{c}={t}" for c, t in row.terms), ";".join(row.missing)])
    return buffer.getvalue()


def catalog_command(
    on: Annotated[str | None, typer.Option(
        "--on", metavar="DATE",
        help="The day (ISO date) whose versions are listed (default: today, or "
             "$REGLAMENT_TODAY).")] = None,
    specs: Annotated[str | None, typer.Option(
        "--specs", metavar="DIR",
        help="The specs directory (default: $REGLAMENT_SPECS, else the project's specs/).")] = None,
    fmt: Annotated[CatalogFormat, typer.Option("--format", help="Output format.")] =
        CatalogFormat.text,
) -> None:
    """List every service of the specs' catalogues: code, names, provider, terms, version in
    force, the report's form and what is missing; the counts at the end."""
    raise typer.Exit(run_catalog(on, specs, fmt.value, sys.stdout, sys.stderr))
