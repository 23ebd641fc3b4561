"""A provider's report as an XLSX workbook (openpyxl): one sheet per table of
`renderers.reports.data`, the same bytes for the same report.

openpyxl stamps the workbook's `created` and `modified` with the clock, and its zip entries
with the local time; both are pinned here to the period's last day, so the file is
reproducible (byte-identical for the same journal and specs).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

from engine.report import Labels, ProviderReport
from engine.spec import Text
from renderers.reports.data import TABLES, report_tables

__all__ = ["report_xlsx"]

_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def report_xlsx(report: ProviderReport, sections: Mapping[str, Text] | None = None,
                labels: Labels | None = None) -> bytes:
    """The workbook: sheets `services`, `top`, `channels`, `months`, `terms`, `refusals`,
    `complaints`, `sections`, each a header row of identifiers then the rows (ids, then the
    kk and ru titles of `labels`; the input's texts by item)."""
    from openpyxl import Workbook  # loaded only for this format

    book = Workbook()
    for sheet in list(book.worksheets):
        book.remove(sheet)
    tables = report_tables(report, sections, labels)
    for name in TABLES:
        header, rows = tables[name]
        sheet = book.create_sheet(name)
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
    raw = io.BytesIO()
    book.save(raw)
    return _pinned(raw.getvalue(), report.period.last.isoformat())


def _pinned(data: bytes, day: str) -> bytes:
    stamp = f"{day}T00:00:00Z".encode()
    year, month, date = (int(part) for part in day.split("-"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = _STAMP.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            info = zipfile.ZipInfo(item.filename, date_time=(year, month, date, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()
