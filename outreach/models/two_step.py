"""One-time recovery codes for two-step sign-in, for a person who has lost their phone."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from outreach.models.base import Base, Timestamped


class RecoveryCode(Timestamped, Base):
    """Ten are made at enrolment and shown once; each opens one sign-in."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: SHA-256 of the code: 50 random bits each, so a copy of the database does not reveal them.
    code_hash: Mapped[str] = mapped_column(String(64))
    #: Set when the code is used; it never opens anything again.
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
