"""An append-only record of who did what. Nothing in the app updates or deletes it."""

from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from outreach.models.base import Base, Timestamped


class AuditEvent(Timestamped, Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Who acted; empty for anonymous acts such as a failed login with an unknown name.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: A dotted verb, e.g. "user.created", "login.failed".
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(60))
    #: What changed, as plain values (never passwords).
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
