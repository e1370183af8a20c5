"""Reading neighbourhoods and their population figures."""

from dataclasses import dataclass

from sqlalchemy import func, select

from outreach import postal_codes
from outreach.extensions import db
from outreach.models import Area, AreaStatistic, Measure

AGE_BANDS = (Measure.POP_0_14, Measure.POP_15_64, Measure.POP_65_74, Measure.POP_75_PLUS)


@dataclass
class AreaSummary:
    code: str
    name_ja: str
    name_kana: str
    name_romaji: str
    population: int | None
    aged_65_plus: int | None
    synthetic: bool


def count() -> int:
    return db.session.scalar(select(func.count(Area.id))) or 0


def summaries() -> list[AreaSummary]:
    """Every area with its latest population total and 65+ count, in reading order."""
    latest = _latest_figures()
    result = []
    # Sorted here, not in SQL: database collations differ, the reading order must not.
    ordered = sorted(
        db.session.scalars(select(Area)), key=lambda a: (a.name_kana, a.name_ja, a.code)
    )
    for area in ordered:
        figures = latest.get(area.id, {})
        bands = [figures[m] for m in AGE_BANDS if m in figures]
        known = len(bands) == len(AGE_BANDS)
        older = (figures[Measure.POP_65_74][0] + figures[Measure.POP_75_PLUS][0]) if known else None
        result.append(
            AreaSummary(
                code=area.code,
                name_ja=area.name_ja,
                name_kana=area.name_kana,
                name_romaji=area.name_romaji,
                population=sum(b[0] for b in bands) if known else None,
                aged_65_plus=older,
                synthetic=any(f[1] for f in figures.values()),
            )
        )
    return result


def _latest_figures() -> dict[int, dict[str, tuple[int, bool]]]:
    """area id -> measure -> (value, synthetic), for each measure's latest year (one query)."""
    newest = (
        select(
            AreaStatistic.area_id, AreaStatistic.measure, func.max(AreaStatistic.year).label("y")
        )
        .group_by(AreaStatistic.area_id, AreaStatistic.measure)
        .subquery()
    )
    rows = db.session.execute(
        select(
            AreaStatistic.area_id,
            AreaStatistic.measure,
            AreaStatistic.value,
            AreaStatistic.synthetic,
        ).join(
            newest,
            (newest.c.area_id == AreaStatistic.area_id)
            & (newest.c.measure == AreaStatistic.measure)
            & (newest.c.y == AreaStatistic.year),
        )
    ).all()
    latest: dict[int, dict[str, tuple[int, bool]]] = {}
    for area_id, measure, value, synthetic in rows:
        latest.setdefault(area_id, {})[measure] = (value, synthetic)
    return latest


def by_code(code: str) -> Area | None:
    return db.session.scalar(select(Area).where(Area.code == code))


def statistics_of(area: Area) -> list[AreaStatistic]:
    """All figures for an area, newest year first, in the order of Measure."""
    order = {m.value: i for i, m in enumerate(Measure)}
    return sorted(area.statistics, key=lambda s: (-s.year, order.get(s.measure, 99)))


@dataclass
class AreaName:
    code: str
    name_ja: str
    name_kana: str
    name_romaji: str


def names() -> list[AreaName]:
    """Every area's code and names, in reading order, for choosing a neighbourhood."""
    rows = db.session.execute(
        select(Area.code, Area.name_ja, Area.name_kana, Area.name_romaji)
    ).all()
    return sorted((AreaName(*row) for row in rows), key=lambda a: (a.name_kana, a.name_ja, a.code))


def for_postal_code(code: str) -> list[AreaName]:
    """The neighbourhoods a 7-digit postal code covers, in reading order: those named like one
    of its towns in Japan Post's data, or like 大字 + the town (大字津田 for 津田). Empty for an
    unknown code, the city-wide code, or a code of another city."""
    towns = postal_codes.towns(code)
    wanted = {*towns, *(f"大字{town}" for town in towns)}
    return [area for area in names() if area.name_ja in wanted] if wanted else []


def known_codes() -> set[str]:
    return set(db.session.scalars(select(Area.code)))


def feature_collection() -> dict:
    """All areas as GeoJSON features with their code, for maps."""
    rows = db.session.execute(select(Area.code, Area.name_ja, Area.geometry)).all()
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": code, "name_ja": name}, "geometry": geometry}
            for code, name, geometry in rows
        ],
    }
