"""PostgreSQL's submission statement on the driver's own connection (outreach/services/
driver_sql.py): it commits by itself, hands the connection back as it found it, and fails the way
SQLAlchemy's own statements fail. Only PostgreSQL takes this path, so only PostgreSQL runs it."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DataError, DBAPIError

from outreach import extensions
from outreach.extensions import db
from outreach.models import SurveyDraft
from outreach.services.driver_sql import fetch_one_autocommit
from tests.support.pool import pooled_connections_killed

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)

NEW_DRAFT = """
INSERT INTO survey_drafts (token, instrument_id, instrument_version, channel, answers,
                           updated_at, expires_at)
VALUES (%(token)s, 'test', 1, 'web', '{}', now(), now() + interval '1 day')
RETURNING id
"""


def one_pooled_driver_connection():
    db.engine.dispose()
    pooled = db.engine.raw_connection()
    driver = pooled.driver_connection
    pooled.close()
    return driver


def test_a_write_is_committed_and_the_connection_returns_out_of_autocommit(app):
    driver = one_pooled_driver_connection()
    (draft_id,) = fetch_one_autocommit(db.engine, NEW_DRAFT, {"token": "t1"})
    # Another connection sees the row: it was committed, not rolled back on return to the pool.
    with db.engine.connect() as other:
        assert other.scalar(select(SurveyDraft.id).where(SurveyDraft.token == "t1")) == draft_id
    assert driver.autocommit is False
    assert not driver.closed


def test_no_row_is_none(app):
    assert fetch_one_autocommit(db.engine, "SELECT 1 WHERE false", {}) is None


def test_an_error_is_sqlalchemys_and_the_connection_is_discarded(app):
    driver = one_pooled_driver_connection()
    with pytest.raises(DataError):  # SQLAlchemy's class for the driver's division by zero
        fetch_one_autocommit(db.engine, "SELECT 1 / %(zero)s", {"zero": 0})
    # Its state after the error (still in autocommit?) is unknown: it is not reused.
    assert driver.closed
    assert fetch_one_autocommit(db.engine, "SELECT 41 + 1", {}) == (42,)


def test_after_the_server_dropped_the_connections_one_statement_fails_then_all_are_new(
    app, monkeypatch
):
    monkeypatch.setattr(extensions, "PING_AFTER_IDLE_SECONDS", 3600.0)
    pooled_connections_killed(3)
    with pytest.raises(DBAPIError) as failure:
        fetch_one_autocommit(db.engine, NEW_DRAFT, {"token": "lost"})
    assert failure.value.connection_invalidated
    # The other two dead connections went with the old pool: nothing else fails.
    for n in range(3):
        assert fetch_one_autocommit(db.engine, NEW_DRAFT, {"token": f"t{n}"})
    assert db.session.scalar(select(func.count(SurveyDraft.id))) == 3
