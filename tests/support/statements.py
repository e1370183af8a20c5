"""Seeing, and failing, the statements the app sends, whichever way it sends them.

On PostgreSQL a survey submission runs on the driver's own connection (outreach/services/
driver_sql.py), past SQLAlchemy's events, so there the hook is psycopg's cursor, which every
statement goes through. SQLite's driver is written in C; there SQLAlchemy's event is the hook.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from outreach.extensions import db

#: The pool's check of a connection idle for a while (outreach/extensions.py): not recorded.
IDLE_CHECK = "SELECT 1"


@contextmanager
def each_statement(before: Callable[[str], None]) -> Iterator[None]:
    """Call `before(sql)` ahead of every statement the app sends to the database."""
    if db.engine.dialect.name == "postgresql":
        execute = psycopg.Cursor.execute

        def observed(cursor, query, *args, **kwargs):
            before(str(query))
            return execute(cursor, query, *args, **kwargs)

        psycopg.Cursor.execute = observed
        try:
            yield
        finally:
            psycopg.Cursor.execute = execute
        return

    def listener(_conn, _cursor, statement, *_):
        before(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


@contextmanager
def recorded() -> Iterator[list[str]]:
    """The first word of every statement sent inside the block."""
    words: list[str] = []

    def record(sql: str) -> None:
        if sql != IDLE_CHECK:
            words.append(sql.split()[0].upper())

    with each_statement(record):
        yield words


@contextmanager
def failing(*verbs: str) -> Iterator[None]:
    """Every statement starting with one of `verbs` fails as when the server has gone away."""

    def fail(sql: str) -> None:
        if not sql.lstrip().upper().startswith(verbs):
            return
        if db.engine.dialect.name == "postgresql":  # the driver's error, wrapped by the caller
            raise psycopg.OperationalError("server closed the connection unexpectedly")
        raise OperationalError(sql, None, ConnectionError("server closed"))

    with each_statement(fail):
        yield
