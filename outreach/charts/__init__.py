"""Charts people can read without seeing them: every figure comes with a one-sentence summary,
the same numbers as a table, and is drawn on the server as accessible SVG. Pure: plain rows and
the reader's locale in, no Flask, no database (an import-linter contract keeps it so)."""

from outreach.charts.figures import Chart, bars, choropleth, lines
from outreach.charts.geo import Outlines, outlines

__all__ = ["Chart", "Outlines", "bars", "choropleth", "lines", "outlines"]
