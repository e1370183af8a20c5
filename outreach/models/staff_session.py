"""Signed-in sessions of staff and volunteers, kept on the server so that they can be ended.

The signed cookie carries only a random secret; this row says whether it still opens anything.
A cookie copied from a shared PC is refused once the row is ended, whatever the cookie says.
"""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from outreach.models.base import Base, utcnow


class StaffSession(Base):
    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 of the secret in the cookie: a copy of the database cannot be used as a cookie.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Updated at most once a minute (services.staff_sessions.TOUCH_EVERY), for the idle limit.
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Set when the session ends for good; the row is kept a while for the record.
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Why: signed_out, idle, too_long, password_changed, password_reset, role_changed,
    #: disabled, signed_out_everywhere, two_step_reset.
    end_reason: Mapped[str | None] = mapped_column(String(30))
