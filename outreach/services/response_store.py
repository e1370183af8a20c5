"""Writing a response (one row, its answers included) and ending its draft, atomically.

One way on both databases: Core statements, compiled once, on the request session's connection
and in its transaction. The draft is read first; the response is inserted and the draft deleted
back to back, then committed, so SQLite's one write lock is held only for those two statements.
The response's unique submission key is what makes a submission happen once: of two presses at
the same moment, the second's insert fails on the key and it finds the first's response.
"""

from datetime import datetime

from sqlalchemy import Connection, Row, bindparam, delete, insert, select

from outreach.extensions import db
from outreach.models import SurveyDraft, SurveyResponse

_RESPONSES, _DRAFTS = SurveyResponse.__table__, SurveyDraft.__table__

_LIVE_DRAFT = select(
    _DRAFTS.c.id, _DRAFTS.c.channel, _DRAFTS.c.entered_by_id, _DRAFTS.c.answers
).where(_DRAFTS.c.token == bindparam("token"), _DRAFTS.c.expires_at > bindparam("now"))
_INSERT_RESPONSE = insert(_RESPONSES).returning(_RESPONSES.c.id)
_DELETE_DRAFT = delete(_DRAFTS).where(_DRAFTS.c.id == bindparam("draft_id"))


def _connection() -> Connection:
    return db.session.connection()


def live_draft(token: str, now: datetime) -> Row | None:
    """The unexpired draft with this session token (id, channel, entered_by_id, answers)."""
    return _connection().execute(_LIVE_DRAFT, {"token": token, "now": now}).first()


def store(row: dict, draft_id: int | None) -> int:
    """Insert `row` (its answers included) into survey_responses and delete draft `draft_id`, if
    any, in the session's transaction; return the new id. The caller commits."""
    conn = _connection()
    response_id = conn.execute(_INSERT_RESPONSE, row).scalar_one()
    if draft_id is not None:
        conn.execute(_DELETE_DRAFT, {"draft_id": draft_id})
    return response_id
