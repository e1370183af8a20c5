"""Server-side sessions of signed-in people: started at sign-in, checked on every request,
ended for good by sign-out, a password or role change, an administrator, or the time limits
(STAFF_SESSION_IDLE_MINUTES without a request, STAFF_SESSION_MAX_HOURS in all)."""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update

from outreach.extensions import db
from outreach.models import StaffSession, User
from outreach.models.base import utcnow
from outreach.services.rows import affected

#: The key of the session's secret in Flask's signed session cookie.
COOKIE_KEY = "staff_session"
#: last_seen_at is written at most this often: a page view is not a database write each time.
TOUCH_EVERY = timedelta(minutes=1)
#: Ended sessions are kept this long for the record, then `outreach purge` deletes them.
KEEP_ENDED = timedelta(days=30)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time we store is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def start(user: User) -> str:
    """A new session for `user`; returns the secret the cookie carries. The caller commits."""
    secret = secrets.token_urlsafe(32)
    db.session.add(StaffSession(token_hash=_hash(secret), user_id=user.id))
    db.session.flush()
    return secret


def check(user_id: int, secret: str | None) -> str:
    """ "ok" when the secret opens a live session of this user (and notes the visit), otherwise
    why not: "unknown", "ended", or "idle"/"too_long" (the session ends now)."""
    row = _find(secret)
    if row is None or row.user_id != user_id:
        return "unknown"
    if row.ended_at is not None:
        return "ended"
    now = utcnow()
    expired = _expired(row, now)
    if expired:
        _end([row.id], expired, now)
    elif now - _aware(row.last_seen_at) >= TOUCH_EVERY:
        row.last_seen_at = now
    else:
        return "ok"
    db.session.commit()  # before the request's own work, which may fail and roll back
    return expired or "ok"


def _find(secret: str | None) -> StaffSession | None:
    if not secret:
        return None
    return db.session.scalar(select(StaffSession).where(StaffSession.token_hash == _hash(secret)))


def _expired(row: StaffSession, now: datetime) -> str | None:
    config = current_app.config
    if now - _aware(row.started_at) > timedelta(hours=config["STAFF_SESSION_MAX_HOURS"]):
        return "too_long"
    if now - _aware(row.last_seen_at) > timedelta(minutes=config["STAFF_SESSION_IDLE_MINUTES"]):
        return "idle"
    return None


def end(secret: str | None, reason: str) -> None:
    """End the session behind this secret (sign-out). The caller commits."""
    row = _find(secret)
    if row is not None and row.ended_at is None:
        _end([row.id], reason, utcnow())


def end_all(user: User, reason: str) -> int:
    """End every live session of `user`; returns how many. The caller commits."""
    ids = db.session.scalars(
        select(StaffSession.id).where(
            StaffSession.user_id == user.id, StaffSession.ended_at.is_(None)
        )
    ).all()
    _end(list(ids), reason, utcnow())
    return len(ids)


def _end(ids: list[int], reason: str, now: datetime) -> None:
    if ids:
        db.session.execute(
            update(StaffSession)
            .where(StaffSession.id.in_(ids))
            .values(ended_at=now, end_reason=reason)
        )


def purge_ended() -> int:
    """Delete sessions ended, or started, longer ago than KEEP_ENDED."""
    cutoff = utcnow() - KEEP_ENDED
    old = (StaffSession.ended_at < cutoff) | (StaffSession.started_at < cutoff)
    purged = affected(db.session.execute(delete(StaffSession).where(old)))
    db.session.commit()
    return purged
