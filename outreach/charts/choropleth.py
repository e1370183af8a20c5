"""The choropleth map drawn as SVG from the Plotly figure's trace: each neighbourhood filled on
the figure's colour scale, a colour bar with the reader's number format, and the neighbourhoods
without a figure in a grey that the legend names. Every value is also in the table beside it,
so colour never carries the meaning alone."""

import itertools
from typing import Any

from outreach.charts.drawing import INK, MUTED, text, text_lines, wrap
from outreach.charts.geo import Outlines
from outreach.charts.numbers import number, percent
from outreach.charts.plots import PAD, TICK_SIZE, title_block

NO_FIGURE = "#e8e8e8"


def _hex(colour: str) -> tuple[int, ...]:
    if colour.startswith("rgb"):
        return tuple(int(v) for v in colour[colour.index("(") + 1 : -1].split(","))
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def colour_at(scale: list[list[Any]], t: float) -> str:
    """The colour at `t` (0–1) on a Plotly colour scale, interpolated between its stops."""
    t = min(1.0, max(0.0, t))
    for (t0, c0), (t1, c1) in itertools.pairwise(scale):
        if t <= t1:
            f = 0 if t1 == t0 else (t - t0) / (t1 - t0)
            rgb = (round(a + (b - a) * f) for a, b in zip(_hex(c0), _hex(c1), strict=True))
            return "#{:02x}{:02x}{:02x}".format(*rgb)
    return "#{:02x}{:02x}{:02x}".format(*_hex(scale[-1][1]))


def value_text(value: float, locale: str, share: bool) -> str:
    return percent(value, locale, "#,##0.0%") if share else number(value, locale, "#,##0.0")


def map_svg(
    figure: dict[str, Any], shapes: Outlines, locale: str, share: bool, no_figure: str
) -> tuple[str, float]:
    """The map, then its colour bar and the "no figure" swatch underneath."""
    [trace] = figure["data"]
    values = dict(zip(trace["locations"], trace["z"], strict=True))
    names = dict(zip(trace["locations"], trace.get("text") or trace["locations"], strict=True))
    low, high = min(values.values(), default=0), max(values.values(), default=1)
    span = (high - low) or 1
    scale = trace["colorscale"]
    svg, top = title_block(figure["layout"])
    inner = (shapes.width - 2 * PAD) / shapes.width
    parts = [
        svg,
        f'<g class="areas" transform="translate({PAD} {top:g}) scale({inner:.4f})" '
        'stroke="#ffffff" stroke-width="0.5">',
    ]
    for code, path in shapes.paths.items():
        if not path:
            continue
        value = values.get(code)
        if value is None:
            parts.append(
                f'<path d="{path}" fill="{NO_FIGURE}" data-code="{text(code)}"><title>'
                f"{text(no_figure)}</title></path>"
            )
            continue
        fill = colour_at(scale, (value - low) / span)
        label = f"{names.get(code, code)}: {value_text(value, locale, share)}"
        parts.append(
            f'<path d="{path}" fill="{fill}" data-code="{text(code)}" data-value="{value:g}">'
            f"<title>{text(label)}</title></path>"
        )
    parts.append("</g>")
    y = top + shapes.height * inner + 16
    legend, y = _colour_bar(scale, low, high, locale, share, y)
    parts.append(legend)
    parts.append(
        f'<rect x="{PAD}" y="{y:g}" width="22" height="14" fill="{NO_FIGURE}" stroke="{MUTED}" '
        f'stroke-width="0.5"/>'
    )
    lines = wrap(no_figure, TICK_SIZE, shapes.width - 2 * PAD - 30)
    parts.append(text_lines(lines, PAD + 30, y + 12, TICK_SIZE, 17))
    return "".join(parts), y + 17 * len(lines) + PAD


def _colour_bar(
    scale: list[list[Any]], low: float, high: float, locale: str, share: bool, y: float
) -> tuple[str, float]:
    """A gradient from the lowest to the highest value shown, labelled at both ends and the
    middle."""
    stops = "".join(
        f'<stop offset="{t:g}" stop-color="{colour_at(scale, t)}"/>'
        for t in (0, 0.25, 0.5, 0.75, 1)
    )
    width = 300
    marks = []
    for t, anchor in ((0, "start"), (0.5, "middle"), (1, "end")):
        label = value_text(low + (high - low) * t, locale, share)
        marks.append(
            f'<text x="{PAD + width * t:g}" y="{y + 34:g}" font-size="{TICK_SIZE}" fill="{INK}" '
            f'text-anchor="{anchor}">{text(label)}</text>'
        )
    svg = (
        f'<defs><linearGradient id="map-scale">{stops}</linearGradient></defs>'
        f'<rect x="{PAD}" y="{y:g}" width="{width}" height="16" fill="url(#map-scale)"/>'
        + "".join(marks)
    )
    return svg, y + 48
