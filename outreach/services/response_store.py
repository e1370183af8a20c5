"""Writing a response (one row, its answers included) and ending its draft, atomically.

This is the path a burst of submissions waits on (a class finishing the survey together, a
volunteer keying in a pile of paper forms), so it uses Core statements compiled once and as few
round trips as the database allows:
- PostgreSQL, draft prepared at its last save (the usual case): one statement takes the draft
  and writes the response from what was prepared (a data-modifying CTE). It is
  the only statement of a resident's submission, so it runs on the driver's connection in
  autocommit (outreach/services/driver_sql.py).
- PostgreSQL, anything else: one statement writes the response and deletes the draft, if any.
  One statement is atomic by itself, so these run in autocommit (no BEGIN or COMMIT) unless the
  request has already begun a transaction, e.g. to load a signed-in volunteer.
- SQLite has no data-modifying CTEs: the writes are separate statements in one transaction, with
  nothing else between the first write and the commit, because SQLite holds its one write lock
  for all of that time.
"""

from datetime import datetime
from functools import cache

from sqlalchemy import (
    Connection,
    Row,
    bindparam,
    delete,
    insert,
    select,
)

from outreach.extensions import db
from outreach.models import SurveyDraft, SurveyResponse
from outreach.services import driver_sql

_RESPONSES, _DRAFTS = SurveyResponse.__table__, SurveyDraft.__table__

_LIVE_DRAFT = select(
    _DRAFTS.c.id, _DRAFTS.c.channel, _DRAFTS.c.entered_by_id, _DRAFTS.c.answers
).where(_DRAFTS.c.token == bindparam("token"), _DRAFTS.c.expires_at > bindparam("now"))
_INSERT_RESPONSE = insert(_RESPONSES).returning(_RESPONSES.c.id)
_DELETE_DRAFT = delete(_DRAFTS).where(_DRAFTS.c.id == bindparam("draft_id"))

#: PostgreSQL, run on the driver's connection (psycopg's paramstyle): take the live draft if it
#: was prepared under this instrument version, and write the response from it.
_TAKE_PREPARED = """
WITH taken AS (
    DELETE FROM survey_drafts
    WHERE token = %(token)s AND expires_at > %(now)s
      AND prepared ->> 'instrument_id' = %(instrument_id)s
      AND (prepared ->> 'instrument_version')::integer = %(instrument_version)s
    RETURNING channel, entered_by_id, prepared
)
INSERT INTO survey_responses (instrument_id, instrument_version, channel, entered_by_id, locale,
                              area_code, age_band, submission_key, submitted_on, answers)
SELECT %(instrument_id)s, %(instrument_version)s, channel, entered_by_id, %(locale)s,
       prepared ->> 'area_code', prepared ->> 'age_band', %(submission_key)s, %(submitted_on)s,
       prepared -> 'pairs'
FROM taken
RETURNING id
"""


def connection() -> Connection:
    """The request's connection, in autocommit on PostgreSQL when no transaction has begun yet."""
    session = db.session()
    if db.engine.dialect.name == "postgresql" and not session.in_transaction():
        return session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    return session.connection()


def live_draft(token: str, now: datetime) -> Row | None:
    """The unexpired draft with this session token (id, channel, entered_by_id, answers)."""
    return connection().execute(_LIVE_DRAFT, {"token": token, "now": now}).first()


def submit_prepared(parameters: dict) -> int | None:
    """PostgreSQL: submit the live draft with `token` from what was prepared at its last save,
    if that was under this instrument version; return the new response's id, else None.

    `parameters`: token, now, instrument_id, instrument_version, locale, submission_key and
    submitted_on. Two requests with the same token cannot both take the draft: the second waits
    for the first to commit, then finds no draft."""
    if db.engine.dialect.name != "postgresql":
        return None
    row = driver_sql.fetch_one_autocommit(db.engine, _TAKE_PREPARED, parameters)
    return row[0] if row else None


def store(row: dict, draft_id: int | None) -> int:
    """Insert `row` (its answers included) into survey_responses and delete draft `draft_id`, if
    any, with it; return the new id."""
    conn = connection()
    if conn.dialect.name == "postgresql" and draft_id is not None:
        parameters = {**row, "draft_id": draft_id}
        return conn.execute(_insert_deleting_draft(tuple(sorted(row))), parameters).scalar_one()
    response_id = conn.execute(_INSERT_RESPONSE, row).scalar_one()
    if draft_id is not None:
        conn.execute(_DELETE_DRAFT, {"draft_id": draft_id})
    return response_id


@cache
def _insert_deleting_draft(columns: tuple[str, ...]):
    """PostgreSQL: insert the response and delete its draft, in one statement."""
    new = (
        insert(_RESPONSES)
        .values({name: bindparam(name, type_=_RESPONSES.c[name].type) for name in columns})
        .returning(_RESPONSES.c.id)
        .cte("new_response")
    )
    return select(new.c.id).add_cte(_DELETE_DRAFT.cte("old_draft"))
