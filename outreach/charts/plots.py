"""Bar and line figures drawn as SVG on the server, from the Plotly figure itself (its traces,
axis titles and annotations): readable on a 390 px phone, without any JavaScript.

The drawings are 400 units wide and scale with the page; on a phone (a column of about 360 px)
14-unit text stays about 12.5 px, so labels are wrapped to the width rather than shrunk or cut.
"""

from typing import Any

from outreach.charts.drawing import GRID, INK, MUTED, text, text_lines, width_em, wrap
from outreach.charts.numbers import nice_ticks, number

WIDTH = 400
PAD = 8
TITLE_SIZE = 16
LABEL_SIZE = 14
TICK_SIZE = 13


def title_block(layout: dict[str, Any]) -> tuple[str, float]:
    """The figure's title as bold wrapped lines; returns the SVG and the height it takes."""
    title = (layout.get("title") or {}).get("text") or ""
    if not title:
        return "", PAD
    lines = wrap(title, TITLE_SIZE, WIDTH - 2 * PAD)
    svg = text_lines(lines, PAD, PAD + TITLE_SIZE, TITLE_SIZE, 20, font_weight="700")
    return svg, PAD + 20 * len(lines) + 8


def bar_svg(figure: dict[str, Any], locale: str) -> tuple[str, float]:
    """Horizontal bars, each label on its own line above its bar (long labels wrap)."""
    [trace] = figure["data"]
    labels, values = list(trace["y"]), [float(v) for v in trace["x"]]
    shown = [str(t) for t in trace.get("text") or [number(v, locale) for v in values]]
    svg, y = title_block(figure["layout"])
    room = max((width_em(s) for s in shown), default=1) * LABEL_SIZE + 12
    span = WIDTH - 2 * PAD - room
    top = max(values, default=0) or 1
    colour = trace.get("marker", {}).get("color", "#0b4f8a")
    parts = [svg]
    for label, value, shown_value in zip(labels, values, shown, strict=True):
        lines = wrap(str(label), LABEL_SIZE, WIDTH - 2 * PAD)
        parts.append(text_lines(lines, PAD, y + LABEL_SIZE, LABEL_SIZE, 18))
        y += 18 * len(lines) + 4
        length = max(span * value / top, 1 if value else 0)
        parts.append(
            f'<rect class="bar" x="{PAD}" y="{y:g}" width="{length:.1f}" height="20" '
            f'fill="{colour}" data-value="{value:g}"/>'
            f'<text x="{PAD + length + 6:.1f}" y="{y + 15:g}" font-size="{LABEL_SIZE}" '
            f'fill="{INK}">{text(shown_value)}</text>'
        )
        y += 20 + 12
    return "".join(parts), y + PAD


#: Marker shapes, so that series differ by more than their colour.
def _marker(symbol: str, x: float, y: float, colour: str, partial: bool) -> str:
    fill = "#ffffff" if partial or symbol.endswith("-open") else colour
    attrs = f'fill="{fill}" stroke="{colour}" stroke-width="2"'
    mark = ' class="partial"' if partial else ""
    base = symbol.removesuffix("-open")
    if base == "square":
        return f'<rect{mark} x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" {attrs}/>'
    if base == "diamond":
        points = f"{x:.1f},{y - 5.5:.1f} {x + 5.5:.1f},{y:.1f} {x:.1f},{y + 5.5:.1f} {x - 5.5:.1f},{y:.1f}"
        return f'<polygon{mark} points="{points}" {attrs}/>'
    if base == "triangle-up":
        points = f"{x:.1f},{y - 5.5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        return f'<polygon{mark} points="{points}" {attrs}/>'
    return f'<circle{mark} cx="{x:.1f}" cy="{y:.1f}" r="4.5" {attrs}/>'


DASHES = {"solid": "", "dot": ' stroke-dasharray="2 4"', "dash": ' stroke-dasharray="7 4"'}


class _Axes:
    """Where categories and values fall inside the plot area."""

    def __init__(self, categories: list[str], top: float, box: tuple[float, float, float, float]):
        self.categories = categories
        self.top = top
        self.left, self.y0, self.right, self.bottom = box

    def x(self, category: str) -> float:
        n = len(self.categories)
        if n == 1:
            return (self.left + self.right) / 2
        i = self.categories.index(category)
        return self.left + (self.right - self.left) * i / (n - 1)

    def y(self, value: float) -> float:
        return self.bottom - (self.bottom - self.y0) * value / self.top


def _series(trace: dict[str, Any], axes: _Axes) -> str:
    """One trace: its line (broken where a month has no figure) and its markers."""
    line = trace.get("line") or {}
    marker = trace.get("marker") or {}
    colour = line.get("color") or marker.get("color") or INK
    dash = DASHES.get(line.get("dash", "solid"), "")
    points = [
        (axes.x(str(x)), axes.y(float(y)), i)
        for i, (x, y) in enumerate(zip(trace["x"], trace["y"], strict=True))
        if y is not None
    ]
    parts = []
    runs: list[list[tuple[float, float, int]]] = []
    for p in points:
        if runs and runs[-1][-1][2] == p[2] - 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    for run in runs:
        if len(run) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in run)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
            )
    symbols = marker.get("symbol", "circle")
    for x, y, i in points:
        symbol = symbols[i] if isinstance(symbols, list | tuple) else symbols
        parts.append(_marker(str(symbol), x, y, colour, str(symbol).endswith("-open")))
    return "".join(parts)


