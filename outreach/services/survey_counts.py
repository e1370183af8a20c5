"""Survey answers counted in the database, per neighbourhood and age stratum, from the tallies.

Every survey indicator is a share of respondents: `base` answered the question, `positives` are
those with the characteristic. The counts are sums over outreach.models.tally (kept up to date by
outreach.services.tallies), so a million responses cost a sum over their cells, not a scan of
every answer. Periods therefore count whole months.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.sql import ColumnElement

from outreach.extensions import db
from outreach.models import SurveyTally
from outreach.services.tallies import ALL

T = SurveyTally.__table__
#: Survey age bands -> the population strata of the area statistics (weighting cells).
STRATUM = case(
    (T.c.age_band.in_(["under_18", "18_39", "40_64"]), "15_64"),
    (T.c.age_band == "65_74", "65_74"),
    (T.c.age_band == "75_plus", "75_plus"),
    else_="unknown",
)
#: What a response counts in: ("", "") is every response (outreach.models.tally).
RESPONSES = ("", "")
DIMENSIONS = {"area_code", "channel", "age_band", "month"}


@dataclass(frozen=True)
class ResponseFilter:
    start: date | None = None
    end: date | None = None
    channel: str = ""
    age_band: str = ""
    area: str = ""

    def conditions(self, by: str = "") -> list[ColumnElement[bool]]:
        """On the tallies; dates select the whole months they fall in. Without a period or a
        channel (to select or to count `by`), the rows for all months and channels are read."""
        overall = not (self.start or self.end or self.channel) and by not in ("month", "channel")
        if overall:
            found = [T.c.month == ALL, T.c.channel == ALL]
        else:
            found = [T.c.month != ALL, T.c.channel != ALL]
        if self.start:
            found.append(T.c.month >= f"{self.start:%Y-%m}")
        if self.end:
            found.append(T.c.month <= f"{self.end:%Y-%m}")
        if self.channel:
            found.append(T.c.channel == self.channel)
        if self.age_band:
            found.append(T.c.age_band == self.age_band)
        if self.area:
            found.append(T.c.area_code == self.area)
        return found


@dataclass(frozen=True)
class Cell:
    area: str | None
    stratum: str
    base: int
    positives: int


def _by_cell(question: str, filters: ResponseFilter) -> dict[tuple, dict[str, int]]:
    """(area, stratum) -> value -> responses, for the items of one `question`."""
    rows = db.session.execute(
        select(T.c.area_code, STRATUM, T.c.value, func.sum(T.c.n))
        .where(T.c.question == question, *filters.conditions())
        .group_by(T.c.area_code, STRATUM, T.c.value)
    ).all()
    found: dict[tuple, dict[str, int]] = defaultdict(dict)
    for area, stratum, value, n in rows:
        found[(area or None, stratum)][value] = int(n)
    return found


def share_answering(
    question: str,
    values: list[str],
    filters: ResponseFilter,
    exclude: tuple[str, ...] = ("prefer_not",),
) -> list[Cell]:
    """Respondents who chose any of `values`, among those who answered a one-answer `question`."""
    return [
        Cell(
            area,
            stratum,
            sum(n for v, n in counts.items() if v not in exclude),
            sum(counts.get(v, 0) for v in values),
        )
        for (area, stratum), counts in _by_cell(question, filters).items()
    ]


def share_without(question: str, value: str, filters: ResponseFilter) -> list[Cell]:
    """Respondents who answered a several-answer `question` but did not choose `value`."""
    answered = _by_cell("@answered", filters)
    chosen = _by_cell(question, filters)
    return [
        Cell(area, stratum, base, base - chosen.get((area, stratum), {}).get(value, 0))
        for (area, stratum), counts in answered.items()
        if (base := counts.get(question, 0))
    ]


def share_lacking_skills(filters: ResponseFilter) -> list[Cell]:
    """Among those who said which devices they use, the share without all foundation skills."""
    answered = _by_cell("@answered", filters)
    complete = _by_cell("@derived", filters)
    return [
        Cell(
            area, stratum, base, base - complete.get((area, stratum), {}).get("complete_skills", 0)
        )
        for (area, stratum), counts in answered.items()
        if (base := counts.get("devices", 0))
    ]


def counts_by(dimension: str, filters: ResponseFilter) -> list[tuple[str | None, int]]:
    """Responses per value of one dimension: area_code, channel, age_band or month."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    column = T.c[dimension]
    rows = db.session.execute(
        select(column, func.sum(T.c.n))
        .where(
            T.c.question == RESPONSES[0], T.c.value == RESPONSES[1], *filters.conditions(dimension)
        )
        .group_by(column)
        .order_by(column)
    ).all()
    return [(key or None, int(n)) for key, n in rows]


def channel_by_area(filters: ResponseFilter) -> dict[tuple[str | None, str], int]:
    rows = db.session.execute(
        select(T.c.area_code, T.c.channel, func.sum(T.c.n))
        .where(
            T.c.question == RESPONSES[0], T.c.value == RESPONSES[1], *filters.conditions("channel")
        )
        .group_by(T.c.area_code, T.c.channel)
    ).all()
    return {(area or None, channel): int(n) for area, channel, n in rows}


def answer_counts(question: str, filters: ResponseFilter, by_area: bool = False) -> list[tuple]:
    """How often each option of a question was chosen (optionally per area)."""
    keys = [T.c.area_code] if by_area else []
    rows = db.session.execute(
        select(*keys, T.c.value, func.sum(T.c.n))
        .where(T.c.question == question, *filters.conditions())
        .group_by(*keys, T.c.value)
    ).all()
    if by_area:
        return [(area or None, value, int(n)) for area, value, n in rows]
    return [(value, int(n)) for value, n in rows]
