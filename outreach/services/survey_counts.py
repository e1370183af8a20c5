"""Survey answers counted in the database, per neighbourhood and age stratum, from the tallies.

Every survey indicator is a share of respondents: `base` answered the question, `positives` are
those with the characteristic. The counts are sums over outreach.models.tally (kept up to date by
outreach.services.tallies), so a million responses cost a sum over their cells, not a scan of
every answer. Periods therefore count whole months.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, literal, select
from sqlalchemy.sql import ColumnElement

from outreach.extensions import db
from outreach.instrument.declarations import Stratum
from outreach.models import SurveyTally
from outreach.services.tallies import ALL

T = SurveyTally.__table__
#: What a response counts in: ("", "") is every response (outreach.models.tally).
RESPONSES = ("", "")
DIMENSIONS = {"area_code", "channel", "age_band", "month"}
UNKNOWN = "unknown"


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


def stratum_of(strata: Sequence[Stratum]) -> ColumnElement[str]:
    """The tallies' age band -> the weighting stratum it falls in, as the instrument declares."""
    return case(
        *((T.c.age_band.in_(s.age_bands), s.id) for s in strata),
        else_=UNKNOWN,
    )


def shares(
    measures: Sequence[str], strata: Sequence[Stratum], filters: ResponseFilter
) -> dict[str, list[Cell]]:
    """Each measure's base and positives per area and weighting stratum
    (outreach.instrument.measures): one GROUP BY for them all."""
    stratum = stratum_of(strata) if strata else literal(UNKNOWN)
    rows = db.session.execute(
        select(T.c.area_code, stratum, T.c.question, T.c.value, func.sum(T.c.n))
        .where(
            T.c.question.in_(["@base", "@positive"]),
            T.c.value.in_(list(measures)),
            *filters.conditions(),
        )
        .group_by(T.c.area_code, stratum, T.c.question, T.c.value)
    ).all()
    found: dict[str, dict[tuple, list[int]]] = {m: defaultdict(lambda: [0, 0]) for m in measures}
    for area, group, item, measure, n in rows:
        found[measure][(area or None, group)][0 if item == "@base" else 1] += int(n)
    return {
        measure: [
            Cell(area, group, base, yes) for (area, group), (base, yes) in cells.items() if base
        ]
        for measure, cells in found.items()
    }


def share(measure: str, strata: Sequence[Stratum], filters: ResponseFilter) -> list[Cell]:
    """One measure's base and positives per area and weighting stratum."""
    return shares([measure], strata, filters)[measure]


def shares_by_month(
    measures: Sequence[str], strata: Sequence[Stratum], filters: ResponseFilter
) -> dict[str, dict[str, dict[str, tuple[int, int]]]]:
    """measure -> month -> stratum -> (base, positives), over every area (one GROUP BY)."""
    stratum = stratum_of(strata)
    rows = db.session.execute(
        select(T.c.value, T.c.month, stratum, T.c.question, func.sum(T.c.n))
        .where(
            T.c.question.in_(["@base", "@positive"]),
            T.c.value.in_(list(measures)),
            T.c.area_code != "",
            *filters.conditions("month"),
        )
        .group_by(T.c.value, T.c.month, stratum, T.c.question)
    ).all()
    found: dict[str, dict[str, dict[str, list[int]]]] = {
        m: defaultdict(lambda: defaultdict(lambda: [0, 0])) for m in measures
    }
    for measure, month, group, item, n in rows:
        found[measure][month][group][0 if item == "@base" else 1] += int(n)
    return {
        measure: {m: {g: (b, p) for g, (b, p) in groups.items()} for m, groups in months.items()}
        for measure, months in found.items()
    }


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
    # A row's length depends on by_area, which its type cannot say.
    rows: Sequence[Sequence[Any]] = db.session.execute(
        select(*keys, T.c.value, func.sum(T.c.n))
        .where(T.c.question == question, *filters.conditions())
        .group_by(*keys, T.c.value)
    ).all()
    if by_area:
        return [(area or None, value, int(n)) for area, value, n in rows]
    return [(value, int(n)) for value, n in rows]
