"""Accounts: creating, signing in, disabling, resetting. Every change is audited."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from outreach.extensions import db
from outreach.models import Role, User
from outreach.models.base import utcnow
from outreach.models.user import new_session_token
from outreach.services import audit, staff_sessions
from outreach.services.passwords import (
    hash_password,
    needs_rehash,
    temporary_password,
    verify_password,
)

# Verifying against a real hash keeps unknown names as slow as known ones.
_DUMMY_HASH = hash_password("not-a-real-password-0")


class DuplicateEmail(ValueError):
    """An account with this email exists already."""


@dataclass
class LoginResult:
    user: User | None
    #: "ok", "bad_credentials", "locked" or "disabled"
    outcome: str


def normalise_email(email: str) -> str:
    return email.strip().lower()


def by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def by_id(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def by_session_id(session_id: str) -> User | None:
    """Resolve Flask-Login's id ("<id>:<token>"); a changed token means signed out."""
    user_id, _, token = session_id.partition(":")
    user = by_id(int(user_id)) if user_id.isdigit() else None
    return user if user and user.active and user.session_token == token else None


def all_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.role, User.display_name)))


def create_user(
    email: str,
    display_name: str,
    role: Role | str,
    password: str,
    actor: User | None = None,
    must_change_password: bool = False,
) -> User:
    if by_email(email):
        raise DuplicateEmail(email)
    user = User(
        email=normalise_email(email),
        display_name=display_name.strip(),
        role=Role(role).value,
        password_hash=hash_password(password),
        must_change_password=must_change_password,
    )
    db.session.add(user)
    db.session.flush()
    audit.record("user.created", actor, ("user", user.id), role=user.role, email=user.email)
    return user


def authenticate(email: str, password: str) -> LoginResult:
    """Check a login, counting failures and locking the account after too many."""
    user = by_email(email)
    if user is None:
        verify_password(_DUMMY_HASH, password)
        audit.record("login.failed", None, None, email=normalise_email(email)[:254])
        return LoginResult(None, "bad_credentials")
    if _is_locked(user):
        audit.record("login.locked", user, ("user", user.id))
        return LoginResult(None, "locked")
    if not verify_password(user.password_hash, password):
        _count_failure(user)
        return LoginResult(None, "bad_credentials")
    if not user.active:
        audit.record("login.disabled", user, ("user", user.id))
        return LoginResult(None, "disabled")
    _succeed(user, password)
    return LoginResult(user, "ok")


def _is_locked(user: User) -> bool:
    until = user.locked_until
    return until is not None and _aware(until) > utcnow()


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time we store is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def _count_failure(user: User) -> None:
    user.failed_logins += 1
    audit.record("login.failed", user, ("user", user.id), failures=user.failed_logins)
    if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
        minutes = current_app.config["LOGIN_LOCKOUT_MINUTES"]
        user.locked_until = utcnow() + timedelta(minutes=minutes)
        user.failed_logins = 0
        audit.record("user.locked", user, ("user", user.id), minutes=minutes)


def _succeed(user: User, password: str) -> None:
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = utcnow()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record("login.succeeded", user, ("user", user.id))


def sign_out(user: User, secret: str | None) -> None:
    """End this session for good: its cookie, even a copy, opens nothing afterwards."""
    staff_sessions.end(secret, "signed_out")
    audit.record("logout", user, ("user", user.id))


def update_user(user: User, actor: User, display_name: str, role: str, active: bool) -> None:
    """Change name, role or status; disabling or a new role also ends the user's sessions."""
    changes = {
        key: [old, new]
        for key, old, new in (
            ("display_name", user.display_name, display_name.strip()),
            ("role", user.role, Role(role).value),
            ("active", user.active, active),
        )
        if old != new
    }
    if not changes:
        return
    user.display_name, user.role, user.active = display_name.strip(), Role(role).value, active
    if "role" in changes or "active" in changes:
        user.session_token = new_session_token()
        staff_sessions.end_all(user, "role_changed" if "role" in changes else "disabled")
    audit.record("user.updated", actor, ("user", user.id), changes=changes)


def reset_password(user: User, actor: User) -> str:
    """Give the user a one-time password, sign them out everywhere and unlock the account."""
    password = temporary_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.session_token = new_session_token()
    staff_sessions.end_all(user, "password_reset")
    user.failed_logins, user.locked_until = 0, None
    audit.record("user.password_reset", actor, ("user", user.id))
    return password


def change_password(user: User, new_password: str) -> str:
    """The user's own change: every session ends, this person continues in a new one, whose
    secret is returned (a cookie copied before the change opens nothing)."""
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    user.session_token = new_session_token()
    staff_sessions.end_all(user, "password_changed")
    audit.record("user.password_changed", user, ("user", user.id))
    return staff_sessions.start(user)


def sign_out_everywhere(user: User, actor: User) -> int:
    """An administrator ends every session of `user` (a lost phone, a shared PC left signed in);
    returns how many were open."""
    user.session_token = new_session_token()
    ended = staff_sessions.end_all(user, "signed_out_everywhere")
    audit.record("user.signed_out_everywhere", actor, ("user", user.id), sessions=ended)
    return ended


def commit() -> None:
    db.session.commit()
