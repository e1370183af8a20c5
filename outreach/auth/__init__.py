"""Signing in: the session loader lives here so Flask-Login finds it at import."""

from flask import current_app, flash, session
from flask_babel import gettext as _

from outreach import unavailable
from outreach.extensions import login_manager
from outreach.services import staff_sessions, users

#: Why a session ended by itself; the person is told once, on the sign-in page.
EXPIRED = frozenset({"idle", "too_long"})
#: Whose session ended by itself in this browser (signing in clears it with the session).
EXPIRED_USER = "expired_user"


def _expired_message(state: str) -> str:
    config = current_app.config
    if state == "idle":
        return _(
            "You were signed out after %(minutes)d minutes without activity. Sign in again to continue where you were.",
            minutes=config["STAFF_SESSION_IDLE_MINUTES"],
        )
    return _(
        "You were signed out %(hours)d hours after signing in. Sign in again to continue where you were.",
        hours=config["STAFF_SESSION_MAX_HOURS"],
    )


@login_manager.user_loader
def _load_user(session_id: str):
    if unavailable.database_unavailable():
        return None  # Flask-Login then takes the visitor for anonymous, for this request only
    user = users.by_session_id(session_id)
    if user is None:
        return None
    state = staff_sessions.check(user.id, session.get(staff_sessions.COOKIE_KEY))
    if state == "ok":
        return user
    if state in EXPIRED:
        _forget_expired(state, user.id)
    return None


def _forget_expired(state: str, user_id: int) -> None:
    """Say once why the person must sign in again; the sign-in page then brings them back, and
    a form they send meanwhile is kept for them (outreach.access, services.kept_forms)."""
    session.pop("_user_id", None)
    session.pop(staff_sessions.COOKIE_KEY, None)
    session[EXPIRED_USER] = user_id
    flash(_expired_message(state))
