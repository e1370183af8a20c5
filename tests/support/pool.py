"""Ending pooled connections behind the pool's back, as a database restart ends them."""

from contextlib import ExitStack

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from outreach.extensions import db


def pooled_connections_killed(count: int) -> None:
    """Use `count` connections at once, return them to the pool, then end them behind its back
    (as a database restart ends them)."""
    db.engine.dispose()
    postgres = db.engine.dialect.name == "postgresql"
    with ExitStack() as stack:
        victims = [stack.enter_context(db.engine.connect()) for _ in range(count)]
        raw = [conn.connection.dbapi_connection for conn in victims]
        pids = [conn.scalar(text("SELECT pg_backend_pid()")) for conn in victims if postgres]
    if not postgres:
        for connection in raw:
            connection.close()
        return
    killer = create_engine(db.engine.url.render_as_string(hide_password=False), poolclass=NullPool)
    with killer.connect() as conn:
        for pid in pids:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    killer.dispose()
