"""When the database is out of reach for a moment: say so, and keep what the visitor sent.

A database restart, a lost connection or a lock held too long must never cost a resident their
answers. The page re-posts everything they sent (hidden fields, a fresh CSRF token) with one
"Try again" button; every form is safe to send twice (form keys, submission keys), so trying
again can never store anything twice.
"""

import logging
from contextlib import suppress

from flask import Flask, g, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from outreach.extensions import db

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5
#: Never written back into a page, beside any field named like a password (fresh CSRF token;
#: `confirm` is the repeated new password).
NOT_KEPT = frozenset({"csrf_token", "confirm"})

NOT_SAVED = (
    _l("Not saved yet: please try again"),
    _l(
        "The system was busy for a moment and could not save what you sent. Nothing is lost: what you entered is kept on this page. Press “Try again” to send it again."
    ),
)
BUSY = (
    _l("The system is busy"),
    _l("The system is busy for a moment. Wait a few seconds and try again."),
)


def _kept_fields() -> list[tuple[str, str]]:
    return [
        (name, value)
        for name, values in request.form.lists()
        if name not in NOT_KEPT and "password" not in name
        for value in values
    ]


def _database_unavailable(error: Exception):
    log.warning("database unavailable during %s %s: %s", request.method, request.path, error)
    with suppress(OperationalError, InterfaceError):
        db.session.rollback()  # when the connection is gone, the pool replaces it
    g.database_unavailable = True  # the page is made without asking the database again
    posted = request.method == "POST"
    title, advice = NOT_SAVED if posted else BUSY
    page = render_template(
        "errors/not_saved.html",
        title=title,
        advice=advice,
        posted=posted,
        fields=_kept_fields() if posted else [],
        lost_files=bool(request.files) if posted else False,
    )
    return page, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def database_unavailable() -> bool:
    """Whether this request is showing the "not saved, try again" page.

    The page is made without the database: when the signed-in user was not loaded before the
    error, loading them would fail too, so the user loader (outreach/auth) answers "nobody" and
    the page is shown as to a visitor, the sign-in itself kept for the next request."""
    return g.get("database_unavailable", False)


def _release_session(_error: BaseException | None) -> None:
    """End the request's session even when its connection died after the page was made.

    Flask-SQLAlchemy's own teardown rolls back, and a ROLLBACK on a connection the server has
    just closed raises: the resident's finished page would become a 500. Registered after
    Flask-SQLAlchemy, this runs before it and leaves it nothing to do.
    """
    try:
        db.session.remove()
    except (OperationalError, InterfaceError):
        db.session().invalidate()  # drop the dead connection without the ROLLBACK it cannot take
        db.session.remove()


def init_app(app: Flask) -> None:
    for error in (OperationalError, InterfaceError, PoolTimeout):
        app.register_error_handler(error, _database_unavailable)
    app.teardown_appcontext(_release_session)
