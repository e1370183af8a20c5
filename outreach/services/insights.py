"""Neighbourhood figures for policy staff and the public: estimates, risk scores, unmet need.

Counting happens in the database (services.survey_counts and session-log GROUP BYs); this module
combines the counts with the pure statistics (outreach.stats) and the risk index (outreach.risk).
Results are cached per filter set until a new response or log arrives.
"""

from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.instrument.declarations import Stratum as AgeGroup
from outreach.instrument.instrument import Instrument
from outreach.models import Area, AreaStatistic, Measure, SessionLog
from outreach.risk.config import RiskConfig
from outreach.risk.index import scores
from outreach.services import data_versions, rankings
from outreach.services import priorities as priorities_
from outreach.services import survey as surveys
from outreach.services import survey_counts as counts
from outreach.services.area_estimates import AreaFacts, MeasureFigures, measure_figures
from outreach.services.insights_cache import cached, cached_past
from outreach.services.picture import AreaFigures, Picture
from outreach.services.survey_counts import ResponseFilter


def survey_cells(survey: Instrument, filters: ResponseFilter) -> dict[str, list[counts.Cell]]:
    return counts.shares([m.id for m in survey.measures], survey.strata, filters)


def population() -> dict[str, dict[str, int]]:
    """Area code -> measure -> latest value (one GROUP BY)."""
    newest = (
        select(
            AreaStatistic.area_id, AreaStatistic.measure, func.max(AreaStatistic.year).label("year")
        )
        .group_by(AreaStatistic.area_id, AreaStatistic.measure)
        .subquery()
    )
    rows = db.session.execute(
        select(Area.code, AreaStatistic.measure, AreaStatistic.value)
        .join(AreaStatistic, AreaStatistic.area_id == Area.id)
        .join(
            newest,
            (newest.c.area_id == AreaStatistic.area_id)
            & (newest.c.measure == AreaStatistic.measure)
            & (newest.c.year == AreaStatistic.year),
        )
    ).all()
    result: dict[str, dict[str, int]] = {}
    for code, measure, value in rows:
        result.setdefault(code, {})[measure] = value
    return result


def support_by_area(filters: ResponseFilter) -> dict[str | None, tuple[int, int]]:
    people = (
        SessionLog.people_under_65
        + SessionLog.people_65_74
        + SessionLog.people_75_plus
        + SessionLog.people_age_unknown
    )
    query = select(SessionLog.area_code, func.count(SessionLog.id), func.sum(people)).group_by(
        SessionLog.area_code
    )
    if filters.start:
        query = query.where(SessionLog.held_on >= filters.start)
    if filters.end:
        query = query.where(SessionLog.held_on <= filters.end)
    return {area: (n, int(p or 0)) for area, n, p in db.session.execute(query).all()}


def _area_indicators(pop: dict[str, int]) -> dict[str, float | None]:
    total = sum(
        pop.get(m, 0)
        for m in (Measure.POP_0_14, Measure.POP_15_64, Measure.POP_65_74, Measure.POP_75_PLUS)
    )
    older = pop.get(Measure.POP_65_74, 0) + pop.get(Measure.POP_75_PLUS, 0)
    households = pop.get(Measure.HOUSEHOLDS, 0)

    def share(part: int | None, whole: int) -> float | None:
        return part / whole if whole and part is not None else None

    return {
        "share_65_plus": share(older, total),
        "share_75_plus": share(pop.get(Measure.POP_75_PLUS), total),
        "one_person_65_plus": share(pop.get(Measure.ONE_PERSON_65_PLUS), households),
        "foreign_residents": share(pop.get(Measure.FOREIGN_RESIDENTS), total),
    }


def picture(
    filters: ResponseFilter, config: RiskConfig, shortlist: bool = True, public: bool = False
) -> Picture:
    """Everything the dashboard and the public page show, cached until new data arrives.
    Without `shortlist`, the areas' standings are left out (their simulation is the costly
    part; comparing periods does not need it). `public`: figures that cannot give away a small
    group (outreach.services.area_estimates, protect); the shortlist stays the one worked out
    on every answer, so staff and public see the same list."""
    return cached(
        "picture",
        (filters, config, shortlist, public),
        lambda: _compute(filters, config, shortlist, public),
    )


def past_picture(filters: ResponseFilter, config: RiskConfig, public: bool = False) -> Picture:
    """`picture` without the shortlist, for a period that is over (`filters.end` before this
    month): kept until an answer is counted into one of its months."""
    months = {
        m: n
        for m, n in counts_by("month", ResponseFilter())
        if m
        and filters.start
        and filters.end
        and f"{filters.start:%Y-%m}" <= m <= f"{filters.end:%Y-%m}"
    }
    return cached_past(
        "past_picture",
        (filters, config, public),
        months,
        lambda: _compute(filters, config, False, public),
    )


