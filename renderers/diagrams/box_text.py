"""What a diagram's box says and how big it is: texts placed in boxes sized to them.

The box of a step holds its action wrapped to `BOX_W` (headed «1-үдеріс» / «Процесс 1» for
the portal's numbered steps) and, under a rule, its time limit in the regulation's words; a
decision's box adds a diamond at its outgoing end (below it, or after it in a horizontal
layout); an end symbol is a circle with its caption; an outcome's label box fits its label.
Every line is placed (`TextLine`: centre and baseline) relative to the box's top-left
corner, so `renderers.diagrams.layout` can move boxes and the tests can check that no text leaves
its box. Widths come from `renderers.diagrams.text_metrics` (an upper bound for DejaVu Sans).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from engine.spec import Step, Text
from renderers.diagrams.text_metrics import text_width, wrap
from renderers.documents.words import duration_text

__all__ = [
    "BOX_W",
    "CIRCLE",
    "DIAMOND_H",
    "DIAMOND_W",
    "ENDINGS",
    "FONT",
    "LINE",
    "Content",
    "Rect",
    "TextLine",
    "block",
    "label_content",
    "node_content",
    "step_heading",
    "time_limit",
]

Orientation = Literal["vertical", "horizontal"]

FONT, LINE = 11, 14  # box text: size and line height (px)
SMALL, SMALL_LINE = 10, 13  # time limits, labels, captions
ASCENT, DESCENT = 0.93, 0.24  # DejaVu Sans, in ems
BOX_W, PAD = 220, 8
DIAMOND_W, DIAMOND_H = 44, 30
CIRCLE = 30
LABEL_W = 150
CAPTION_W = 110

#: Captions of the end symbols, by how the case ends.
ENDINGS: Mapping[str, Text] = {
    "result": Text("Нәтиже", "Результат", "Result"),
    "refusal": Text("Дәлелді бас тарту", "Мотивированный отказ", "Reasoned refusal"),
    "refusal_to_accept": Text("Құжаттарды қабылдаудан бас тарту", "Отказ в приеме документов",
                              "Refusal to accept the documents"),
}


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle."""

    x: float
    y: float
    w: float
    h: float

    def contains(self, other: Rect, slack: float = 0.0) -> bool:
        """True when `other` lies inside this rectangle (grown by `slack`)."""
        return (other.x >= self.x - slack and other.y >= self.y - slack
                and other.x + other.w <= self.x + self.w + slack
                and other.y + other.h <= self.y + self.h + slack)

    def overlaps(self, other: Rect) -> bool:
        """True when the interiors of the two rectangles intersect."""
        return (self.x < other.x + other.w and other.x < self.x + self.w
                and self.y < other.y + other.h and other.y < self.y + self.h)


@dataclass(frozen=True)
class TextLine:
    """One line of text: `x` is its centre (or its start), `y` its baseline."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    italic: bool = False
    anchor: Literal["middle", "start"] = "middle"

    def bounds(self) -> Rect:
        """The rectangle the line's glyphs stay within (estimated, an upper bound)."""
        width = text_width(self.text, self.size, bold=self.bold)
        left = self.x - width / 2 if self.anchor == "middle" else self.x
        return Rect(left, self.y - ASCENT * self.size, width, (ASCENT + DESCENT) * self.size)


@dataclass(frozen=True)
class Content:
    """A box's size and its text relative to the box's top-left corner."""

    w: float
    h: float
    lines: tuple[TextLine, ...]
    body_h: float
    divider: float | None = None
    diamond: bool = False


def step_heading(step: Step, lang: str) -> str | None:
    """"1-үдеріс" / "Процесс 1", "1-шарт" / "Условие 1" for numbered portal steps."""
    if step.number is None or step.kind not in ("process", "condition"):
        return None
    if step.kind == "process":
        return f"{step.number}-үдеріс" if lang == "kk" else f"Процесс {step.number}"
    return f"{step.number}-шарт" if lang == "kk" else f"Условие {step.number}"


