"""The audit's short report as HTML (`reglament audit --format html`): the totals, the
headlines, two charts as inline SVG — cases per month of receipt, on time and late, and the
median working time per step — the figures per service, channel and step, the worst cases
with their timelines, and how the terms were counted; one article per language, Kazakh first.

The charts reuse the provider report's SVG template (`templates/reports/chart.svg`) with
integer geometry only, so the same report gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from engine.audit import KIND_WORDS, AuditReport
from renderers.documents import FONT_STACK
from renderers.documents.environment import environment
from renderers.reports.charts import COLOURS, Bar, Chart

__all__ = ["audit_html", "month_chart", "step_chart"]

_LANG = {"kk": 0, "ru": 1}
WORDS: dict[str, tuple[str, str]] = {
    "title": ("Оқиғалар журналының аудиті", "Аудит журнала событий"),
    "log": ("Журнал", "Журнал"), "map": ("Карта", "Карта"),
    "cases": ("Істер", "Дела"), "events": ("Оқиғалар", "События"),
    "conforming": ("Регламентке сәйкес", "Соответствуют регламенту"),
    "with_findings": ("Ауытқулары бар", "С отклонениями"),
    "met_term": ("Мерзім сақталды", "Срок соблюдён"), "missed_term": ("Мерзім бұзылды", "Срок нарушен"),
    "open": ("Аяқталмаған", "Не завершены"),
    "row_findings": ("Журнал жолдарындағы табылғандар", "Находки в строках журнала"),
    "months": ("Қабылдау айы бойынша істер", "Дела по месяцу приёма"),
    "steps": ("Рәсімдердің жұмыс уақыты (медиана, мин)", "Рабочее время процедур (медиана, мин)"),
    "on_time": ("мерзімінде", "в срок"), "late": ("мерзімі бұзылған", "с нарушением срока"),
    "median": ("медиана, мин", "медиана, мин"), "by_service": ("Қызметтер бойынша", "По услугам"),
    "by_step": ("Рәсімдер бойынша", "По процедурам"), "by_actor": ("Орындаушылар бойынша", "По исполнителям"),
    "count": ("саны", "количество"), "late_count": ("кешіккен", "просрочено"),
    "missed": ("мерзімі бұзылған", "срок нарушен"), "p90": ("90-процентиль, мин", "90-й процентиль, мин"),
    "findings": ("Табылғандар", "Находки"), "worst": ("Ең нашар істер", "Худшие дела"),
    "counting": ("Мерзімдерді есептеу", "Подсчёт сроков"), "calendar": ("Күнтізбе", "Календарь"),
    "at": ("уақыты", "время"), "activity": ("әрекет", "действие"), "step": ("рәсім", "процедура"),
    "resource": ("орындаушы", "исполнитель"), "minutes": ("жұмыс мин", "рабочих мин"),
    "limit": ("шегі", "предел"), "due": ("мерзімі", "срок"),
}


def month_chart(report: AuditReport) -> Chart:
    """Cases per month of receipt: on time and late (the term missed), stacked."""
    slot, top, plot = 40, 20, 160
    peak = max((m.count for m in report.months), default=0)
    bars, labels = [], []
    for i, month in enumerate(report.months):
        y = top + plot
        for series, value in (("met", month.count - month.missed), ("missed", month.missed)):
            if value:
                height = max(1, value * plot // max(peak, 1))
                y -= height
                bars.append(Bar(50 + i * slot, y, slot - 8, height, series, value))
        labels.append((50 + i * slot + (slot - 8) // 2, top + plot + 16, month.key[0]))
    width = 60 + slot * max(len(report.months), 1)
    return Chart(width, top + plot + 30, tuple(bars), tuple(labels), ("met", "missed"), peak)


def step_chart(report: AuditReport) -> Chart:
    """The median working time of each step, as horizontal bars (the late share in red)."""
    row, left, plot = 22, 300, 400
    figures = [f for f in report.steps if f.median is not None]
    peak = max((f.median or 0 for f in figures), default=0)
    bars, labels = [], []
    for i, figure in enumerate(figures):
        y = 10 + i * row
        width = max(1, (figure.median or 0) * plot // max(peak, 1))
        series = "missed" if figure.late * 2 > figure.count else "met"
        bars.append(Bar(left, y, width, row - 6, series, figure.median or 0))
        name = " · ".join(figure.key)
        labels.append((left - 6, y + row - 10, name if len(name) <= 52 else name[:51] + "…"))
    return Chart(left + plot + 20, 20 + row * max(len(figures), 1), tuple(bars), tuple(labels),
                 ("met", "missed"), peak)


def _svg(chart: Chart, lang: str, caption: str, anchor: str) -> Markup:
    names = {"met": WORDS["on_time"][_LANG[lang]], "missed": WORDS["late"][_LANG[lang]]}
    template = environment().get_template("reports/chart.svg")
    return Markup(template.render(chart=chart, colours=COLOURS, caption=caption, anchor=anchor,
                                  names=names))


def audit_html(report: AuditReport, langs: Sequence[str] = ("kk", "ru")) -> str:
    """The audit's HTML in `langs` (Kazakh first)."""
    months, steps = month_chart(report), step_chart(report)
    template = environment().get_template("reports/audit.html")
    return template.render(
        r=report, langs=list(langs), totals=report.totals, lang_index=_LANG, font_stack=FONT_STACK,
        w=lambda key, lang: WORDS[key][_LANG[lang]],
        kind=lambda key, lang: KIND_WORDS.get(key, (key, key))[_LANG[lang]],
        month_svg={lang: _svg(months, lang, WORDS["months"][_LANG[lang]], "middle")
                   for lang in langs},
        step_svg={lang: _svg(steps, lang, WORDS["steps"][_LANG[lang]], "end") for lang in langs},
    ) + "\n"
