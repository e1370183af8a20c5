"""The half-signed-in state between a right password and a right code.

It is kept in Flask's signed session cookie: the user's id with their session token (so a
password reset or a role change in between voids it), when the password was accepted, and where
to go afterwards. Flask-Login knows nothing of it, so every page but the code page treats the
visitor as signed out. It lasts MAX_AGE, then the password must be entered again.
"""

import time

from flask import session
from flask_login import login_user

from outreach.services import staff_sessions, users

KEY = "two_step_pending"
MAX_AGE = 5 * 60


def begin(user, next_url: str | None) -> None:
    session.clear()  # a fresh session, as for any sign-in (no fixation)
    session[KEY] = {"user": user.get_id(), "at": int(time.time()), "next": next_url}


def user():
    """The person who gave the right password in the last MAX_AGE seconds, if any."""
    state = session.get(KEY)
    if not isinstance(state, dict) or time.time() - state.get("at", 0) > MAX_AGE:
        return None
    return users.by_session_id(str(state.get("user", "")))


def finish(person) -> str | None:
    """Sign the person in for real; returns where they were going. The caller commits."""
    next_url = session.get(KEY, {}).get("next")
    session.clear()
    login_user(person)
    session[staff_sessions.COOKIE_KEY] = staff_sessions.start(person)
    return next_url
