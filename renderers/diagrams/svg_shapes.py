"""What the SVG templates draw, as strings: boxes, legend symbols, paths and text lines.

`shape(box)` turns a box of the layout into its rectangle, diamond, circle (with its mark)
and text; `symbol(name, ...)` draws a legend symbol in its cell; `path` draws a route;
`fmt` writes every coordinate. The reference style (`renderers.diagrams.swimlane`) marks
a reasoned refusal with a cross and a refusal to accept with a bar; the interaction style
(`renderers.diagrams.portal`) marks messages, the result and errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from renderers.diagrams.layout import CIRCLE, Box, Rect, TextLine

__all__ = ["SYMBOL_W", "Style", "fmt", "line_view", "path", "rect_view", "shape", "symbol"]

#: The width of a legend symbol's cell (its height is 26).
SYMBOL_W = 56


def fmt(value: float) -> str:
    """A coordinate as SVG wants it: no trailing zeros, at most one decimal."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


Style = Literal["reference", "interaction"]


def shape(box: Box, style: Style = "reference") -> dict[str, object]:
    """What the templates draw for a box: its rectangle, diamond, circle and text."""
    view: dict[str, object] = {
        "node": box.node, "kind": box.kind, "ending": box.ending or "",
        "x": fmt(box.x), "y": fmt(box.y), "w": fmt(box.w), "h": fmt(box.h),
        "body": rect_view(box.body), "lines": [line_view(t) for t in box.lines],
        "diamond": _diamond(box.diamond) if box.diamond else "", "divider": "",
    }
    if box.divider is not None:
        view["divider"] = {"x1": fmt(box.x + 8), "x2": fmt(box.x + box.w - 8),
                           "y": fmt(box.divider)}
    if box.kind in ("start", "end"):
        first = box.lines[0].bounds() if box.lines else None
        beside = first is not None and first.x >= box.x + CIRCLE
        cx = box.x + CIRCLE / 2 if beside else box.x + box.w / 2
        cy = box.y + box.h / 2 if beside else box.y + CIRCLE / 2
        r = CIRCLE / 2 - 1.5
        view["circle"] = {"cx": fmt(cx), "cy": fmt(cy), "r": fmt(r)}
        view["mark"] = _mark(box.ending, cx, cy, r, style)
    return view


def _mark(ending: str | None, cx: float, cy: float, r: float, style: Style = "reference") -> str:
    """The path inside a start or end circle.

    The reference marks a reasoned refusal with a cross and a refusal to accept with a
    bar; the interaction diagram marks the start with an envelope (the initial
    message), the result with a document and refusals with the error flash.
    """
    if style == "interaction":
        return _interaction_mark(ending, cx, cy, r)
    d = r * 0.5
    if ending == "refusal":
        return (f"M{fmt(cx - d)},{fmt(cy - d)} L{fmt(cx + d)},{fmt(cy + d)} "
                f"M{fmt(cx - d)},{fmt(cy + d)} L{fmt(cx + d)},{fmt(cy - d)}")
    if ending == "refusal_to_accept":
        return f"M{fmt(cx - r * 0.6)},{fmt(cy)} L{fmt(cx + r * 0.6)},{fmt(cy)}"
    return ""


def _interaction_mark(ending: str | None, cx: float, cy: float, r: float) -> str:
    u = r / 11
    if ending is None:
        return (f"M{fmt(cx - 6 * u)},{fmt(cy - 4 * u)} h{fmt(12 * u)} v{fmt(8 * u)} "
                f"h{fmt(-12 * u)} z M{fmt(cx - 6 * u)},{fmt(cy - 4 * u)} l{fmt(6 * u)},{fmt(5 * u)} "
                f"l{fmt(6 * u)},{fmt(-5 * u)}")
    if ending == "result":
        return (f"M{fmt(cx - 4 * u)},{fmt(cy - 6 * u)} h{fmt(5 * u)} l{fmt(3 * u)},{fmt(3 * u)} "
                f"v{fmt(9 * u)} h{fmt(-8 * u)} z M{fmt(cx + u)},{fmt(cy - 6 * u)} v{fmt(3 * u)} "
                f"h{fmt(3 * u)}")
    return (f"M{fmt(cx - 5 * u)},{fmt(cy + 6 * u)} l{fmt(3 * u)},{fmt(-9 * u)} "
            f"l{fmt(3 * u)},{fmt(5 * u)} l{fmt(3 * u)},{fmt(-8 * u)}")


def rect_view(rect: Rect) -> dict[str, str]:
    return {"x": fmt(rect.x), "y": fmt(rect.y), "w": fmt(rect.w), "h": fmt(rect.h)}


def _diamond(rect: Rect) -> str:
    cx, cy = rect.x + rect.w / 2, rect.y + rect.h / 2
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in
                    ((cx, rect.y), (rect.x + rect.w, cy), (cx, rect.y + rect.h), (rect.x, cy)))


def line_view(line: TextLine) -> dict[str, object]:
    return {"x": fmt(line.x), "y": fmt(line.y), "text": line.text, "size": fmt(line.size),
            "bold": line.bold, "italic": line.italic, "anchor": line.anchor}


def path(points: Sequence[tuple[float, float]]) -> str:
    """An SVG path through `points`."""
    return " ".join(f"{'M' if i == 0 else 'L'}{fmt(x)},{fmt(y)}" for i, (x, y) in enumerate(points))


def symbol(name: str, x: float, y: float, lang: str,
           style: Style = "reference") -> dict[str, object]:
    """The shape of a legend symbol drawn in the `SYMBOL_W` x 26 cell at (x, y)."""
    cx, cy = x + SYMBOL_W / 2, y + 13
    if name in ("unit", "step", "process"):
        label: dict[str, object] | str = ""
        if name == "unit":
            label = line_view(TextLine(cx, cy + 4, "ҚФБ" if lang == "kk" else "СФЕ", 10, bold=True))
        return {"kind": "rect", "cls": "lane-header" if name == "unit" else "step",
                "x": fmt(x), "y": fmt(y), "w": fmt(SYMBOL_W), "h": "26", "text": label}
    if name in ("start", "result", "refusal", "refusal_to_accept", "message"):
        ending = None if name in ("start", "message") else name
        return {"kind": "circle", "cls": "start" if ending is None else "end", "cx": fmt(cx),
                "cy": fmt(cy), "r": "11", "mark": _mark(ending, cx, cy, 11, style)}
    if name in ("choice", "condition"):
        return {"kind": "diamond", "points": _diamond(Rect(cx - 20, cy - 13, 40, 26))}
    return {"kind": "path", "cls": "message" if name == "message_flow" else "flow",
            "d": path([(x, cy), (x + SYMBOL_W, cy)]), "arrow": True}
