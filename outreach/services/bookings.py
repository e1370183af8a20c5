"""Booking a place at a session: a place while there are places, else a turn on the waiting
list, which moves up when someone cancels. The name and phone number are sealed with the contact
key (as survey consents are) and deleted after the session (`outreach purge`).

Places are counted by one conditional UPDATE on the session row (`booked_count < capacity`),
which the database applies one at a time: two people racing for the last place get one place
and one waiting-list turn, on SQLite and PostgreSQL alike, with no lock held while reading.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from outreach.extensions import db
from outreach.models import Booking, SupportSession, User
from outreach.models.base import utcnow
from outreach.services import audit, contacts
from outreach.services.form_keys import key_for
from outreach.services.rows import affected
from outreach.services.sessions import as_utc

BOOKED, WAITING, CANCELLED = "booked", "waiting", "cancelled"
#: Booking codes: no 0/O, 1/I/L, so a code read out on the phone is typed right.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
#: Details are kept this long after the session ends (for the attendance ticks), then deleted.
KEEP_AFTER = timedelta(days=1)


class BookingError(ValueError):
    """Why a session cannot be booked: "cancelled", "past" or "not_bookable"."""


@dataclass
class Person:
    name: str
    phone: str


@dataclass
class OpenBooking:
    booking: Booking
    person: Person
    #: On the waiting list, how many are ahead plus one; None when booked or cancelled.
    turn: int | None


def new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(typed: str) -> str:
    """A code as typed: spaces, hyphens and lower case allowed ("abcd-2345" → "ABCD2345")."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def places_left(session: SupportSession) -> int | None:
    """None when the session has no limit."""
    if session.capacity is None:
        return None
    return max(session.capacity - session.booked_count, 0)


def check_bookable(session: SupportSession) -> None:
    if session.cancelled:
        raise BookingError("cancelled")
    if as_utc(session.starts_at) <= utcnow():
        raise BookingError("past")


def book(
    session: SupportSession, person: Person, form_key: str, by: User | None = None
) -> tuple[Booking, bool]:
    """A place, or a waiting-list turn when full; (booking, created). A form sent twice finds
    the first booking."""
    check_bookable(session)
    key = key_for(form_key)
    sealed = contacts.fernet().encrypt(json.dumps(person.__dict__).encode()).decode()
    for _ in range(5):  # a new code again in the rare case one is taken
        booking = Booking(
            session_id=session.id,
            code=new_code(),
            sealed=sealed,
            status=WAITING,
            submission_key=key,
            booked_by_id=by.id if by else None,
        )
        db.session.add(booking)
        try:
            db.session.flush()
            break
        except IntegrityError:
            db.session.rollback()
            first = db.session.scalar(select(Booking).where(Booking.submission_key == key))
            if first is not None:
                return first, False
    else:
        raise RuntimeError("no free booking code after 5 tries")
    if _take_place(session.id):
        booking.status = BOOKED
    audit.record("booking.made", by, ("support_session", session.id), status=booking.status)
    db.session.commit()
    return booking, True


def _take_place(session_id: int) -> bool:
    """One place, if one is left: the condition and the count change in one statement."""
    taken = db.session.execute(
        update(SupportSession)
        .where(
            SupportSession.id == session_id,
            (SupportSession.capacity.is_(None))
            | (SupportSession.booked_count < SupportSession.capacity),
        )
        .values(booked_count=SupportSession.booked_count + 1)
        .execution_options(synchronize_session=False)
    )
    return affected(taken) == 1


def cancel(booking: Booking) -> Booking | None:
    """Cancel; a freed place goes to the first on the waiting list, whom it returns."""
    if booking.status == CANCELLED:
        return None
    had_place = booking.status == BOOKED
    booking.status = CANCELLED
    booking.sealed = ""  # nothing personal is kept for a cancelled booking
    promoted = None
    if had_place:
        promoted = _first_waiting(booking.session_id)
        if promoted is not None:
            promoted.status = BOOKED  # the place passes on; the count stays
        else:
            db.session.execute(
                update(SupportSession)
                .where(SupportSession.id == booking.session_id)
                .values(booked_count=SupportSession.booked_count - 1)
                .execution_options(synchronize_session=False)
            )
    audit.record("booking.cancelled", None, ("support_session", booking.session_id))
    db.session.commit()
    return promoted


def _first_waiting(session_id: int) -> Booking | None:
    return db.session.scalars(
        select(Booking)
        .where(Booking.session_id == session_id, Booking.status == WAITING)
        .order_by(Booking.id)
        .limit(1)
        .with_for_update()
    ).first()


def by_code(code: str) -> Booking | None:
    return db.session.scalar(select(Booking).where(Booking.code == normal_code(code)))


def turn(booking: Booking) -> int | None:
    if booking.status != WAITING:
        return None
    ahead = db.session.scalar(
        select(func.count(Booking.id)).where(
            Booking.session_id == booking.session_id,
            Booking.status == WAITING,
            Booking.id < booking.id,
        )
    )
    return int(ahead or 0) + 1


def for_session(session: SupportSession, viewer: User) -> list[OpenBooking]:
    """Everyone booked or waiting, with their names and numbers; audited."""
    rows = list(
        db.session.scalars(
            select(Booking)
            .where(Booking.session_id == session.id, Booking.status != CANCELLED)
            .order_by(Booking.status, Booking.id)
        )
    )
    audit.record("bookings.viewed", viewer, ("support_session", session.id), count=len(rows))
    db.session.commit()
    fernet, waiting = contacts.fernet(), 0
    found = []
    for row in rows:
        person = Person(**json.loads(fernet.decrypt(row.sealed.encode())))
        waiting += row.status == WAITING
        found.append(OpenBooking(row, person, waiting if row.status == WAITING else None))
    return found


def mark_attended(session: SupportSession, present: set[int], actor: User) -> int:
    """Tick who came; returns how many did (the log's count of people helped starts there)."""
    rows = db.session.scalars(
        select(Booking).where(Booking.session_id == session.id, Booking.status == BOOKED)
    )
    for row in rows:
        row.attended = row.id in present
    audit.record("bookings.attendance", actor, ("support_session", session.id))
    db.session.commit()
    return attended_count(session.id)


def attended_count(session_id: int) -> int:
    return int(
        db.session.scalar(
            select(func.count(Booking.id)).where(
                Booking.session_id == session_id, Booking.attended.is_(True)
            )
        )
        or 0
    )


def purge_past() -> int:
    """Delete the bookings of sessions that ended more than KEEP_AFTER ago (`outreach purge`)."""
    ended = select(SupportSession.id).where(SupportSession.ends_at < utcnow() - KEEP_AFTER)
    purged = affected(db.session.execute(delete(Booking).where(Booking.session_id.in_(ended))))
    if purged:
        audit.record("bookings.purged", None, None, count=purged)
    db.session.commit()
    return purged
