"""Pooled connections after the database dropped them: tested when idle, replaced when dead."""

from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import DBAPIError

from outreach import extensions
from outreach.extensions import db
from tests.support.pool import pooled_connections_killed


def answers_after_a_restart(attempts: int) -> tuple[int, int]:
    """Query `attempts` times; return (answered, failed)."""
    answered = failed = 0
    for _ in range(attempts):
        try:
            with db.engine.connect() as conn:
                assert conn.scalar(text("SELECT 41 + 1")) == 42
                answered += 1
        except DBAPIError as error:
            assert error.connection_invalidated
            failed += 1
    return answered, failed


def test_dead_connections_idle_for_a_while_are_replaced_before_use(app, monkeypatch):
    pooled_connections_killed(2)
    monkeypatch.setattr(extensions, "PING_AFTER_IDLE_SECONDS", 0.0)
    assert answers_after_a_restart(4) == (4, 0)


def test_dead_connections_reused_at_once_fail_one_request_then_the_pool_is_renewed(
    app, monkeypatch
):
    monkeypatch.setattr(extensions, "PING_AFTER_IDLE_SECONDS", 3600.0)
    pooled_connections_killed(2)
    assert answers_after_a_restart(4) == (3, 1)


def test_a_tested_connection_is_handed_out_outside_any_transaction(app, monkeypatch):
    """The test leaves no transaction open: a connection can still change its isolation level."""
    monkeypatch.setattr(extensions, "PING_AFTER_IDLE_SECONDS", 0.0)
    db.engine.dispose()
    for _ in range(2):
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            assert conn.scalar(text("SELECT 41 + 1")) == 42


def test_only_the_apps_engine_is_watched(app):
    """The listeners are the app engine's, not every engine's in the process (a backup's, a
    test's, a library's)."""
    other = create_engine("sqlite://")
    try:
        assert event.contains(db.engine, "checkout", extensions._ping_if_idle)
        assert not event.contains(other, "checkout", extensions._ping_if_idle)
        assert not event.contains(other, "connect", extensions._tune_sqlite)
    finally:
        other.dispose()
