"""Writing a response (row, answers, end of its draft) atomically, from a draft or from answers.

This is the path a burst of submissions waits on (a class finishing the survey together, a
volunteer keying in a pile of paper forms), so it uses Core statements compiled once and as few
round trips as the database allows:
- PostgreSQL, draft prepared at its last save (the usual case): one statement takes the draft
  and writes the response and its answers from what was prepared (data-modifying CTEs). It is
  the only statement of a resident's submission, so it runs on the driver's connection in
  autocommit (outreach/services/driver_sql.py).
- PostgreSQL, anything else: the response is written with one statement, its answers unnested
  from two arrays, deleting the draft if there is one.
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
    Text,
    bindparam,
    delete,
    func,
    insert,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY

from outreach.extensions import db
from outreach.models import SurveyAnswer, SurveyDraft, SurveyResponse
from outreach.services import driver_sql

_RESPONSES, _ANSWERS, _DRAFTS = (m.__table__ for m in (SurveyResponse, SurveyAnswer, SurveyDraft))

_LIVE_DRAFT = select(
    _DRAFTS.c.id, _DRAFTS.c.channel, _DRAFTS.c.entered_by_id, _DRAFTS.c.answers
).where(_DRAFTS.c.token == bindparam("token"), _DRAFTS.c.expires_at > bindparam("now"))
_INSERT_RESPONSE = insert(_RESPONSES).returning(_RESPONSES.c.id)
_INSERT_ANSWERS = insert(_ANSWERS)
_DELETE_DRAFT = delete(_DRAFTS).where(_DRAFTS.c.id == bindparam("draft_id"))

#: PostgreSQL, run on the driver's connection (psycopg's paramstyle): take the live draft if it
#: was prepared under this instrument version, and write the response and its answers from it.
_TAKE_PREPARED = """
WITH taken AS (
    DELETE FROM survey_drafts
    WHERE token = %(token)s AND expires_at > %(now)s
      AND prepared ->> 'instrument_id' = %(instrument_id)s
      AND (prepared ->> 'instrument_version')::integer = %(instrument_version)s
    RETURNING channel, entered_by_id, prepared
), new_response AS (
    INSERT INTO survey_responses (instrument_id, instrument_version, channel, entered_by_id,
                                  locale, area_code, age_band, submission_key, submitted_on)
    SELECT %(instrument_id)s, %(instrument_version)s, channel, entered_by_id, %(locale)s,
           prepared ->> 'area_code', prepared ->> 'age_band', %(submission_key)s, %(submitted_on)s
    FROM taken
    RETURNING id
), new_answers AS (
    INSERT INTO survey_answers (response_id, question, value)
    SELECT new_response.id, pair ->> 0, pair ->> 1
    FROM new_response, taken, json_array_elements(taken.prepared -> 'pairs') AS pair
)
SELECT id FROM new_response
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


def store(row: dict, pairs: list[tuple[str, str]], draft_id: int | None) -> int:
    """Insert `row` into survey_responses with its (question, value) pairs; return its id."""
    conn = connection()
    if conn.dialect.name == "postgresql":
        parameters = {
            **row,
            "answer_questions": [q for q, _ in pairs],
            "answer_values": [v for _, v in pairs],
            "draft_id": draft_id,
        }
        return conn.execute(_one_statement(tuple(sorted(row))), parameters).scalar_one()
    response_id = conn.execute(_INSERT_RESPONSE, row).scalar_one()
    if pairs:
        conn.execute(
            _INSERT_ANSWERS,
            [{"response_id": response_id, "question": q, "value": v} for q, v in pairs],
        )
    if draft_id is not None:
        conn.execute(_DELETE_DRAFT, {"draft_id": draft_id})
    return response_id


@cache
def _one_statement(columns: tuple[str, ...]):
    """PostgreSQL: insert the response and its answers and delete the draft, in one statement."""
    new = (
        insert(_RESPONSES)
        .values({name: bindparam(name) for name in columns})
        .returning(_RESPONSES.c.id)
        .cte("new_response")
    )
    pairs = (
        func.unnest(
            bindparam("answer_questions", type_=ARRAY(Text)),
            bindparam("answer_values", type_=ARRAY(Text)),
        )
        .table_valued("question", "value")
        .render_derived("pair")
    )
    answers = insert(_ANSWERS).from_select(
        ["response_id", "question", "value"],
        select(new.c.id, pairs.c.question, pairs.c.value).select_from(new.join(pairs, true())),
    )
    return select(new.c.id).add_cte(answers.cte("new_answers"), _DELETE_DRAFT.cte("old_draft"))
