"""Change over time: each measure month by month for the city, and this quarter against the last
for the city and every neighbourhood, with intervals.

Shares are percents of residents, the same scale in every period; risk scores use the fixed
bounds of forms/lists/risk-index.toml, so a quarter's score compares with the last. The month in
progress is marked partial (its answers are still coming in), never read as a fall.
"""

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

from outreach.risk.config import RiskConfig
from outreach.services import insights
from outreach.services import survey as surveys
from outreach.services import survey_counts as counts
from outreach.services.area_estimates import Figure
from outreach.services.insights_cache import cached, cached_past
from outreach.services.survey_counts import ResponseFilter
from outreach.stats.direct import direct_share
from outreach.stats.intervals import Z_95
from outreach.stats.weighting import Stratum


@dataclass(frozen=True)
class Point:
    month: str
    share: float | None
    low: float | None
    high: float | None
    answers: int
    #: The month is not over yet.
    partial: bool


@dataclass(frozen=True)
class Change:
    before: Figure | None
    after: Figure | None
    #: after − before, with its 95 % interval (the two periods' samples are independent).
    difference: float | None = None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Quarters:
    previous: tuple[date, date]
    current: tuple[date, date]
    #: The current quarter is not over yet.
    partial: bool
    city: dict[str, Change]
    #: area code -> measure -> change, and "score" -> change of the risk score
    areas: dict[str, dict[str, Change]]
    scores: dict[str, tuple[float | None, float | None]]


def quarter_of(day: date) -> tuple[date, date]:
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    following = date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
    return first, following - timedelta(days=1)


def quarters(config: RiskConfig, public: bool = False, today: date | None = None) -> Quarters:
    """`public`: from figures that cannot give away a small group (insights.picture)."""
    today = today or date.today()
    current = quarter_of(today)
    previous = quarter_of(current[0] - timedelta(days=1))
    return cached(
        "quarters",
        (config, current, public),
        lambda: _quarters(config, previous, current, today, public),
    )


def _quarters(config: RiskConfig, previous, current, today: date, public: bool) -> Quarters:
    before = insights.past_picture(ResponseFilter(*previous), config, public=public)
    after = insights.picture(ResponseFilter(*current), config, shortlist=False, public=public)
    city = {m: change(before.city.get(m), after.city.get(m)) for m in after.measures}
    areas = {
        new.code: {m: change(old.estimates.get(m), new.estimates.get(m)) for m in after.measures}
        for old, new in zip(before.areas, after.areas, strict=True)
    }
    scores = {
        new.code: (_score(old), _score(new))
        for old, new in zip(before.areas, after.areas, strict=True)
    }
    return Quarters(previous, current, today < current[1], city, areas, scores)


def _score(area) -> float | None:
    return area.score.score if area.score and not area.score.missing else None


def change(before: Figure | None, after: Figure | None) -> Change:
    if before is None or after is None:
        return Change(before, after)
    difference = after.proportion - before.proportion
    spread = Z_95 * math.hypot(_se(before), _se(after))
    return Change(before, after, difference, difference - spread, difference + spread)


def _se(figure: Figure) -> float:
    return (figure.high - figure.low) / (2 * Z_95)


def monthly(measure: str, filters: ResponseFilter, today: date | None = None) -> list[Point]:
    """The city's share month by month (weighted to the city's residents by age)."""
    today = today or date.today()
    this_month = today.replace(day=1)
    points: list[Point] = []
    if not filters.start or filters.start < this_month:
        end = min(filters.end or this_month, this_month - timedelta(days=1))
        past = replace(filters, end=end)
        months = dict(insights.counts_by("month", ResponseFilter(filters.start, end)))
        every = cached_past("monthly", (past,), months, lambda: _monthly(past, today))
        points += every.get(measure, [])
    if not filters.end or filters.end >= this_month:
        now = replace(filters, start=max(filters.start or this_month, this_month))
        every = cached("monthly", (now, today.month), lambda: _monthly(now, today))
        points += every.get(measure, [])
    return points


def _monthly(filters: ResponseFilter, today: date) -> dict[str, list[Point]]:
    """Every measure of the current survey, month by month, from one count."""
    survey = surveys.instrument()
    population = insights.population()
    totals = {g.id: sum(p.get(g.population, 0) for p in population.values()) for g in survey.strata}
    found = counts.shares_by_month([m.id for m in survey.measures], survey.strata, filters)
    return {
        measure: [
            _point(month, cells, survey.strata, totals, today)
            for month, cells in sorted(months.items())
        ]
        for measure, months in found.items()
    }


def _point(month: str, cells: dict, strata, totals: dict[str, int], today: date) -> Point:
    found = direct_share([Stratum(totals[g.id], *cells.get(g.id, (0, 0))) for g in strata])
    return Point(
        month,
        found.proportion,
        found.low,
        found.high,
        found.answers,
        month >= f"{today:%Y-%m}",
    )