def answer_counts(question: str, filters: ResponseFilter) -> list[tuple]:
    return cached("answers", (question, filters), lambda: counts.answer_counts(question, filters))


def counts_by(dimension: str, filters: ResponseFilter) -> list[tuple]:
    return cached("counts_by", (dimension, filters), lambda: counts.counts_by(dimension, filters))


def _compute(filters: ResponseFilter, config: RiskConfig, shortlist: bool, public: bool) -> Picture:
    minimum = current_app.config["PUBLISH_MIN_CELL"]
    survey = surveys.instrument()
    cells, pops = survey_cells(survey, filters), population()
    answers = dict(counts.counts_by("area_code", filters))
    areas = [
        AreaFigures(a.code, a.name_ja, a.name_kana, a.name_romaji, pops.get(a.code, {}))
        for a in db.session.scalars(select(Area).order_by(Area.code))
    ]
    figures = {
        m: measure_for_areas(m, found, survey, areas, minimum, public) for m, found in cells.items()
    }
    support = support_by_area(filters)
    for area in areas:
        _fill(area, figures, survey.strata, support, answers, config.need)
    _score(areas, config)
    if shortlist and public:
        full = {a.code: a.standing for a in picture(filters, config).areas}
        for area in areas:
            area.standing = full.get(area.code)
    elif shortlist:
        standings = priorities_.standings(areas, tuple(cells), config)
        for area in areas:
            area.standing = standings[area.code]
    synthetic = db.session.scalar(
        select(AreaStatistic.id).where(AreaStatistic.synthetic.is_(True)).limit(1)
    )
    return Picture(
        tuple(cells),
        areas,
        {m: f.city for m, f in figures.items()},
        sum(answers.values()),
        {channel: n for channel, n in counts.counts_by("channel", filters) if channel},
        minimum,
        synthetic is not None,
        counts.channel_by_area(filters),
        {m: f.model_reason for m, f in figures.items()},
        {m: f.unavailable for m, f in figures.items()},
    )


def measure_for_areas(
    measure: str,
    cells: list,
    survey: Instrument,
    areas: list[AreaFigures],
    minimum: int,
    protect: bool = False,
) -> MeasureFigures:
    """A measure for every area: the small-area model on the neighbourhood figures declared
    for it in forms/lists/small-area.toml."""
    wanted = current_app.extensions["outreach_small_area"].auxiliaries(measure)
    facts = []
    for area in areas:
        known = _area_indicators(area.population)
        values = [known.get(name) for name in wanted]
        auxiliaries = None if None in values else tuple(float(v) for v in values if v is not None)
        facts.append(AreaFacts(area.code, area.population, auxiliaries))
    return measure_figures(cells, survey.strata, facts, minimum, protect)


def _fill(
    area: AreaFigures,
    figures: dict[str, MeasureFigures],
    strata: tuple[AgeGroup, ...],
    support: dict,
    answers: dict,
    need: str | None,
) -> None:
    area.answers = answers.get(area.code, 0)
    area.estimates = {m: found.areas.get(area.code) for m, found in figures.items()}
    area.indicators = {k: (v.proportion if v else None) for k, v in area.estimates.items()}
    area.indicators.update(_area_indicators(area.population))
    area.sessions, area.people_helped = support.get(area.code, (0, 0))
    older = area.population.get(Measure.POP_65_74, 0) + area.population.get(Measure.POP_75_PLUS, 0)
    area.indicators["sessions_per_1000_older"] = 1000 * area.sessions / older if older else None
    area.indicators["helped_per_1000_older"] = 1000 * area.people_helped / older if older else None
    area.adults = sum(area.population.get(h.population, 0) for h in strata)
    excluded = area.estimates.get(need) if need else None
    if excluded is not None:
        area.at_risk = area.adults * excluded.proportion
        area.unmet = max(area.at_risk - area.people_helped, 0.0)


def _score(areas: list[AreaFigures], config: RiskConfig) -> None:
    values: dict[str, dict[str, float | None]] = {i.id: {} for i in config.indicators}
    for area in areas:
        for indicator in config.indicators:
            values[indicator.id][area.code] = area.indicators.get(indicator.id)
    for area, result in zip(areas, scores(config, values, [a.code for a in areas]), strict=True):
        area.score = result
    rankings.mark_reasons(areas, config)


def counted_at() -> datetime | None:
    """When the figures were last brought up to date with new answers (None: never)."""
    found = data_versions.current().get("tallies")
    return found[1] if found else None
