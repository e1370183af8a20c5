"""Flask extensions, created unbound and attached in create_app (init_app pattern)."""

import time

from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import Pool

from outreach.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()


class RouteLimiter(Limiter):
    """Flask-Limiter with limits declared on routes only (`limiter.limit`, `shared_limit`).

    Flask-Limiter also checks every request before the view, for default, application and
    blueprint limits; a route's decorator checks that route's own limits itself. We declare none
    of the first kind, so that pass only looked for them: about a tenth of the app's work on the
    survey's busiest request (submitting). It is taken out, and a limit of the kind it served
    stops the app at start instead of being silently ignored."""

    def init_app(self, app) -> None:
        super().init_app(app)
        if self.limit_manager.default_limits or self.limit_manager.application_limits:
            raise RuntimeError(
                "default and application rate limits are not checked: declare limits on routes"
            )
        checks = app.before_request_funcs[None]
        if self._check_request_limit in checks:  # not there on a second init_app of one app
            checks.remove(self._check_request_limit)


limiter = RouteLimiter(key_func=get_remote_address, default_limits=[])
compress = Compress()


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record) -> None:
    """WAL lets readers and one writer work at once; the busy timeout waits out short locks."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


#: A pooled connection unused for longer than this is tested before it is handed out.
PING_AFTER_IDLE_SECONDS = 2.0


@event.listens_for(Pool, "checkin")
def _note_idle(_dbapi_connection, record) -> None:
    record.info["idle_since"] = time.monotonic()


@event.listens_for(Pool, "checkout")
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
        # The test began a transaction: end it, or the connection could not go to autocommit.
        dbapi_connection.rollback()
    except Exception as error:  # any DBAPI error: the pool replaces the connection and retries
        raise DisconnectionError(str(error)) from error
