"""Reading the numbers back out of a page's server-drawn SVG charts, as a test would read a table."""

from bs4 import BeautifulSoup


def map_values(page: BeautifulSoup, chart_id: str = "risk-map") -> dict[str, float]:
    """Area code -> value of every neighbourhood the map fills with a colour."""
    svg = page.select_one(f"svg#{chart_id}")
    assert svg is not None, f"no map {chart_id} on the page"
    return {p["data-code"]: float(p["data-value"]) for p in svg.select("path[data-value]")}


def bar_values(page: BeautifulSoup, chart_id: str) -> list[float]:
    svg = page.select_one(f"svg#{chart_id}")
    assert svg is not None, f"no chart {chart_id} on the page"
    return [float(bar["data-value"]) for bar in svg.select("rect.bar")]
