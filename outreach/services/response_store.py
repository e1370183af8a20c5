"""Writing a response (row, answers, end of its draft) atomically, from a draft or from answers.

This is the path a burst of submissions waits on (a class finishing the survey together, a
volunteer keying in a pile of paper forms), so it uses Core statements compiled once and as few
round trips as the database allows:
- PostgreSQL, draft prepared at its last save (the usual case): one statement takes the draft
  and writes the response and its answers from what was prepared (data-modifying CTEs).
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
    JSON,
    Connection,
    Integer,
    Row,
    Text,
    bindparam,
    column,
    delete,
    func,
    insert,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY

from outreach.extensions import db
from outreach.models import SurveyAnswer, SurveyDraft, SurveyResponse

_RESPONSES, _ANSWERS, _DRAFTS = (m.__table__ for m in (SurveyResponse, SurveyAnswer, SurveyDraft))

_LIVE_DRAFT = select(
    _DRAFTS.c.id, _DRAFTS.c.token, _DRAFTS.c.channel, _DRAFTS.c.entered_by_id, _DRAFTS.c.answers
).where(_DRAFTS.c.token == bindparam("token"), _DRAFTS.c.expires_at > bindparam("now"))
_INSERT_RESPONSE = insert(_RESPONSES).returning(_RESPONSES.c.id)
_INSERT_ANSWERS = insert(_ANSWERS)
_DELETE_DRAFT = delete(_DRAFTS).where(_DRAFTS.c.id == bindparam("draft_id"))


def connection() -> Connection:
    """The request's connection, in autocommit on PostgreSQL when no transaction has begun yet."""
    session = db.session()
    if db.engine.dialect.name == "postgresql" and not session.in_transaction():
        return session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    return session.connection()


def live_draft(token: str, now: datetime) -> Row | None:
    """The unexpired draft with this session token (id, token, channel, entered_by_id, answers)."""
    return connection().execute(_LIVE_DRAFT, {"token": token, "now": now}).first()


def submit_prepared(parameters: dict) -> int | None:
    """PostgreSQL: submit the live draft with `token` from what was prepared at its last save,
    if that was under this instrument version; return the new response's id, else None.

    `parameters`: token, now, instrument_id, instrument_version, locale, submission_key and
    submitted_on. Two requests with the same token cannot both take the draft: the second waits
    for the first to commit, then finds no draft."""
    if db.engine.dialect.name != "postgresql":
        return None
    return connection().execute(_take_prepared(), parameters).scalar()


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


@cache
def _take_prepared():
    prepared = _DRAFTS.c.prepared
    taken = (
        delete(_DRAFTS)
        .where(
            _DRAFTS.c.token == bindparam("token"),
            _DRAFTS.c.expires_at > bindparam("now"),
            prepared["instrument_id"].as_string() == bindparam("instrument_id", type_=Text),
            prepared["instrument_version"].as_integer()
            == bindparam("instrument_version", type_=Integer),
        )
        .returning(_DRAFTS.c.channel, _DRAFTS.c.entered_by_id, prepared)
        .cte("taken")
    )
    new = (
        insert(_RESPONSES)
        .from_select(
            [
                "instrument_id",
                "instrument_version",
                "channel",
                "entered_by_id",
                "locale",
                "area_code",
                "age_band",
                "submission_key",
                "submitted_on",
            ],
            select(
                bindparam("instrument_id", type_=Text),
                bindparam("instrument_version", type_=Integer),
                taken.c.channel,
                taken.c.entered_by_id,
                bindparam("locale", type_=Text),
                taken.c.prepared["area_code"].as_string(),
                taken.c.prepared["age_band"].as_string(),
                bindparam("submission_key", type_=Text),
                bindparam("submitted_on", type_=_RESPONSES.c.submitted_on.type),
            ),
        )
        .returning(_RESPONSES.c.id)
        .cte("new_response")
    )
    pair = (
        func.json_array_elements(taken.c.prepared["pairs"])
        .table_valued(column("value", JSON))
        .render_derived("pair")
    )
    answers = insert(_ANSWERS).from_select(
        ["response_id", "question", "value"],
        select(new.c.id, pair.c.value[0].as_string(), pair.c.value[1].as_string()).select_from(
            new.join(taken, true()).join(pair, true())
        ),
    )
    return select(new.c.id).add_cte(answers.cte("new_answers"))
