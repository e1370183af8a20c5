"""Staff and volunteer accounts. Residents never have one."""

import secrets
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from outreach.models.base import Base, Timestamped


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(Timestamped, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Lower-cased; the login name.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    #: Part of every login session; changing it logs the user out everywhere.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Set after an admin reset: the user must choose a new password first.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    #: The authenticator app's shared secret (base32), sealed with TWO_STEP_KEY (Fernet);
    #: None while two-step sign-in is off.
    two_step_secret: Mapped[str | None] = mapped_column(String(255))
    #: The last TOTP time step (Unix time // 30) accepted: a code is never accepted twice.
    two_step_last_step: Mapped[int | None] = mapped_column(BigInteger)
    two_step_enrolled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"
