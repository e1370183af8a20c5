"""Volunteers who sign up to staff a session, so organisers know who is coming."""

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from outreach.extensions import db
from outreach.models import SessionHelper, SupportSession, User
from outreach.services import audit


def sign_up(session: SupportSession, user: User) -> bool:
    """Add `user` as a helper; False when they already are (a second click adds nothing)."""
    db.session.add(SessionHelper(session_id=session.id, user_id=user.id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    audit.record("session.helper_added", user, ("support_session", session.id))
    db.session.commit()
    return True


def withdraw(session: SupportSession, user: User) -> None:
    db.session.execute(
        delete(SessionHelper).where(
            SessionHelper.session_id == session.id, SessionHelper.user_id == user.id
        )
    )
    audit.record("session.helper_removed", user, ("support_session", session.id))
    db.session.commit()


def helpers_of(sessions: Sequence[SupportSession]) -> dict[int, list[tuple[int, str]]]:
    """Session id -> (user id, name) of each helper, in sign-up order."""
    if not sessions:
        return {}
    rows = db.session.execute(
        select(SessionHelper.session_id, User.id, User.display_name)
        .join(User, User.id == SessionHelper.user_id)
        .where(SessionHelper.session_id.in_([s.id for s in sessions]))
        .order_by(SessionHelper.id)
    )
    found: dict[int, list[tuple[int, str]]] = {}
    for session_id, user_id, name in rows:
        found.setdefault(session_id, []).append((user_id, name))
    return found


def is_helper(session: SupportSession, user: User) -> bool:
    return (
        db.session.scalar(
            select(SessionHelper.id).where(
                SessionHelper.session_id == session.id, SessionHelper.user_id == user.id
            )
        )
        is not None
    )
