"""Seeing, and failing, the statements the app sends, through SQLAlchemy's public events.

Every statement of the app goes through the app engine's `before_cursor_execute` event, on
SQLite and PostgreSQL alike. (The pool's check of a connection idle for a while runs on the
driver's connection directly, so it is neither recorded nor failed.)
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event

from outreach.extensions import db


@contextmanager
def each_statement(before: Callable[[str], None]) -> Iterator[None]:
    """Call `before(sql)` ahead of every statement the app sends to the database."""

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
    with each_statement(lambda sql: words.append(sql.split()[0].upper())):
        yield words


@contextmanager
def failing(*verbs: str) -> Iterator[None]:
    """Every statement starting with one of `verbs` fails with the driver's error for a server
    that has gone away (SQLAlchemy wraps it, as it wraps the real one)."""

    def fail(sql: str) -> None:
        if sql.lstrip().upper().startswith(verbs):
            error = db.engine.dialect.loaded_dbapi.OperationalError
            raise error("server closed the connection unexpectedly")

    with each_statement(fail):
        yield
