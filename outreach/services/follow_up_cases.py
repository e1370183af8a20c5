"""A follow-up as a case: flagged, assigned, started, given a due date and notes, closed with an
outcome. Every step is a CaseEvent, so the case page shows who did what and when.

Closing deletes a survey consent's contact details at once, as before, but keeps the case (its
source, outcome and history hold nothing personal) so that coordinators can count what became of
the follow-ups. Retention purges still delete open survey cases with their details.
"""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import CaseEvent, FollowUp, SessionLog, User
from outreach.models.base import utcnow
from outreach.services import audit, contacts
from outreach.vocabulary import CaseOutcome, CaseSource, CaseStatus

CLOSED = (CaseStatus.DONE, CaseStatus.NO_CONTACT)
#: The same note, or the same flag, from the same person this recently is one click sent twice.
RESEND_WINDOW = timedelta(minutes=10)


def is_open(follow_up: FollowUp) -> bool:
    return follow_up.closed_at is None


def flag(log: SessionLog, summary: str, actor: User, due: date | None = None) -> FollowUp:
    """A follow-up on `log` (several may be); the flagging volunteer sees it at once. The caller
    commits (a log's first follow-up is saved with the log)."""
    since = utcnow() - RESEND_WINDOW
    again = db.session.scalar(
        select(FollowUp).where(
            FollowUp.log_id == log.id,
            FollowUp.summary == summary,
            FollowUp.flagged_by_id == actor.id,
            FollowUp.created_at >= since,
        )
    )
    if again is not None:
        return again
    follow_up = FollowUp(
        log_id=log.id,
        summary=summary,
        source=CaseSource.LOG,
        flagged_by_id=actor.id,
        status=CaseStatus.NEW,
        due_on=due,
    )
    db.session.add(follow_up)
    db.session.flush()
    _event(follow_up, actor, "flagged", due=due.isoformat() if due else None)
    return follow_up


def flag_more(log: SessionLog, summary: str, actor: User, due: date | None) -> FollowUp:
    follow_up = flag(log, summary, actor, due)
    db.session.commit()
    return follow_up


def assign(follow_up: FollowUp, volunteer: User | None, actor: User) -> None:
    follow_up.assigned_to_id = volunteer.id if volunteer else None
    if follow_up.status in (CaseStatus.NEW, CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS):
        follow_up.status = CaseStatus.ASSIGNED if volunteer else CaseStatus.NEW
    _event(follow_up, actor, "assigned", to=volunteer.id if volunteer else None)
    audit.record(
        "followup.assigned",
        actor,
        ("follow_up", follow_up.id),
        to=volunteer.id if volunteer else None,
    )
    db.session.commit()


def start(follow_up: FollowUp, actor: User) -> None:
    """The person it is assigned to has begun (called, visited, booked a session)."""
    if follow_up.status == CaseStatus.IN_PROGRESS:
        return
    follow_up.status = CaseStatus.IN_PROGRESS
    _event(follow_up, actor, "started")
    db.session.commit()


def set_due(follow_up: FollowUp, due: date | None, actor: User) -> None:
    follow_up.due_on = due
    _event(follow_up, actor, "due", due=due.isoformat() if due else None)
    db.session.commit()


def add_note(follow_up: FollowUp, note: str, actor: User) -> bool:
    """Add a note (checked for personal details by the form); False when it was just added."""
    recent = db.session.scalar(
        select(CaseEvent.id).where(
            CaseEvent.follow_up_id == follow_up.id,
            CaseEvent.actor_id == actor.id,
            CaseEvent.kind == "note",
            CaseEvent.note == note,
            CaseEvent.at >= utcnow() - RESEND_WINDOW,
        )
    )
    if recent is not None:
        return False
    _event(follow_up, actor, "note", note=note)
    db.session.commit()
    return True


def close(follow_up: FollowUp, outcome: str, actor: User, note: str = "") -> bool:
    """Close with an outcome; a survey consent's contact details are deleted at once. False
    when it was already closed (a second click)."""
    if not is_open(follow_up):
        return False
    follow_up.outcome = CaseOutcome(outcome)
    follow_up.status = (
        CaseStatus.NO_CONTACT if outcome == CaseOutcome.NO_CONTACT else CaseStatus.DONE
    )
    follow_up.closed_at = utcnow()
    _event(follow_up, actor, "closed", note=note, outcome=outcome)
    audit.record("followup.closed", actor, ("follow_up", follow_up.id), outcome=outcome)
    request_id = follow_up.contact_request_id
    follow_up.contact_request_id = None  # the case stays; the details go
    db.session.flush()
    if request_id:
        contacts.close(request_id, actor)  # commits
    else:
        db.session.commit()
    return True


def _event(follow_up: FollowUp, actor: User | None, kind: str, note: str = "", **detail: Any):
    event = CaseEvent(
        follow_up_id=follow_up.id,
        actor_id=actor.id if actor else None,
        kind=kind,
        detail={k: v for k, v in detail.items() if v is not None},
        note=note,
    )
    db.session.add(event)
    return event
