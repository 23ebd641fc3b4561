"""A provider's report (seed 000) rendered: HTML and PDF (`html`), its charts as Jinja SVG
(`charts`), every figure as JSON and tables (`data`) and as an XLSX workbook (`xlsx`), in
words of Kazakh and Russian (`words`).

May import: the engine's public API, `renderers.documents`.
"""

from __future__ import annotations

from renderers.reports.data import TABLES, report_json, report_tables
from renderers.reports.html import report_html, report_pdf
from renderers.reports.xlsx import report_xlsx

__all__ = ["TABLES", "report_html", "report_json", "report_pdf", "report_tables", "report_xlsx"]
