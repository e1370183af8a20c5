"""Support sessions announced to residents: create, change, move, cancel, find."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import SupportSession, User
from outreach.models.base import utcnow
from outreach.services import audit, nearby

#: Sessions happen in Hirakata: forms show and take Japan time.
LOCAL = ZoneInfo("Asia/Tokyo")
EDITABLE = (
    "format",
    "venue_name",
    "venue_address",
    "step_free",
    "hearing_loop",
    "parking",
    "area_code",
    "topics",
    "languages",
    "capacity",
    "booking_required",
    "contact",
    "public_note",
)


@dataclass
class Filters:
    area: str = ""
    topic: str = ""
    language: str = ""
    date_from: date | None = None
    date_to: date | None = None
    include_cancelled: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def local(moment: datetime) -> datetime:
    return _aware(moment).astimezone(LOCAL)


def at(day: date, clock: time) -> datetime:
    """A Japan-time moment, as UTC: SQLite keeps no time zone, so everything stored is UTC."""
    return datetime.combine(day, clock, tzinfo=LOCAL).astimezone(UTC)


def create(
    values: dict[str, Any], starts_at: datetime, ends_at: datetime, actor: User
) -> SupportSession:
    session = SupportSession(
        starts_at=starts_at,
        ends_at=ends_at,
        created_by_id=actor.id,
        **{k: values[k] for k in EDITABLE},
    )
    db.session.add(session)
    db.session.flush()
    audit.record("session.created", actor, ("support_session", session.id))
    db.session.commit()
    return session


def update(
    session: SupportSession,
    values: dict[str, Any],
    starts_at: datetime,
    ends_at: datetime,
    actor: User,
) -> None:
    """Change a session; a new time keeps the first announced time so residents see it moved."""
    if _aware(session.starts_at) != starts_at and session.moved_from is None:
        session.moved_from = session.starts_at
    session.starts_at, session.ends_at = starts_at, ends_at
    for key in EDITABLE:
        setattr(session, key, values[key])
    session.updated_at = utcnow()
    audit.record("session.updated", actor, ("support_session", session.id))
    db.session.commit()


def set_cancelled(session: SupportSession, cancelled: bool, actor: User) -> bool:
    """Cancel or reinstate; False when it already was (a second click changes nothing)."""
    if session.cancelled == cancelled:
        return False
    session.cancelled = cancelled
    session.updated_at = utcnow()
    audit.record(
        "session.cancelled" if cancelled else "session.reinstated",
        actor,
        ("support_session", session.id),
    )
    db.session.commit()
    return True


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def as_utc(moment: datetime) -> datetime:
    return _aware(moment).astimezone(UTC)


def get(session_id: int) -> SupportSession | None:
    return db.session.get(SupportSession, session_id)


def upcoming(filters: Filters) -> list[SupportSession]:
    """Sessions not yet over, soonest first, narrowed by the filters (topics and languages in Python:
    they are short JSON lists, and the list of upcoming sessions is small)."""
    query = select(SupportSession).where(SupportSession.ends_at >= utcnow())
    if filters.area:
        query = query.where(SupportSession.area_code == filters.area)
    if filters.date_from:
        query = query.where(SupportSession.starts_at >= at(filters.date_from, time.min))
    if filters.date_to:
        query = query.where(
            SupportSession.starts_at < at(filters.date_to + timedelta(days=1), time.min)
        )
    if not filters.include_cancelled:
        query = query.where(SupportSession.cancelled.is_(False))
    found = db.session.scalars(query.order_by(SupportSession.starts_at, SupportSession.id)).all()
    return [s for s in found if _matches(s, filters)]


def _matches(session: SupportSession, filters: Filters) -> bool:
    return (not filters.topic or filters.topic in session.topics) and (
        not filters.language or filters.language in session.languages
    )


def for_resident(
    topics: list[str], languages: list[str], area: str | None, limit: int = 8
) -> tuple[list[SupportSession], dict[int, float]]:
    """Upcoming sessions ranked for one resident, and how far each is (km, by session id).

    Sessions on one of their topics first (all, when they named none), then the nearest (by
    whole kilometres; by phone or online counts as near), then more of their topics and their
    language, then the soonest."""
    found = upcoming(Filters(include_cancelled=False))
    far = nearby.distances(area, {s.id: s.area_code for s in found})

    def score(session: SupportSession) -> tuple:
        shared = len(set(topics) & set(session.topics))
        return (
            bool(topics) and not shared,
            round(far.get(session.id, 0.0)),
            -shared,
            -len(set(languages) & set(session.languages)),
            _aware(session.starts_at),
        )

    chosen = sorted(found, key=score)[:limit]
    return chosen, {s.id: far[s.id] for s in chosen if s.id in far}


def managed_by(user: User, everyone: bool) -> list[SupportSession]:
    query = select(SupportSession).where(SupportSession.ends_at >= utcnow() - timedelta(days=1))
    if not everyone:
        query = query.where(SupportSession.created_by_id == user.id)
    return list(db.session.scalars(query.order_by(SupportSession.starts_at)))


def needing_helpers(user: User) -> list[SupportSession]:
    """Upcoming sessions others announced, not cancelled: where `user` could help."""
    return list(
        db.session.scalars(
            select(SupportSession)
            .where(
                SupportSession.ends_at >= utcnow(),
                SupportSession.created_by_id != user.id,
                SupportSession.cancelled.is_(False),
            )
            .order_by(SupportSession.starts_at)
            .limit(50)
        )
    )
