"""Counting each new survey response once into the tallies (outreach.models.tally).

A response is stored together with a row in survey_uncounted (`mark_new`, same transaction).
`refresh()` counts the queued responses in chunks: each chunk's counts are added and its queue
rows deleted in one transaction, so a response is counted exactly once, also when several
workers refresh at the same moment (PostgreSQL: they take turns on an advisory lock; SQLite
has one writer anyway). Pages never count: `refresh()` runs after a submission's commit (once
the resident has their answer), from `outreach insights refresh` (a timer or cron job, and every
minute under `outreach demo`), and after bulk loads. Each counted chunk bumps the "tallies"
data version, which is what the figures' cache and the "figures include answers up to" line read.
"""

from collections.abc import Iterable, Sequence

from sqlalchemy import (
    JSON,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    column,
    func,
    literal,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from outreach.extensions import db
from outreach.instrument.instrument import Instrument
from outreach.instrument.measures import PREFER_NOT
from outreach.models import SurveyResponse, SurveyTally, SurveyUncounted
from outreach.models.base import month_of
from outreach.services import data_versions
from outreach.services.rows import affected

#: Responses counted per transaction. A chunk's cost is mostly its upserts into sparse cells,
#: so on PostgreSQL a big chunk is much cheaper per response (1,000,000 bulk-loaded responses in
#: under a minute), and new submissions are never blocked by it: they only add to the queue.
#: SQLite has one write lock for everything, so its chunks stay short (about a second each).
CHUNK = {"postgresql": 1_000_000, "sqlite": 20_000}
#: A backlog this large came from a bulk load (demo, import, upgrade), not from residents.
BULK = 2_000
#: Counted as options: choice questions. Not numbers or free text (never published), and not
#: the neighbourhood, which is the `area_code` of every row already.
OPTION_TYPES = frozenset({"single", "multiple", "yesno", "scale"})
#: Serialises refreshes on PostgreSQL (SQLite has one writer anyway); any constant will do.
_LOCK_KEY = 720_1955

_R = SurveyResponse.__table__
#: Responses not yet counted into the tallies.
_Q = SurveyUncounted.__table__
_T = SurveyTally.__table__
KEY = ("question", "value", "month", "area_code", "age_band", "channel")
#: Month and channel of the rows that count every month and channel together: what the public
#: page and an unfiltered dashboard read, a few thousand rows whatever the number of answers.
ALL = "*"


def _label(text_value: str, name: str):
    return cast(literal(text_value), String).label(name)


def _chunk(instruments: Sequence[Instrument]):
    """One statement that counts the queued responses up to :upto into the tallies.

    claimed: the chunk's responses, with their cell (month, area, age band, channel).
    pairs:   their answers as (question, value) rows: each JSON list unnested once.
    measured: per response and instrument version, the flags its measures need.
    counted: items per cell — every response, each option chosen, each measure's base and
             positives — then added to the month rows and to the all-months rows at once.
    Each (response, item) is one row (a response stores each answer once), so a plain count.
    """
    claimed = (
        select(
            _R.c.id,
            month_of(_R.c.submitted_on).label("month"),
            func.coalesce(_R.c.area_code, "").label("area_code"),
            func.coalesce(_R.c.age_band, "").label("age_band"),
            _R.c.channel,
            _R.c.instrument_id,
            _R.c.instrument_version,
            _R.c.answers,
        )
        .select_from(_R.join(_Q, _Q.c.response_id == _R.c.id))
        # An excluded response (stored incomplete, see survey_quality) is in no figure.
        .where(_Q.c.response_id <= bindparam("upto"), _R.c.excluded_on.is_(None))
        .cte("claimed")
    )
    pairs = _pairs(claimed)
    cell = [pairs.c.month, pairs.c.area_code, pairs.c.age_band, pairs.c.channel]
    choices = sorted({q.id for i in instruments for q in i.questions if q.type in OPTION_TYPES})
    items = [
        select(
            claimed.c.month,
            claimed.c.area_code,
            claimed.c.age_band,
            claimed.c.channel,
            _label("", "question"),
            _label("", "value"),
        ),
        select(*cell, pairs.c.question, pairs.c.value).where(pairs.c.question.in_(choices)),
    ]
    for survey in instruments:
        if survey.measures:
            items += _measure_items(survey, pairs)
    found = union_all(*items).subquery("items")
    key = [found.c[k] for k in KEY]
    counted = select(*key, func.count().label("n")).group_by(*key).cte("counted")
    overall = [
        counted.c.question,
        counted.c.value,
        _label(ALL, "month"),
        counted.c.area_code,
        counted.c.age_band,
        _label(ALL, "channel"),
    ]
    both = union_all(
        select(*[counted.c[k] for k in KEY], counted.c.n),
        select(*overall, func.sum(counted.c.n)).group_by(
            counted.c.question, counted.c.value, counted.c.area_code, counted.c.age_band
        ),
    )
    insert = (pg_insert if _on_postgresql() else sqlite_insert)(_T)
    return insert.from_select([*KEY, "n"], both).on_conflict_do_update(
        index_elements=list(KEY), set_={"n": _T.c.n + insert.excluded.n}
    )


def _pairs(claimed):
    """The claimed responses' answers as rows, each response's JSON list unnested once."""
    if _on_postgresql():
        function = func.json_array_elements(claimed.c.answers).table_valued(column("value", JSON))
        pair = function.render_derived("pair")
    else:
        pair = func.json_each(claimed.c.answers).table_valued(column("value", JSON)).alias("pair")
    return (
        select(
            claimed.c.id,
            claimed.c.month,
            claimed.c.area_code,
            claimed.c.age_band,
            claimed.c.channel,
            claimed.c.instrument_id,
            claimed.c.instrument_version,
            pair.c.value[0].as_string().label("question"),
            pair.c.value[1].as_string().label("value"),
        )
        .select_from(claimed.join(pair, true()))
        .cte("pairs")
    )


def _measure_items(survey: Instrument, pairs) -> list[Select]:
    """("@base", measure) and ("@positive", measure) rows for the chunk's responses answered in
    this instrument version, each judged as the version declares (outreach.instrument.measures)."""
    question, value = pairs.c.question, pairs.c.value
    flags: list = []
    for n, measure in enumerate(survey.measures):
        in_base = and_(question == measure.base, value != PREFER_NOT)
        chosen = and_(question == measure.question, value.in_(measure.options))
        flags.append(func.max(case((in_base, 1), else_=0)).label(f"b{n}"))
        # A response stores each answer once, so counting matching rows counts distinct options.
        flags.append(func.sum(case((chosen, 1), else_=0)).label(f"c{n}"))
    cell = [pairs.c.id, pairs.c.month, pairs.c.area_code, pairs.c.age_band, pairs.c.channel]
    per_response = (
        select(*cell, *flags)
        .where(
            pairs.c.instrument_id == survey.id,
            pairs.c.instrument_version == survey.version,
        )
        .group_by(*cell)
        .cte(f"measured_{survey.id}_{survey.version}".replace("-", "_"))
    )
    f = per_response.c
    selects = []
    for n, measure in enumerate(survey.measures):
        base, chosen = f[f"b{n}"] == 1, f[f"c{n}"]
        positive = {
            "any_of": chosen > 0,
            "none_of": chosen == 0,
            "lacks_one_of": chosen < len(measure.options),
        }[measure.condition]
        for item, condition in (("@base", base), ("@positive", and_(base, positive))):
            selects.append(
                select(
                    f.month,
                    f.area_code,
                    f.age_band,
                    f.channel,
                    _label(item, "question"),
                    _label(measure.id, "value"),
                ).where(condition)
            )
    return selects


def _add_chunk(instruments: Sequence[Instrument], upto: int) -> None:
    db.session.execute(_chunk(instruments), {"upto": upto})


def mark_new(response_ids: Iterable[int]) -> None:
    """Queue stored responses for counting; call in the transaction that stores them."""
    rows = [{"response_id": i} for i in response_ids]
    if rows:
        db.session.execute(_Q.insert(), rows)


def refresh(instruments: Sequence[Instrument], wait: bool = True) -> int:
    """Count every queued response; returns how many were counted now. With `wait=False`
    (after a submission) it returns 0 at once if another worker is counting on PostgreSQL:
    that one, or the next refresh, counts what is queued."""
    postgresql = _on_postgresql()
    if postgresql:
        _analyse_after_bulk_load()
    counted = 0
    while True:
        if not (_lock(wait) if postgresql else _lock_sqlite()):
            db.session.rollback()
            return counted
        upto = _last_of_next_chunk()
        if upto is None:
            db.session.commit()  # ends the transaction (and releases the lock)
            if postgresql and counted >= BULK:
                _analyse()
            return counted
        _add_chunk(instruments, upto)
        claimed = affected(db.session.execute(_Q.delete().where(_Q.c.response_id <= upto)))
        data_versions.bump("tallies")
        db.session.commit()
        counted += claimed


def _lock_sqlite() -> bool:
    """Begin the chunk's transaction with a write, so that it holds SQLite's one write lock
    before it reads the queue: the counting statements start with WITH, which Python's sqlite3
    does not open a transaction for, so without this each would commit on its own and two
    workers could count the same chunk. (A DELETE that matches nothing still takes the lock.)"""
    db.session.execute(_Q.delete().where(_Q.c.response_id < 0))
    return True


def _lock(wait: bool) -> bool:
    if wait:
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    elif not db.session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _LOCK_KEY}):
        return False
    # A chunk groups a few million answer rows: in memory, not in temporary files.
    db.session.execute(text("SET LOCAL work_mem = '256MB'"))
    return True


