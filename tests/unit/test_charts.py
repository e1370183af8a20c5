"""Charts: the figure is what plotly's own objects would build, and the SVG drawn from it says
the same numbers, in the reader's format, readable without seeing it and without JavaScript."""

import plotly.graph_objects as go
import pytest
from bs4 import BeautifulSoup

from outreach.charts import bars, choropleth, lines, outlines
from outreach.charts.drawing import width_em, wrap
from outreach.charts.geo import simplify
from outreach.charts.numbers import nice_ticks
from outreach.charts.plots import LABEL_SIZE, PAD, WIDTH

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


def _svg(chart) -> BeautifulSoup:
    page = BeautifulSoup(str(chart.svg), "html.parser")
    svg = page.select_one("svg")
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == f"{chart.id}-title {chart.id}-desc"
    assert "style=" not in str(chart.svg), (
        "presentation attributes only: CSP keeps style-src 'self'"
    )
    return svg


def _map(locale="en", values=(0.5, None, 2.345), names=("a", "b", "c"), **extra):
    return choropleth(
        "map", SHAPES, ["A", "B", "C"], list(values), list(names), "Title", "s", ([], []),
        locale=locale, **extra,
    )  # fmt: skip


def test_map_figure_is_what_plotly_would_build():
    chart = _map()
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
    reference.pop("template")  # never shipped: the page draws SVG, not plotly.js
    assert chart.figure["layout"] == reference


def test_map_svg_fills_each_area_with_its_value_and_names_the_missing():
    svg = _svg(_map(no_figure="No figure yet"))
    assert svg.select_one("title").get_text() == "Title"
    assert svg.select_one("desc").get_text() == "s"
    filled = {p["data-code"]: float(p["data-value"]) for p in svg.select("path[data-value]")}
    assert filled == {"A": 0.5, "C": 2.35}
    [grey] = [p for p in svg.select("path") if not p.has_attr("data-value")]
    assert grey["data-code"] == "B" and grey.select_one("title").get_text() == "No figure yet"
    assert "No figure yet" in svg.get_text(), "the legend names the grey"
    fills = {p["data-code"]: p["fill"] for p in svg.select("path")}
    assert len(set(fills.values())) == 3


def test_map_numbers_follow_the_locale_and_furigana_and_markup_stay_out():
    chart = _map("vi", values=(0.255, None, 0.5), names=("{東|ひがし}<b>", "b", "c"), share=True)
    svg = _svg(chart)
    tips = [p.select_one("title").get_text() for p in svg.select("path[data-value]")]
    assert "東<b>: 25,5%" in tips, tips  # Vietnamese decimal comma; the name is text, not markup
    assert "<b>" not in str(chart.svg) and "ひがし" not in str(chart.svg)


def test_bars_wrap_long_labels_and_format_values():
    long = "Very long label about something that is hard to do online without any help at all"
    svg = _svg(bars("b", [long, "短い"], [1200, 3], "Title", "s", ([], []), locale="pt_BR"))
    assert [float(r["data-value"]) for r in svg.select("rect.bar")] == [1200, 3]
    assert "1.200" in svg.get_text(), "Brazilian thousands separator"
    label_lines = [t.get_text() for t in svg.select("tspan")]
    assert len(label_lines) > 3 and long in " ".join(label_lines), "wrapped over lines, never cut"
    assert all(width_em(line) * LABEL_SIZE <= WIDTH - 2 * PAD for line in label_lines)


def test_empty_figures_draw_nothing_and_leave_the_words_to_the_summary():
    assert not bars("b", [], [], "T", "No answers yet.", ([], [])).svg
    assert not lines("l", [], {"x": []}, "T", "No answers yet.", ([], [])).svg


@pytest.mark.parametrize("months", [1, 2, 6])
def test_the_month_in_progress_is_hollow_apart_and_labelled(months):
    x = [f"M{i}" for i in range(months)]
    series = {"Answers": [100.0] * (months - 1) + [12.0], "Helped": [5.0] * months}
    chart = lines(
        "t", x, series, "T", "s", ([], []), y_title="People", partial="Hollow: so far",
        so_far="so far",
    )  # fmt: skip
    svg = _svg(chart)
    partial = svg.select(".partial")
    assert len(partial) == 2 + 1, "one hollow point per series, and one in the legend"
    assert all(p["fill"] == "#ffffff" for p in partial)
    assert svg.select_one("text.annotation").get_text() == "so far"
    last_x = max(float(p.get("cx", 0)) for p in partial)
    for polyline in svg.select("polyline"):
        xs = [float(point.split(",")[0]) for point in polyline["points"].split()]
        assert max(xs) < last_x, "no line runs into the month in progress"
    assert "Hollow: so far" in svg.get_text() and "People" in svg.get_text()


def test_a_finished_month_is_drawn_like_the_others():
    svg = _svg(lines("t", ["M0", "M1"], {"A": [1.0, 2.0]}, "T", "s", ([], [])))
    assert not svg.select(".partial") and not svg.select("text.annotation")
    assert len(svg.select("polyline")) == 1


def test_month_labels_never_overlap():
    x = [f"2026年{m}月" for m in range(1, 13)]
    svg = _svg(lines("t", x, {"A": [float(m) for m in range(12)]}, "T", "s", ([], [])))
    labels = [t for t in svg.select("text") if t.get_text() in x]
    assert labels[-1].get_text() == x[-1], "the latest month always shows"
    starts = [float(t["x"]) for t in labels]
    ends = [s + width_em(t.get_text()) * 13 for s, t in zip(starts, labels, strict=True)]
    assert all(end <= start for end, start in zip(ends, starts[1:], strict=False))


def test_wrap_breaks_japanese_between_characters_and_keeps_every_character():
    text = "高齢者のためのスマートフォン教室に参加したいが場所が遠くて行けない"
    lines_ = wrap(text, 14, 200)
    assert len(lines_) > 1 and "".join(lines_) == text


def test_douglas_peucker_drops_only_points_near_the_line():
    line = [(0.0, 0.0), (1.0, 0.1), (2.0, -0.1), (3.0, 5.0), (4.0, 0.0)]
    assert simplify(line, 0.5) == [(0.0, 0.0), (2.0, -0.1), (3.0, 5.0), (4.0, 0.0)]
    assert simplify(line, 10) == [(0.0, 0.0), (4.0, 0.0)]


def test_outlines_fit_the_width_and_keep_north_up():
    shapes = outlines(SHAPES, width=300)
    assert shapes.width == 300 and set(shapes.paths) == {"A", "B", "C"}
    assert shapes.height == pytest.approx(100, abs=0.1)
    # Area A's first corner is its south-west one: left edge, bottom of the drawing.
    assert shapes.paths["A"].startswith("M0 100l")


def test_nice_ticks_are_round_and_cover_the_top():
    assert nice_ticks(760) == [0, 200, 400, 600, 800]
    assert nice_ticks(0.8)[-1] >= 0.8
    assert nice_ticks(0) == [0.0, 1.0]
