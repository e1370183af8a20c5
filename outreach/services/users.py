"""Accounts: creating, signing in, disabling, resetting. Every change is audited."""

import secrets
from dataclasses import dataclass

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import Role, User
from outreach.models.base import utcnow
from outreach.models.user import new_session_token
from outreach.services import audit, sign_in_throttle, staff_sessions, two_step
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
    #: "ok", "needs_code" (right password, two-step sign-in on: not signed in yet),
    #: "bad_credentials" (also unknown email and throttled) or "disabled"
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


def authenticate(email: str, password: str, address: str) -> LoginResult:
    """Check a sign-in from `address`. Too many recent failures make the next try wait
    (sign_in_throttle); a refused try looks exactly like a wrong password, as an unknown email
    does. Failures and refusals are audited."""
    account = normalise_email(email)[:254]
    throttled = sign_in_throttle.wait(account, address)
    if throttled:
        limit, seconds = throttled
        audit.record("login.throttled", None, None, email=account, limit=limit, wait=seconds)
        return LoginResult(None, "bad_credentials")
    user = by_email(email)
    if user is None:
        verify_password(_DUMMY_HASH, password)
    if user is None or not verify_password(user.password_hash, password):
        sign_in_throttle.record(account, address, succeeded=False)
        target = ("user", user.id) if user else None
        audit.record("login.failed", user, target, email=account)
        return LoginResult(None, "bad_credentials")
    if not user.active:
        audit.record("login.disabled", user, ("user", user.id))
        return LoginResult(None, "disabled")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    if user.two_step_secret is not None:
        # Not a success yet: the throttle counts wrong codes after this (two_step.check), and a
        # right password must not wipe them out.
        audit.record("login.code_requested", user, ("user", user.id))
        return LoginResult(user, "needs_code")
    sign_in_throttle.record(account, address, succeeded=True)
    user.last_login_at = utcnow()
    audit.record("login.succeeded", user, ("user", user.id))
    return LoginResult(user, "ok")


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
    """Give the user a one-time password and sign them out everywhere."""
    password = temporary_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.session_token = new_session_token()
    staff_sessions.end_all(user, "password_reset")
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


def reset_two_step(user: User, actor: User) -> None:
    """Loss of device: an administrator turns the person's two-step sign-in off and ends their
    sessions. A role that requires it is asked to enrol again at the next sign-in."""
    two_step.turn_off(user, actor, "user.two_step_reset")
    user.session_token = new_session_token()
    staff_sessions.end_all(user, "two_step_reset")


def commit() -> None:
    db.session.commit()


def from_directory(email: str, name: str, role: str) -> User | None:
    """The account of someone the city's directory signed in: created at first sign-in (with no
    usable password), its role set from their directory groups at every sign-in. None when the
    account has been disabled here."""
    user = by_email(email)
    if user is None:
        user = create_user(email, name or email, role, secrets.token_urlsafe(32))
        audit.record("user.from_directory", None, ("user", user.id), role=role)
    if not user.active:
        return None
    if user.role != role:
        audit.record("user.role_from_directory", None, ("user", user.id), was=user.role, now=role)
        user.role = role
    return user
