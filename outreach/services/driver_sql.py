"""One statement on a pooled connection of the database driver itself.

For the one path where SQLAlchemy's work around a statement (connection wrapper, execution
context, result object, session bookkeeping) costs the app more than the database spends on the
statement: a resident submitting the survey on PostgreSQL. The connection still comes from
SQLAlchemy's pool (so the idle check in outreach/extensions.py applies), and errors come out as
SQLAlchemy's exceptions, which the "not saved, try again" page handles like any other.
"""

from contextlib import suppress
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError


def fetch_one_autocommit(
    engine: Engine, statement: str, parameters: dict
) -> tuple[Any, ...] | None:
    """Run `statement` (the driver's paramstyle) in autocommit; return its first row, if any.

    Only for a statement that is atomic by itself and needs no transaction around it."""
    pooled = engine.raw_connection()
    driver = pooled.driver_connection
    try:
        driver.autocommit = True
        row = driver.execute(statement, parameters).fetchone()
        driver.autocommit = False
        return row
    except engine.dialect.loaded_dbapi.Error as error:
        raise _failed(engine, pooled, statement, parameters, error) from error
    finally:
        pooled.close()


def _failed(engine: Engine, pooled, statement: str, parameters: dict, error) -> DBAPIError:
    """Discard the connection (its state after an error is unknown: it may be left in
    autocommit) and, when the server went away, every pooled connection opened before now, as
    SQLAlchemy does for its own statements; return the error to raise."""
    gone = engine.dialect.is_disconnect(error, pooled.driver_connection, None)
    with suppress(Exception):  # closing a broken connection may fail too: it is dropped anyway
        pooled.invalidate(error)
    if gone:
        # A new pool: the idle connections, opened before the server went away, are closed.
        engine.dispose()
    return DBAPIError.instance(
        statement,
        parameters,
        error,
        engine.dialect.loaded_dbapi.Error,
        connection_invalidated=gone,
        dialect=engine.dialect,
    )
