"""A form someone sent just after their session ended by itself, kept until they sign in again.

Only the person whose session ended gets it back (services.kept_forms); the fields are sealed
with the contact key, since a note may name a resident, and deleted after a day at the latest.
"""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from outreach.models.base import Base, utcnow


class KeptForm(Base):
    __tablename__ = "kept_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: Where the form was sent (path and query, on this site).
    path: Mapped[str] = mapped_column(String(500))
    #: The fields as JSON [[name, [value, …]], …], sealed with Fernet (CONTACT_KEY).
    sealed: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
