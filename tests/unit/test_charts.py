"""The map is built as plain JSON for speed: it must be what plotly's own objects would build."""

import plotly.graph_objects as go

from outreach.charts import choropleth

SHAPES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"code": code},
            "geometry": {"type": "Polygon", "coordinates": [[[x, 0], [x + 1, 0], [x, 1], [x, 0]]]},
        }
        for x, code in enumerate(["A", "B", "C"])
    ],
}


def test_map_figure_is_what_plotly_would_build():
    chart = choropleth(
        "map", SHAPES, ["A", "B", "C"], [0.5, None, 2.345], ["a", "b", "c"], "Title", "s", ([], [])
    )
    [trace] = chart.figure["data"]
    expected = go.Choroplethmap(
        geojson=SHAPES,
        featureidkey="properties.code",
        locations=["A", "C"],
        z=[0.5, 2.35],
        text=["a", "c"],
        colorscale="Viridis",
        marker={"line": {"width": 0.5, "color": "#ffffff"}},
        hovertemplate="%{text}: %{z}<extra></extra>",
    ).to_plotly_json()
    assert trace == expected
    reference = go.Figure(layout=chart.figure["layout"]).to_plotly_json()["layout"]
    assert chart.figure["layout"] == reference
