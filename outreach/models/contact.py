"""Residents who agreed to be contacted for help. Kept apart from survey answers, encrypted."""

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from outreach.models.base import Base, Timestamped


class ContactRequest(Timestamped, Base):
    """No foreign key to the survey: the link, like every personal detail, is inside `sealed`."""

    __tablename__ = "contact_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Fernet token (AES-128-CBC + HMAC) of the details as JSON, key from CONTACT_KEY.
    sealed: Mapped[str] = mapped_column(Text)
    #: Not personal, and lets coordinators plan who calls: e.g. "vi".
    preferred_language: Mapped[str] = mapped_column(String(10))
    #: HMAC of the submission, so one survey gives at most one request (no duplicates).
    dedupe_key: Mapped[str] = mapped_column(String(64), unique=True)
    #: Deleted automatically after this moment, or as soon as the follow-up is closed.
    purge_after: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
