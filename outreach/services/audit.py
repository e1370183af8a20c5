"""Writing and reading the audit log. It is append-only: there is no update or delete here."""

from typing import Any

from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import AuditEvent, User


def record(
    action: str,
    actor: User | None = None,
    target: tuple[str, Any] | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an event to the current transaction; the caller's commit makes it permanent."""
    event = AuditEvent(
        action=action,
        actor_id=actor.id if actor else None,
        target_type=target[0] if target else None,
        target_id=str(target[1]) if target else None,
        details=details,
    )
    db.session.add(event)
    return event


def record_export(action: str, actor: User, rows: int, **details: Any) -> None:
    """A download is audited and committed before the file is handed over: no export leaves
    without its record."""
    record(action, actor, None, rows=rows, **details)
    db.session.commit()


def recent(page: int = 1, per_page: int = 50) -> tuple[list[tuple[AuditEvent, str | None]], int]:
    """Newest events first, each with the actor's display name, and the total count."""
    total = db.session.scalar(select(func.count(AuditEvent.id))) or 0
    rows = db.session.execute(
        select(AuditEvent, User.display_name)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .order_by(AuditEvent.id.desc())
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    ).all()
    return [(event, name) for event, name in rows], total


#: The audit actions of sign-in failures (wrong password or unknown email, too soon, disabled).
SIGN_IN_FAILURES = ("login.failed", "login.throttled", "login.disabled")


def sign_in_failures(limit: int = 200) -> list[AuditEvent]:
    """The most recent failed and refused sign-ins, newest first, for administrators."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action.in_(SIGN_IN_FAILURES))
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        )
    )
