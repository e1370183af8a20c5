"""Sign-in attempts, kept a short while to slow guessing down (services.sign_in_throttle)."""

from datetime import datetime

from sqlalchemy import DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from outreach.models.base import Base, utcnow


class SignInAttempt(Base):
    """One checked sign-in. Attempts refused for coming too soon are not rows (they are in the
    audit log): an attacker's refused tries must not lengthen the wait of the account's owner."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_account_at", "account", "at"),
        Index("ix_sign_in_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: The email as typed, normalised: unknown ones are slowed exactly like real accounts.
    account: Mapped[str] = mapped_column(String(254))
    #: The client's address (after PROXY_FIX_X_FOR).
    address: Mapped[str] = mapped_column(String(45))
    succeeded: Mapped[bool]
