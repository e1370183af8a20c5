"""Charts people can read without seeing them: every figure comes with a one-sentence summary and
the same numbers as a table. Pure: rows in, Plotly figure JSON out (drawn by static/js/charts.js)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import sequential

from outreach.i18n.markup import plain

#: A colour-blind-safe sequential scale (viridis); values are also printed in the table.
SCALE = sequential.Viridis


@dataclass
class Chart:
    id: str
    figure: dict[str, Any]
    summary: str
    #: (header row, body rows) of the numbers drawn
    table: tuple[list[str], list[list[Any]]] = field(default_factory=lambda: ([], []))


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": plain(title)},
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "font": {"family": "Noto Sans JP, Noto Sans, sans-serif", "size": 14},
        **extra,
    }


def choropleth(
    chart_id: str,
    geojson: dict,
    codes: list[str],
    values: list[float | None],
    names: list[str],
    title: str,
    summary: str,
    table: tuple,
) -> Chart:
    """A map of our own neighbourhood shapes on a blank background: no tiles, no internet."""
    shown = [(c, v, n) for c, v, n in zip(codes, values, names, strict=True) if v is not None]
    # Built as plain JSON: plotly's Python objects would validate (deep-copy) every boundary
    # point of the city on each new figure. tests/unit/test_charts.py checks it against them.
    trace = {
        "type": "choroplethmap",
        "geojson": geojson,
        "featureidkey": "properties.code",
        "locations": [c for c, _, _ in shown],
        "z": [round(v, 2) for _, v, _ in shown],
        "text": [n for _, _, n in shown],
        "colorscale": _viridis(),
        "marker": {"line": {"width": 0.5, "color": "#ffffff"}},
        "hovertemplate": "%{text}: %{z}<extra></extra>",
    }
    layout = _layout(
        title,
        map={"style": "white-bg", "center": {"lat": 34.827, "lon": 135.68}, "zoom": 10.3},
        height=520,
        template=_template(),
    )
    return Chart(chart_id, {"data": [trace], "layout": layout}, summary, table)


@cache
def _template() -> dict[str, Any]:
    """Plotly's default look, as go.Figure would have added it."""
    return pio.templates[pio.templates.default].to_plotly_json()


@cache
def _viridis() -> list[list]:
    """The scale as plotly's Python side expands the name 'Viridis'."""
    return [[i / (len(SCALE) - 1), colour] for i, colour in enumerate(SCALE)]


def bars(
    chart_id: str,
    labels: list[str],
    values: Sequence[float],
    title: str,
    summary: str,
    table: tuple,
    horizontal: bool = True,
) -> Chart:
    labels = [plain(label) for label in labels]  # an SVG label cannot show furigana
    trace = go.Bar(
        x=values if horizontal else labels,
        y=labels if horizontal else values,
        orientation="h" if horizontal else "v",
        marker={"color": "#0b4f8a"},
        text=[f"{v:g}" for v in values],
        textposition="auto",
    )
    layout = _layout(
        title,
        height=max(260, 36 * len(labels) + 80),
        yaxis={"automargin": True},
        xaxis={"automargin": True},
    )
    return Chart(chart_id, go.Figure(trace, layout).to_plotly_json(), summary, table)


def lines(
    chart_id: str,
    x: list[str],
    series: dict[str, list[float]],
    title: str,
    summary: str,
    table: tuple,
) -> Chart:
    dashes = ["solid", "dash", "dot"]
    traces = [
        go.Scatter(x=x, y=ys, name=plain(name), mode="lines+markers", line={"dash": dashes[i % 3]})
        for i, (name, ys) in enumerate(series.items())
    ]
    return Chart(
        chart_id, go.Figure(traces, _layout(title, height=320)).to_plotly_json(), summary, table
    )
