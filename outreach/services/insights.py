"""Neighbourhood figures for policy staff and the public: estimates, risk scores, unmet need.

Counting happens in the database (services.survey_counts and session-log GROUP BYs); this module
combines the counts with the pure statistics (outreach.stats) and the risk index (outreach.risk).
Results are cached per filter set until a new response or log arrives.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.instrument.declarations import Stratum as AgeGroup
from outreach.instrument.instrument import Instrument
from outreach.models import Area, AreaStatistic, Measure, SessionLog
from outreach.risk.config import RiskConfig
from outreach.risk.index import AreaScore, scores
from outreach.services import data_versions
from outreach.services import priorities as priorities_
from outreach.services import survey as surveys
from outreach.services import survey_counts as counts
from outreach.services.area_estimates import AreaFacts, Figure, MeasureFigures, measure_figures
from outreach.services.insights_cache import cached
from outreach.services.priorities import Standing
from outreach.services.survey_counts import ResponseFilter

#: Figures computed from the population figures and the session logs, beside the survey's
#: measures: what forms/lists/risk-index.toml may name.
AREA_FIGURES = (
    "share_65_plus",
    "share_75_plus",
    "one_person_65_plus",
    "foreign_residents",
    "sessions_per_1000_older",
    "helped_per_1000_older",
)
#: The figures from the population import alone: what the small-area model may use.
POPULATION_FIGURES = AREA_FIGURES[:4]


@dataclass
class AreaFigures:
    code: str
    name_ja: str
    name_kana: str
    name_romaji: str
    population: dict[str, int]
    answers: int = 0
    estimates: dict[str, Figure | None] = field(default_factory=dict)
    indicators: dict[str, float | None] = field(default_factory=dict)
    sessions: int = 0
    people_helped: int = 0
    score: AreaScore | None = None
    #: Residents aged 15 and over (the weighting strata).
    adults: int = 0
    at_risk: float | None = None
    unmet: float | None = None
    #: On the shortlist of where the next sessions should go (outreach.services.priorities).
    standing: Standing | None = None
    #: The indicators that set it apart: highest above the neighbourhoods' median, weighted.
    reasons: list[str] = field(default_factory=list)


@dataclass
class Picture:
    #: The survey's measures shown, in the instrument's order (outreach.instrument.measures).
    measures: tuple[str, ...]
    areas: list[AreaFigures]
    city: dict[str, Figure | None]
    answers: int
    channels: dict[str, int]
    minimum: int
    #: True while the figures rest on demo data (synthetic population figures).
    synthetic: bool = False
    #: (area, channel) -> answers
    channel_by_area: dict[tuple, int] = field(default_factory=dict)
    #: measure -> why the model was not used for it ("" when it was)
    model_reasons: dict[str, str] = field(default_factory=dict)
    #: measure -> area -> why it has no figure
    unavailable: dict[str, dict[str, str]] = field(default_factory=dict)


def survey_cells(survey: Instrument, filters: ResponseFilter) -> dict[str, list[counts.Cell]]:
    return {m.id: counts.share(m.id, survey.strata, filters) for m in survey.measures}


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
    _reasons(areas, config)


def _reasons(areas: list[AreaFigures], config: RiskConfig, count: int = 2) -> None:
    """What sets each area apart: its scaled indicators furthest above the median of all areas
    (weighted), so that a figure every area shares (no help anywhere yet) is not a reason."""
    weight = {i.id: i.weight for i in config.indicators}
    medians: dict[str, float] = {}
    for indicator in config.indicators:
        found = sorted(
            v for a in areas if a.score and (v := a.score.scaled.get(indicator.id)) is not None
        )
        if found:
            medians[indicator.id] = found[len(found) // 2]
    for area in areas:
        if not area.score:
            continue
        above = [
            (weight[k] * (v - medians[k]), k)
            for k, v in area.score.scaled.items()
            if v is not None and k in medians and weight[k] > 0
        ]
        area.reasons = [k for lead, k in sorted(above, reverse=True)[:count] if lead > 0]


def counted_at() -> datetime | None:
    """When the figures were last brought up to date with new answers (None: never)."""
    found = data_versions.current().get("tallies")
    return found[1] if found else None


def highest_risk(result: Picture) -> list[AreaFigures]:
    """Neighbourhoods scored on every indicator, highest score first. A score missing an
    indicator is not comparable with the others, so those come after, and unscored last."""
    return sorted(result.areas, key=_risk_order)


def _risk_order(area: AreaFigures) -> tuple:
    score = area.score.score if area.score else None
    complete = score is not None and area.score is not None and not area.score.missing
    return (not complete, score is None, -(score or 0), area.code)


def priorities(result: Picture) -> list[AreaFigures]:
    """The shortlist's ranking: highest priority first; those that cannot be ranked last."""

    def order(area: AreaFigures) -> tuple:
        rank = area.standing.rank if area.standing else None
        return (rank is None, rank or 0, area.code)

    return sorted(result.areas, key=order)


#: The roles (outreach.instrument.declarations) whose answers say what help to plan.
PLAN_ROLES = ("barriers", "help_topics", "help_language")


def plan_questions() -> list[str | None]:
    """The question ids playing PLAN_ROLES in the current instrument (None where none does)."""
    survey = surveys.instrument()
    return [q.id if (q := survey.role(role)) else None for role in PLAN_ROLES]


def top_answers(
    question: str, filters: ResponseFilter, area: str, limit: int = 3
) -> list[tuple[str, int]]:
    """The most chosen options of a question in one area (for planning outreach)."""
    by_area = cached("top", (question, filters), lambda: _answers_by_area(question, filters))
    return by_area.get(area, [])[:limit]


def _answers_by_area(question: str, filters: ResponseFilter) -> dict[str, list[tuple[str, int]]]:
    """Options chosen per area, leaving out "none of these" and "prefer not to say"."""
    asked = surveys.instrument().find(question)
    left_out = asked.exclusive_ids() if asked else set()
    result: dict[str, list[tuple[str, int]]] = {}
    for code, value, n in counts.answer_counts(question, filters, by_area=True):
        if value not in left_out:
            result.setdefault(code, []).append((value, n))
    return {code: sorted(rows, key=lambda r: -r[1]) for code, rows in result.items()}


def as_row(area: AreaFigures) -> dict[str, Any]:
    return {
        "code": area.code,
        "score": area.score.score if area.score else None,
        "answers": area.answers,
    }
