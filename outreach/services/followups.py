"""One queue of follow-ups: flagged in session logs, or survey consents to be contacted. What each
person may see of it; the steps of a case are in outreach.services.follow_up_cases."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select

from outreach.extensions import db
from outreach.models import CaseEvent, FollowUp, Role, SessionLog, User
from outreach.services import audit, contacts


@dataclass
class QueueItem:
    follow_up: FollowUp
    #: Unsealed only for the coordinator or the volunteer it is assigned to.
    contact: contacts.OpenContact | None
    assignee: str | None
    flagged_by: str | None
    overdue: bool


@dataclass
class HistoryLine:
    at: datetime
    actor: str | None
    kind: str
    detail: dict
    note: str


def open_items(viewer: User) -> list[QueueItem]:
    """Coordinators see all open follow-ups; a volunteer those assigned to them or that they
    flagged. Overdue first, then by due date. Audited.
    Details past retention are not shown; `outreach purge` deletes them (a page only reads)."""
    query = select(FollowUp).where(FollowUp.closed_at.is_(None))
    if viewer.role != Role.COORDINATOR:
        query = query.where(
            or_(FollowUp.assigned_to_id == viewer.id, FollowUp.flagged_by_id == viewer.id)
        )
    items = sorted(db.session.scalars(query), key=_urgency)
    opened = [f.contact_request_id for f in items if f.contact_request_id and _may_open(f, viewer)]
    unsealed = contacts.unseal_many(opened)
    names = _names()
    audit.record("followups.viewed", viewer, None, count=len(items))
    db.session.commit()
    return [_item(f, unsealed, names) for f in items]


def _urgency(follow_up: FollowUp) -> tuple[bool, date, int]:
    return (not overdue(follow_up), follow_up.due_on or date.max, follow_up.id)


def overdue(follow_up: FollowUp, today: date | None = None) -> bool:
    due = follow_up.due_on
    return follow_up.closed_at is None and due is not None and due < (today or date.today())


def _item(f: FollowUp, unsealed: dict, names: dict[int, str]) -> QueueItem:
    return QueueItem(
        f,
        unsealed.get(f.contact_request_id) if f.contact_request_id else None,
        names.get(f.assigned_to_id) if f.assigned_to_id else None,
        names.get(f.flagged_by_id) if f.flagged_by_id else None,
        overdue(f),
    )


def _names() -> dict[int, str]:
    return {uid: name for uid, name in db.session.execute(select(User.id, User.display_name))}


def can_see(follow_up: FollowUp, viewer: User) -> bool:
    return viewer.role == Role.COORDINATOR or viewer.id in (
        follow_up.assigned_to_id,
        follow_up.flagged_by_id,
    )


def can_work(follow_up: FollowUp, viewer: User) -> bool:
    """Add notes, start, close: the coordinator or the person it is assigned to (or who flagged
    it while nobody has it)."""
    if viewer.role == Role.COORDINATOR or follow_up.assigned_to_id == viewer.id:
        return True
    return follow_up.assigned_to_id is None and follow_up.flagged_by_id == viewer.id


def _may_open(follow_up: FollowUp, viewer: User) -> bool:
    return viewer.role == Role.COORDINATOR or follow_up.assigned_to_id == viewer.id


def case(follow_up: FollowUp, viewer: User) -> tuple[QueueItem, list[HistoryLine]]:
    """One case with its history; opening its contact details is audited."""
    request_id = follow_up.contact_request_id
    unsealed = {}
    if request_id and _may_open(follow_up, viewer):
        unsealed = contacts.unseal_many([request_id])
        audit.record("followup.viewed", viewer, ("follow_up", follow_up.id))
        db.session.commit()
    names = _names()
    history = [
        HistoryLine(e.at, names.get(e.actor_id) if e.actor_id else None, e.kind, e.detail, e.note)
        for e in db.session.scalars(
            select(CaseEvent).where(CaseEvent.follow_up_id == follow_up.id).order_by(CaseEvent.id)
        )
    ]
    return _item(follow_up, unsealed, names), history


def get(follow_up_id: int) -> FollowUp | None:
    return db.session.get(FollowUp, follow_up_id)


def log_for_flagging(log_id: int, viewer: User) -> SessionLog | None:
    """A log `viewer` may add a follow-up to: their own, or any for a coordinator."""
    log = db.session.get(SessionLog, log_id)
    if log is None or (viewer.role != Role.COORDINATOR and log.volunteer_id != viewer.id):
        return None
    return log


def volunteers() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(User.active.is_(True), User.role.in_([Role.VOLUNTEER, Role.COORDINATOR]))
            .order_by(User.display_name)
        )
    )