def time_limit(step: Step, lang: str) -> str | None:
    """A step's time limit as the regulation words it ("5 (бес) минут ішінде").

    The spec's own `duration_text` when it has one (the legal wording), else the
    duration in legal words; None when the text gives the step no time limit.
    """
    if step.duration_text is not None:
        return step.duration_text.get(lang)
    if step.duration is not None:
        return duration_text(step.duration, lang, form="within")
    return None


def block(texts: list[tuple[tuple[str, ...], float, float, bool, bool]], width: float,
           top: float) -> tuple[list[TextLine], float]:
    """Lines centred on `width`, stacked from `top`; returns them and the bottom."""
    lines = []
    y = top
    for rows, size, line, bold, italic in texts:
        for row in rows:
            baseline = y + (line - (ASCENT + DESCENT) * size) / 2 + ASCENT * size
            lines.append(TextLine(width / 2, round(baseline, 1), row, size, bold, italic))
            y += line
    return lines, y


def step_content(step: Step, lang: str) -> Content:
    inner = BOX_W - 2 * PAD
    texts: list[tuple[tuple[str, ...], float, float, bool, bool]] = []
    heading = step_heading(step, lang)
    if heading:
        texts.append(((heading,), FONT, LINE, True, False))
    texts.append((wrap(step.action.get(lang), inner, FONT), FONT, LINE, False, False))
    lines, bottom = block(texts, BOX_W, PAD)
    divider = None
    limit = time_limit(step, lang)
    if limit:
        divider = bottom + 4
        more, bottom = block([(wrap(limit, inner, SMALL, bold=False), SMALL, SMALL_LINE,
                                False, True)], BOX_W, divider + 4)
        lines += more
    body_h = bottom + PAD
    return Content(BOX_W, body_h, tuple(lines), body_h, divider)


def end_content(ending: str, lang: str, orientation: Orientation) -> Content:
    caption = wrap(ENDINGS.get(ending, ENDINGS["result"]).get(lang), CAPTION_W, SMALL)
    width = max(text_width(row, SMALL) for row in caption)
    if orientation == "vertical":
        w = max(float(CIRCLE), width + 4)
        lines, bottom = block([(caption, SMALL, SMALL_LINE, False, False)], w, CIRCLE + 3)
        return Content(w, bottom, tuple(lines), bottom)
    h = max(float(CIRCLE), SMALL_LINE * len(caption))
    lines, _ = block([(caption, SMALL, SMALL_LINE, False, False)], width + 4,
                      (h - SMALL_LINE * len(caption)) / 2)
    shifted = tuple(TextLine(line.x + CIRCLE + 4, line.y, line.text, line.size)
                    for line in lines)
    return Content(CIRCLE + 4 + width + 4, h, shifted, h)


def label_content(label: Text | None, lang: str) -> Content:
    if label is None:  # a return without a label still turns in a small box
        return Content(8, 8, (), 8)
    rows = wrap(label.get(lang), LABEL_W - 8, SMALL)
    w = float(int(max(text_width(row, SMALL) for row in rows)) + 9)
    lines, bottom = block([(rows, SMALL, SMALL_LINE, False, False)], w, 3)
    return Content(w, bottom + 3, tuple(lines), bottom + 3)


def node_content(data: Mapping[str, object], lang: str, orientation: Orientation) -> Content:
    kind = data["kind"]
    if kind == "start":
        return Content(CIRCLE, CIRCLE, (), CIRCLE)
    if kind == "end":
        return end_content(str(data.get("ending", "result")), lang, orientation)
    step = data["step"]
    assert isinstance(step, Step)
    content = step_content(step, lang)
    if kind in ("decision", "condition") or step.outcomes:
        if orientation == "vertical":
            return Content(content.w, content.h + DIAMOND_H, content.lines, content.body_h,
                            content.divider, diamond=True)
        return Content(content.w + DIAMOND_W, content.h, content.lines, content.body_h,
                        content.divider, diamond=True)
    return content
