"""Rows in, a Plotly figure out, and that figure drawn as inline SVG for the page.

The figure is the single description of each chart (traces, titles, colours, annotations); the
SVG is drawn from it on the server (outreach.charts.plots, .choropleth), so pages need no
plotly.js: they are light on a phone, and readable without JavaScript.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import plotly.graph_objects as go
from markupsafe import Markup
from plotly.colors import sequential

from outreach.charts.choropleth import map_svg
from outreach.charts.drawing import frame
from outreach.charts.geo import Outlines, outlines
from outreach.charts.numbers import number
from outreach.charts.plots import WIDTH, bar_svg, line_svg
from outreach.i18n.markup import plain

#: A colour-blind-safe sequential scale (viridis); values are also printed in the table.
SCALE = sequential.Viridis
#: Okabe–Ito colours, told apart by most colour-blind readers; each series also has its own
#: marker shape.
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up"]
MUTED = "#4a4a4a"


@dataclass
class Chart:
    id: str
    figure: dict[str, Any]
    summary: str
    #: (header row, body rows) of the numbers drawn
    table: tuple[list[str], list[list[Any]]] = field(default_factory=lambda: ([], []))
    #: The figure as an accessible inline SVG; empty when there is nothing to draw (the
    #: summary then says so in words).
    svg: Markup = field(default_factory=Markup)


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": plain(title)},
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "font": {"family": "Noto Sans JP, Noto Sans, sans-serif", "size": 14},
        **extra,
    }


@cache
def _viridis() -> list[list]:
    """The scale as plotly's Python side expands the name 'Viridis'."""
    return [[i / (len(SCALE) - 1), colour] for i, colour in enumerate(SCALE)]


def choropleth(
    chart_id: str,
    geojson: dict,
    codes: list[str],
    values: list[float | None],
    names: list[str],
    title: str,
    summary: str,
    table: tuple,
    *,
    locale: str = "en",
    share: bool = False,
    no_figure: str = "No figure yet",
    shapes: Outlines | None = None,
) -> Chart:
    """A map of our own neighbourhood shapes on a blank background: no tiles, no internet.

    `shapes` are the boundaries already projected and simplified (callers cache them: they
    change only with the neighbourhoods); without them they are made from `geojson`.
    """
    shown = [(c, v, n) for c, v, n in zip(codes, values, names, strict=True) if v is not None]
    # Built as plain JSON: plotly's Python objects would validate (deep-copy) every boundary
    # point of the city on each new figure. tests/unit/test_charts.py checks it against them.
    trace = {
        "type": "choroplethmap",
        "geojson": geojson,
        "featureidkey": "properties.code",
        "locations": [c for c, _, _ in shown],
        # Scores to hundredths; shares (0–1) to hundredths of a percent, as their table shows them.
        "z": [round(v, 4 if share else 2) for _, v, _ in shown],
        "text": [plain(n) for _, _, n in shown],
        "colorscale": _viridis(),
        "marker": {"line": {"width": 0.5, "color": "#ffffff"}},
        "hovertemplate": "%{text}: %{z}<extra></extra>",
    }
    layout = _layout(
        title,
        map={"style": "white-bg", "center": {"lat": 34.827, "lon": 135.68}, "zoom": 10.3},
        height=520,
    )
    figure = {"data": [trace], "layout": layout}
    shapes = shapes or outlines(geojson)
    if not shapes.paths:
        return Chart(chart_id, figure, summary, table)
    body, height = map_svg(figure, shapes, locale, share, no_figure)
    return Chart(
        chart_id,
        figure,
        summary,
        table,
        frame(chart_id, title, summary, shapes.width, height, body),
    )


def bars(
    chart_id: str,
    labels: list[str],
    values: Sequence[float],
    title: str,
    summary: str,
    table: tuple,
    *,
    locale: str = "en",
) -> Chart:
    labels = [plain(label) for label in labels]  # an SVG label cannot show furigana
    trace = go.Bar(
        x=list(values),
        y=labels,
        orientation="h",
        marker={"color": "#0b4f8a"},
        text=[number(v, locale) for v in values],
        textposition="auto",
    )
    layout = _layout(
        title,
        height=max(260, 36 * len(labels) + 80),
        yaxis={"automargin": True, "autorange": "reversed"},
        xaxis={"automargin": True},
    )
    figure = go.Figure(trace, layout).to_plotly_json()
    if not labels:
        return Chart(chart_id, figure, summary, table)
    body, height = bar_svg(figure, locale)
    return Chart(
        chart_id, figure, summary, table, frame(chart_id, title, summary, WIDTH, height, body)
    )


def lines(
    chart_id: str,
    x: list[str],
    series: dict[str, list[float | None]],
    title: str,
    summary: str,
    table: tuple,
    *,
    locale: str = "en",
    y_title: str = "",
    partial: str = "",
    so_far: str = "so far",
) -> Chart:
    """Series over months. With `partial` (the legend's words for it), the last month is still
    in progress: its points are hollow, set apart from the line and labelled `so_far`, so a
    month not yet over never reads as a fall."""
    traces = []
    for i, (name, ys) in enumerate(series.items()):
        colour, symbol = SERIES_COLOURS[i % 7], SYMBOLS[i % 4]
        style = {"line": {"color": colour, "dash": "solid"}, "legendgroup": str(i)}
        done = len(x) - 1 if partial else len(x)
        traces.append(
            go.Scatter(
                x=x[:done],
                y=ys[:done],
                name=plain(name),
                mode="lines+markers",
                marker={"symbol": symbol, "color": colour},
                **style,
            )
        )
        if partial:
            traces.append(_in_progress(x, ys, colour, symbol, style))
    layout = _layout(
        title,
        height=320,
        xaxis={"type": "category", "categoryarray": x, "categoryorder": "array"},
        yaxis={"title": {"text": plain(y_title)}, "rangemode": "tozero"},
    )
    if partial and x:
        top = max((ys[-1] or 0 for ys in series.values()), default=0)
        layout["annotations"] = [{"x": x[-1], "y": top, "text": so_far, "showarrow": False}]
        traces.append(_partial_key(partial))
    figure = go.Figure(traces, layout).to_plotly_json()
    if not x:
        return Chart(chart_id, figure, summary, table)
    body, height = line_svg(figure, locale)
    return Chart(
        chart_id, figure, summary, table, frame(chart_id, title, summary, WIDTH, height, body)
    )


def _in_progress(x: list[str], ys: list, colour: str, symbol: str, style: dict) -> go.Scatter:
    """The month in progress: a hollow point on its own, not joined to the month before, so
    a count that is still rising is not drawn as a fall."""
    return go.Scatter(
        x=x[-1:], y=ys[-1:], mode="markers", showlegend=False,
        marker={"symbol": f"{symbol}-open", "color": colour}, **style,
    )  # fmt: skip


def _partial_key(words: str) -> go.Scatter:
    """A legend entry with no points: what a hollow point means."""
    return go.Scatter(
        x=[], y=[], name=plain(words), mode="markers",
        marker={"symbol": "circle-open", "color": MUTED},
    )  # fmt: skip
