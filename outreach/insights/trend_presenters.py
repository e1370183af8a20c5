"""Presenters for change over time: each measure month by month, and this quarter against the
last, in the reader's language."""

from typing import Any

from flask import current_app
from flask_babel import format_percent

from outreach.charts import Chart, lines
from outreach.i18n import said, unruby
from outreach.insights import summaries
from outreach.insights.months import in_progress, month_label, month_name, over_time
from outreach.insights.params import Choices
from outreach.insights.presenters import indicator_names
from outreach.services import trends
from outreach.services.picture import Picture


def measures_chart(result: Picture, choices: Choices) -> Chart:
    """Every survey measure's city share, month by month (percent of residents)."""
    names = indicator_names()
    series_by_measure = {m: trends.monthly(m, choices.breakdown_filters) for m in result.measures}
    months = sorted({p.month for points in series_by_measure.values() for p in points})
    series: dict[str, list[Any]] = {}
    for measure, points in series_by_measure.items():
        by_month = {p.month: p.share for p in points}
        series[unruby(str(names[measure]))] = [_percent(by_month.get(m)) for m in months]
    labels = [month_label(m) for m in months]
    summary = said("No answers yet.")
    if months:
        sentences = [
            said("Shares of residents, month by month."),
            summaries.period(month_name(months[0]), month_name(months[-1])),
        ]
        if in_progress(months[-1]):
            sentences.append(summaries.month_in_progress())
        summary = " ".join(sentences)
    table = (
        [said("Month"), *series],
        [[label, *(_cell(v[i]) for v in series.values())] for i, label in enumerate(labels)],
    )
    return lines(
        "measures-trend",
        [month_name(m) for m in months],
        series,
        said("Each measure, month by month"),
        summary,
        table,
        **over_time(months, said("Share of residents, in percent")),
    )


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def _cell(value: float | None) -> str:
    return "—" if value is None else format_percent(value / 100, "#,##0.0%")


def quarter_context(public: bool = False) -> dict[str, Any]:
    """The change since last quarter, for the city and per neighbourhood."""
    config = current_app.extensions["outreach_risk"]
    found = trends.quarters(config, public)
    return {"quarters": found, "change_text": change_text}


def change_text(change: trends.Change) -> str:
    """'+3 points (−1 to +7)', or a dash when one of the quarters has no figure."""
    if change.difference is None:
        return "—"
    return said(
        "%(change)s points (%(low)s to %(high)s)",
        change=_points(change.difference),
        low=_points(change.low),
        high=_points(change.high),
    )


def _points(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:+.0f}"
