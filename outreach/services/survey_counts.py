"""Survey answers counted in the database (GROUP BY), per neighbourhood and age stratum.

Every survey indicator is a share of respondents: `base` answered the question, `positives` are
those with the characteristic. Counting happens in SQL so a million responses are never loaded.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.sql import ColumnElement, Select

from outreach.extensions import db
from outreach.models import SurveyAnswer, SurveyResponse

#: Survey age bands -> the population strata of the area statistics (weighting cells).
STRATUM = case(
    (SurveyResponse.age_band.in_(["under_18", "18_39", "40_64"]), "15_64"),
    (SurveyResponse.age_band == "65_74", "65_74"),
    (SurveyResponse.age_band == "75_plus", "75_plus"),
    else_="unknown",
)
FOUNDATION_SKILLS = 8


@dataclass(frozen=True)
class ResponseFilter:
    start: date | None = None
    end: date | None = None
    channel: str = ""
    age_band: str = ""
    area: str = ""

    def conditions(self) -> list[ColumnElement[bool]]:
        found = []
        if self.start:
            found.append(SurveyResponse.submitted_on >= self.start)
        if self.end:
            found.append(SurveyResponse.submitted_on <= self.end)
        if self.channel:
            found.append(SurveyResponse.channel == self.channel)
        if self.age_band:
            found.append(SurveyResponse.age_band == self.age_band)
        if self.area:
            found.append(SurveyResponse.area_code == self.area)
        return found


@dataclass(frozen=True)
class Cell:
    area: str | None
    stratum: str
    base: int
    positives: int


def _grouped(
    question: str,
    positive: ColumnElement[bool],
    filters: ResponseFilter,
    exclude: Iterable[str] = (),
) -> Select:
    answer_join = and_(
        SurveyAnswer.response_id == SurveyResponse.id, SurveyAnswer.question == question
    )
    if exclude:
        answer_join = and_(answer_join, SurveyAnswer.value.not_in(list(exclude)))
    return (
        select(
            SurveyResponse.area_code,
            STRATUM.label("stratum"),
            func.count(distinct(SurveyResponse.id)),
            func.count(distinct(case((positive, SurveyResponse.id)))),
        )
        .join(SurveyAnswer, answer_join)
        .where(*filters.conditions())
        .group_by(SurveyResponse.area_code, STRATUM)
    )


def _cells(query: Select, invert: bool = False) -> list[Cell]:
    rows = db.session.execute(query).all()
    return [
        Cell(area, stratum, base, base - pos if invert else pos)
        for area, stratum, base, pos in rows
    ]


def share_answering(
    question: str,
    values: list[str],
    filters: ResponseFilter,
    exclude: Iterable[str] = ("prefer_not",),
) -> list[Cell]:
    """Respondents who chose any of `values`, among those who answered `question`."""
    return _cells(_grouped(question, SurveyAnswer.value.in_(values), filters, exclude))


def share_without(question: str, value: str, filters: ResponseFilter) -> list[Cell]:
    """Respondents who answered `question` but did not choose `value` (e.g. no smartphone)."""
    return _cells(_grouped(question, SurveyAnswer.value == value, filters), invert=True)


def share_lacking_skills(filters: ResponseFilter) -> list[Cell]:
    """Among those who said which devices they use, the share without all foundation skills."""
    complete = (
        select(SurveyAnswer.response_id)
        .where(SurveyAnswer.question == "skills", SurveyAnswer.value != "none")
        .group_by(SurveyAnswer.response_id)
        .having(func.count() >= FOUNDATION_SKILLS)
        .subquery()
    )
    query = (
        select(
            SurveyResponse.area_code,
            STRATUM.label("stratum"),
            func.count(distinct(SurveyResponse.id)),
            func.count(distinct(complete.c.response_id)),
        )
        .join(
            SurveyAnswer,
            and_(SurveyAnswer.response_id == SurveyResponse.id, SurveyAnswer.question == "devices"),
        )
        .outerjoin(complete, complete.c.response_id == SurveyResponse.id)
        .where(*filters.conditions())
        .group_by(SurveyResponse.area_code, STRATUM)
    )
    return _cells(query, invert=True)


def counts_by(column: ColumnElement, filters: ResponseFilter) -> list[tuple[str | None, int]]:
    """Responses per value of a response column (channel, area, age band, month…)."""
    query = (
        select(column, func.count(SurveyResponse.id)).where(*filters.conditions()).group_by(column)
    )
    return [(key, n) for key, n in db.session.execute(query.order_by(column)).all()]


def answer_counts(question: str, filters: ResponseFilter, by_area: bool = False) -> list[tuple]:
    """How often each option of a question was chosen (optionally per area)."""
    keys = [SurveyResponse.area_code] if by_area else []
    query = (
        select(*keys, SurveyAnswer.value, func.count(distinct(SurveyResponse.id)))
        .join(
            SurveyAnswer,
            and_(SurveyAnswer.response_id == SurveyResponse.id, SurveyAnswer.question == question),
        )
        .where(*filters.conditions())
        .group_by(*keys, SurveyAnswer.value)
    )
    return [tuple(row) for row in db.session.execute(query).all()]


def month_of_submission() -> ColumnElement:
    """The submission month as text 'YYYY-MM', in both SQLite and PostgreSQL."""
    return func.substr(func.cast(SurveyResponse.submitted_on, db.String), 1, 7)


def data_version() -> tuple:
    """Changes whenever a response arrives: part of every cache key (cheap: index lookups)."""
    return (
        db.session.scalar(select(func.max(SurveyResponse.id))),
        db.session.scalar(select(func.count(SurveyResponse.id))),
    )