def _x_labels(axes: _Axes, y: float) -> str:
    """Category labels under the axis, placed from the last one back, each only where it
    does not touch the one after it: they never overlap, and the latest month always shows."""
    parts: list[str] = []
    limit: float = WIDTH - PAD + 8  # the gap kept before the next label; none after the last
    for category in reversed(axes.categories):
        x, wide = axes.x(category), width_em(category) * TICK_SIZE * 1.1
        left = min(max(x - wide / 2, PAD), WIDTH - PAD - wide)
        if left + wide + 8 > limit:
            continue
        parts.append(
            f'<text x="{left:.1f}" y="{y:g}" font-size="{TICK_SIZE}" fill="{INK}">'
            f"{text(category)}</text>"
        )
        limit = left
    return "".join(reversed(parts))


def _legend(traces: list[dict[str, Any]], y: float) -> tuple[str, float]:
    parts = []
    for trace in traces:
        if trace.get("showlegend") is False or not trace.get("name"):
            continue
        line = trace.get("line") or {}
        symbol = (trace.get("marker") or {}).get("symbol", "circle")
        symbol = symbol[-1] if isinstance(symbol, list | tuple) else symbol
        colour = line.get("color") or (trace.get("marker") or {}).get("color") or INK
        dash = DASHES.get(line.get("dash", "solid"), "")
        lines = wrap(str(trace["name"]), LABEL_SIZE, WIDTH - 2 * PAD - 40)
        sample = (
            f'<line x1="{PAD}" x2="{PAD + 30}" y1="{y + 9:g}" y2="{y + 9:g}" stroke="{colour}" '
            f'stroke-width="2.5"{dash}/>'
            if "lines" in trace.get("mode", "lines")
            else ""
        )
        parts.append(
            sample
            + _marker(str(symbol), PAD + 15, y + 9, colour, str(symbol).endswith("-open"))
            + text_lines(lines, PAD + 40, y + 14, LABEL_SIZE, 18)
        )
        y += 18 * len(lines) + 6
    return "".join(parts), y


def line_svg(figure: dict[str, Any], locale: str) -> tuple[str, float]:
    """Lines over categories (months), with round y ticks in the reader's number format, the
    y axis title above the axis, annotations beside their points and a legend underneath."""
    layout = figure["layout"]
    traces = [t for t in figure["data"] if len(t.get("x") or ())]
    categories = [str(c) for c in (layout.get("xaxis") or {}).get("categoryarray") or []]
    values = [float(v) for t in traces for v in t["y"] if v is not None]
    svg, y = title_block(layout)
    parts = [svg]
    y_title = ((layout.get("yaxis") or {}).get("title") or {}).get("text")
    if y_title:
        lines = wrap(y_title, TICK_SIZE, WIDTH - 2 * PAD)
        parts.append(text_lines(lines, PAD, y + TICK_SIZE, TICK_SIZE, 17))
        y += 17 * len(lines) + 10
    ticks = nice_ticks(max(values, default=0))
    tick_text = [number(t, locale) for t in ticks]
    left = PAD + max(width_em(t) for t in tick_text) * TICK_SIZE + 8
    axes = _Axes(categories, ticks[-1], (left, y, WIDTH - PAD - 8, y + 200))
    for tick, label in zip(ticks, tick_text, strict=True):
        ty = axes.y(tick)
        parts.append(
            f'<line x1="{left:.1f}" x2="{axes.right:g}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6:.1f}" y="{ty + 4:.1f}" font-size="{TICK_SIZE}" fill="{MUTED}" '
            f'text-anchor="end">{text(label)}</text>'
        )
    if categories:
        parts.append(_x_labels(axes, axes.bottom + 20))
    parts.extend(_series(t, axes) for t in traces)
    for note in layout.get("annotations") or []:
        parts.append(_annotation(note, axes))
    legend, y = _legend(figure["data"], axes.bottom + 38)
    parts.append(legend)
    return "".join(parts), y + PAD


def _annotation(note: dict[str, Any], axes: _Axes) -> str:
    """A note beside a point (e.g. "so far" on the month in progress), kept inside the drawing."""
    x, y = axes.x(str(note["x"])), axes.y(float(note["y"])) - 12
    anchor = "end" if x > (axes.left + axes.right) / 2 else "start"
    return (
        f'<text class="annotation" x="{x:.1f}" y="{y:.1f}" font-size="{TICK_SIZE}" '
        f'font-weight="700" fill="{INK}" text-anchor="{anchor}">{text(note["text"])}</text>'
    )
