"""Sessions that repeat: announced once as a series of occurrences, each its own session (so one
can be moved or cancelled alone, and the public list and calendar feed show every date), changed
one at a time or from one occurrence on."""

import uuid
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from outreach.extensions import db
from outreach.models import SupportSession, User
from outreach.models.base import utcnow
from outreach.recurrence import dates
from outreach.services import audit
from outreach.services.form_keys import key_for
from outreach.services.sessions import EDITABLE, at, local


def create(
    values: dict[str, Any],
    first: date,
    hours: tuple[time, time],
    repeat: str,
    until: date | None,
    actor: User,
    form_key: str,
) -> tuple[list[SupportSession], bool]:
    """Every occurrence from `first` to `until`, one session when it does not repeat, made once
    per form key (services.form_keys): (occurrences, created). A form sent again finds the first."""
    key = key_for(form_key)
    found = _made_with(key)
    if found:
        return found, False
    days = dates(first, repeat, until)
    series = uuid.uuid4().hex if len(days) > 1 else None
    made = [
        SupportSession(
            starts_at=at(day, hours[0]),
            ends_at=at(day, hours[1]),
            created_by_id=actor.id,
            series_id=series,
            **{k: values[k] for k in EDITABLE},
        )
        for day in days
    ]
    made[0].submission_key = key  # one row holds it: the column is unique
    db.session.add_all(made)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        # The same form sent twice at once: the sending that won holds the key.
        won = _made_with(key)
        if not won:
            raise  # not the key: another failure
        return won, False
    audit.record("session.created", actor, ("support_session", made[0].id), occurrences=len(made))
    db.session.commit()
    return made, True


def _made_with(key: str) -> list[SupportSession]:
    """The session, or every occurrence of the series, that the form with this key made."""
    first = db.session.scalar(select(SupportSession).where(SupportSession.submission_key == key))
    if first is None or first.series_id is None:
        return [first] if first else []
    return list(
        db.session.scalars(
            select(SupportSession)
            .where(SupportSession.series_id == first.series_id)
            .order_by(SupportSession.starts_at, SupportSession.id)
        )
    )


def following(session: SupportSession) -> list[SupportSession]:
    """This occurrence and the later ones of its series, in order."""
    if session.series_id is None:
        return [session]
    return list(
        db.session.scalars(
            select(SupportSession)
            .where(
                SupportSession.series_id == session.series_id,
                SupportSession.starts_at >= session.starts_at,
            )
            .order_by(SupportSession.starts_at)
        )
    )


def update_following(
    session: SupportSession,
    values: dict[str, Any],
    starts_at: datetime,
    ends_at: datetime,
    actor: User,
) -> int:
    """Change this occurrence and every later one: the same details and hours, each moved by as
    many days as this one. Cancelled occurrences stay cancelled. Returns how many changed."""
    shift = local(starts_at).date() - local(session.starts_at).date()
    start_clock, end_clock = local(starts_at).time(), local(ends_at).time()
    changed = following(session)
    for occurrence in changed:
        day = local(occurrence.starts_at).date() + shift
        new_start = at(day, start_clock)
        if local(occurrence.starts_at) != local(new_start) and occurrence.moved_from is None:
            occurrence.moved_from = occurrence.starts_at  # the public list says it moved
        occurrence.starts_at, occurrence.ends_at = new_start, at(day, end_clock)
        for key in EDITABLE:
            setattr(occurrence, key, values[key])
        occurrence.updated_at = utcnow()
    audit.record(
        "session.updated", actor, ("support_session", session.id), occurrences=len(changed)
    )
    db.session.commit()
    return len(changed)
