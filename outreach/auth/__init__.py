"""Signing in: the session loader lives here so Flask-Login finds it at import."""

from outreach import unavailable
from outreach.extensions import login_manager
from outreach.services import users


@login_manager.user_loader
def _load_user(session_id: str):
    if unavailable.database_unavailable():
        return None  # Flask-Login then takes the visitor for anonymous, for this request only
    return users.by_session_id(session_id)
