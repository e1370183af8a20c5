"""Flask extensions, created unbound and attached in create_app (init_app pattern)."""

import time

from flask import Flask
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError

from outreach.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
compress = Compress()


def watch_connections(app: Flask) -> None:
    """Attach the connection set-up and the idle check below to the app's own engine (after
    `db.init_app`), not to every engine in the process: a backup's or a test's engine has its own
    settings."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    event.listen(engine, "checkin", _note_idle)
    event.listen(engine, "checkout", _ping_if_idle)


def _tune_sqlite(dbapi_connection, _record) -> None:
    """WAL lets readers and one writer work at once; the busy timeout waits out short locks."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


#: A pooled connection unused for longer than this is tested before it is handed out.
PING_AFTER_IDLE_SECONDS = 2.0


def _note_idle(_dbapi_connection, record) -> None:
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(dbapi_connection, record, _proxy) -> None:
    """After a database restart, pooled connections are dead. Testing every one before use costs
    a round trip per request; testing those idle for a while costs it only when the pool is
    quiet. A connection reused within seconds that still finds the server gone fails that one
    request (the "not saved, try again" page keeps the input), and SQLAlchemy then replaces the
    whole pool, so each worker meets at most one such failure per restart."""
    idle_since = record.info.get("idle_since")
    if idle_since is not None and time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
        return
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        # The SELECT began a transaction: end it, so the connection is handed out outside one.
        dbapi_connection.rollback()
    except Exception as error:  # any DBAPI error: the pool replaces the connection and retries
        raise DisconnectionError(str(error)) from error