def _on_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _analyse_after_bulk_load() -> None:
    """Right after a bulk load PostgreSQL has no statistics for the new rows and plans the
    counting badly; a large backlog is worth an ANALYZE first."""
    backlog = select(_Q.c.response_id).limit(BULK).subquery()
    if (db.session.scalar(select(func.count()).select_from(backlog)) or 0) >= BULK:
        _analyse()


def _analyse() -> None:
    db.session.execute(text("ANALYZE survey_responses, survey_uncounted, survey_tallies"))
    db.session.commit()


def _last_of_next_chunk() -> int | None:
    """The highest id among the next chunk of queued responses."""
    size = CHUNK["postgresql" if _on_postgresql() else "sqlite"]
    chunk = select(_Q.c.response_id).order_by(_Q.c.response_id).limit(size).subquery()
    return db.session.scalar(select(func.max(chunk.c.response_id)))


def pending() -> int:
    """How many responses wait to be counted."""
    return db.session.scalar(select(func.count()).select_from(_Q)) or 0


def rebuild(instruments: Sequence[Instrument]) -> int:
    """Count everything again from the answers (after a restore from an old backup, say)."""
    db.session.execute(_T.delete())
    db.session.execute(_Q.delete())
    db.session.execute(_Q.insert().from_select(["response_id"], select(_R.c.id)))
    # Figures of past months are cached on their counts (insights_cache.cached_past): a
    # recount may change what is in them without changing how many.
    data_versions.bump("recounted")
    db.session.commit()
    return refresh(instruments)
