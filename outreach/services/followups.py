"""One queue of follow-ups: flagged in session logs, or survey consents to be contacted."""

from dataclasses import dataclass

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import FollowUp, Role, User
from outreach.models.base import utcnow
from outreach.services import audit, contacts


@dataclass
class QueueItem:
    follow_up: FollowUp
    #: Unsealed only for the coordinator or the volunteer it is assigned to.
    contact: contacts.OpenContact | None
    assignee: str | None


def open_items(viewer: User) -> list[QueueItem]:
    """Coordinators see all open follow-ups; a volunteer sees those assigned to them. Audited.
    Details past retention are not shown; `outreach purge` deletes them (a page only reads)."""
    query = select(FollowUp).where(FollowUp.closed_at.is_(None)).order_by(FollowUp.id)
    if viewer.role != Role.COORDINATOR:
        query = query.where(FollowUp.assigned_to_id == viewer.id)
    items = list(db.session.scalars(query))
    unsealed = contacts.unseal_many([f.contact_request_id for f in items if f.contact_request_id])
    names = dict(db.session.execute(select(User.id, User.display_name)).all())
    audit.record("followups.viewed", viewer, None, count=len(items))
    db.session.commit()
    return [
        QueueItem(
            f,
            unsealed.get(f.contact_request_id) if f.contact_request_id else None,
            names.get(f.assigned_to_id) if f.assigned_to_id else None,
        )
        for f in items
    ]


def get(follow_up_id: int) -> FollowUp | None:
    return db.session.get(FollowUp, follow_up_id)


def assign(follow_up: FollowUp, volunteer: User | None, actor: User) -> None:
    follow_up.assigned_to_id = volunteer.id if volunteer else None
    audit.record(
        "followup.assigned",
        actor,
        ("follow_up", follow_up.id),
        to=volunteer.id if volunteer else None,
    )
    db.session.commit()


def close(follow_up: FollowUp, actor: User) -> None:
    """Closing ends the follow-up; a survey consent's contact details are deleted with it."""
    follow_up_id = follow_up.id
    if follow_up.contact_request_id:
        contacts.close(follow_up.contact_request_id, actor)  # the follow-up row goes with it
    else:
        follow_up.closed_at = utcnow()
        audit.record("followup.closed", actor, ("follow_up", follow_up_id))
        db.session.commit()


def volunteers() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(User.active.is_(True), User.role.in_([Role.VOLUNTEER, Role.COORDINATOR]))
            .order_by(User.display_name)
        )
    )
