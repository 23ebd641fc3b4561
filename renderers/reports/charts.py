"""The report's charts as SVG geometry, drawn by the project's own Jinja SVG
(`templates/reports/charts.svg`): applications per month by channel (stacked bars) and met
and missed terms per service (horizontal stacked bars). Plain rectangles and text need no
plotting library; the same figures give the same bytes (integer coordinates only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from engine.report import CHANNEL_GROUPS, ProviderReport

__all__ = ["COLOURS", "Bar", "Chart", "month_chart", "term_chart"]

COLOURS = {"provider": "#4e79a7", "portal": "#f28e2b", "state_corporation": "#59a14f",
           "met": "#59a14f", "missed": "#e15759", "open": "#bab0ac"}


class Bar(NamedTuple):
    """One rectangle: where, how big, its series (for the colour) and its value."""

    x: int
    y: int
    width: int
    height: int
    series: str
    value: int


class Chart(NamedTuple):
    """A chart: its size, bars, axis labels (x, y, text) and the legend's series."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    labels: tuple[tuple[int, int, str], ...]
    series: tuple[str, ...]
    peak: int


def month_chart(report: ProviderReport) -> Chart:
    """Applications received per month, stacked by channel group (seed 000, 4 2))."""
    slot, top, plot = 40, 20, 160
    peak = max((m.provider + m.portal + m.state_corporation for m in report.months), default=0)
    bars, labels = [], []
    for i, month in enumerate(report.months):
        y = top + plot
        for series in CHANNEL_GROUPS:
            value = getattr(month, series)
            if value:
                height = max(1, value * plot // max(peak, 1))
                y -= height
                bars.append(Bar(50 + i * slot, y, slot - 8, height, series, value))
        labels.append((50 + i * slot + (slot - 8) // 2, top + plot + 16, month.month[5:]))
    width = 60 + slot * max(len(report.months), 1)
    return Chart(width, top + plot + 30, tuple(bars), tuple(labels), CHANNEL_GROUPS, peak)


def term_chart(report: ProviderReport,
               label: Callable[[str, str], str] | None = None) -> Chart:
    """Cases per service and channel: met, missed and still open, as horizontal bars; each
    row named by `label(standard, channel)` (by default `standard · channel`)."""
    row, left, plot = 22, 300, 400
    peak = max((t.met + t.missed + t.open for t in report.terms), default=0)
    bars, labels = [], []
    for i, term in enumerate(report.terms):
        x, y = left, 10 + i * row
        for series, value in (("met", term.met), ("missed", term.missed), ("open", term.open)):
            if value:
                width = max(1, value * plot // max(peak, 1))
                bars.append(Bar(x, y, width, row - 6, series, value))
                x += width
        name = label(term.standard, term.channel) if label else f"{term.standard} · {term.channel}"
        labels.append((left - 6, y + row - 10, name if len(name) <= 52 else name[:51] + "…"))
    return Chart(left + plot + 20, 20 + row * max(len(report.terms), 1), tuple(bars),
                 tuple(labels), ("met", "missed", "open"), peak)
