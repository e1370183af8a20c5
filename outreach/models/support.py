"""In-person help: sessions published to residents, logs of what happened, and follow-ups."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from outreach.models.base import Base, Timestamped, utcnow


class SupportSession(Timestamped, Base):
    """A help desk, class or visit slot announced to residents."""

    __tablename__ = "support_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    format: Mapped[str] = mapped_column(String(20))
    venue_name: Mapped[str] = mapped_column(String(200), default="")
    venue_address: Mapped[str] = mapped_column(String(300), default="")
    step_free: Mapped[bool] = mapped_column(default=False)
    hearing_loop: Mapped[bool] = mapped_column(default=False)
    parking: Mapped[bool] = mapped_column(default=False)
    area_code: Mapped[str | None] = mapped_column(String(20), index=True)
    #: Topic ids from forms/lists/support-topics.toml.
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Language ids as in the survey (ja, ja_easy, en, zh, ko, vi, ne, pt, other).
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    capacity: Mapped[int | None]
    booking_required: Mapped[bool] = mapped_column(default=False)
    contact: Mapped[str] = mapped_column(String(200), default="")
    #: Shown to residents, e.g. "Bring your My Number card".
    public_note: Mapped[str] = mapped_column(String(500), default="")
    cancelled: Mapped[bool] = mapped_column(default=False)
    #: When a session is moved, the time it was first announced for, so the page can say so.
    moved_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Places taken: changed only by one conditional UPDATE (services.bookings), so two people
    #: racing for the last place get one place and one waiting-list entry on any database.
    booked_count: Mapped[int] = mapped_column(default=0, server_default="0")
    #: Shared by every occurrence of a session that repeats (each occurrence is its own row, so
    #: one can be moved or cancelled alone).
    series_id: Mapped[str | None] = mapped_column(String(32), index=True)
    #: Hash of the announcing form's one-time key, on the first occurrence only (the others
    #: have None): the same form sent twice finds this session or series instead of another.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)


class SessionHelper(Base):
    """A volunteer who signed up to staff a session."""

    __tablename__ = "session_helpers"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("support_sessions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SessionLog(Timestamped, Base):
    """What happened at one session. No resident names: counts, topics and outcomes only."""

    __tablename__ = "session_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("support_sessions.id"))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    duration_minutes: Mapped[int]
    venue: Mapped[str] = mapped_column(String(200), default="")
    area_code: Mapped[str | None] = mapped_column(String(20), index=True)
    format: Mapped[str] = mapped_column(String(20))
    people_under_65: Mapped[int] = mapped_column(default=0)
    people_65_74: Mapped[int] = mapped_column(default=0)
    people_75_plus: Mapped[int] = mapped_column(default=0)
    people_age_unknown: Mapped[int] = mapped_column(default=0)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Free text for the team; refused when it looks like a phone number, email or My Number.
    note: Mapped[str] = mapped_column(Text, default="")
    #: Hash of the form's one-time key: a retried or double submission finds the first log.
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    #: Indexed: its maximum is part of the figures' data version, read on every insights page.
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )

    outcomes: Mapped[list["LogOutcome"]] = relationship(
        back_populates="log", cascade="all, delete-orphan", order_by="LogOutcome.id"
    )


class LogOutcome(Base):
    """One topic worked on at a session, and how it ended."""

    __tablename__ = "log_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    log_id: Mapped[int] = mapped_column(
        ForeignKey("session_logs.id", ondelete="CASCADE"), index=True
    )
    topic: Mapped[str] = mapped_column(String(40), index=True)
    outcome: Mapped[str] = mapped_column(String(20))

    log: Mapped[SessionLog] = relationship(back_populates="outcomes")


class FollowUp(Timestamped, Base):
    """Someone to help again: flagged in a session log, or a survey consent to be contacted."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    log_id: Mapped[int | None] = mapped_column(ForeignKey("session_logs.id", ondelete="CASCADE"))
    #: The survey consent; deleting it (on closing, or at the end of retention) deletes this row.
    contact_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_requests.id", ondelete="CASCADE"), unique=True
    )
    #: "log" or "survey" (outreach.vocabulary.CaseSource): kept when the consent is deleted.
    source: Mapped[str] = mapped_column(String(10), default="log", server_default="log")
    #: What the help is about, without personal details.
    summary: Mapped[str] = mapped_column(String(500), default="")
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: The volunteer who flagged it: they see it at once, before anyone is assigned.
    flagged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: outreach.vocabulary.CaseStatus
    status: Mapped[str] = mapped_column(String(20), default="new", server_default="new")
    #: outreach.vocabulary.CaseOutcome, set when it is closed.
    outcome: Mapped[str | None] = mapped_column(String(20))
    due_on: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    events: Mapped[list["CaseEvent"]] = relationship(
        back_populates="follow_up", cascade="all, delete-orphan", order_by="CaseEvent.id"
    )


class CaseEvent(Base):
    """One step in a follow-up's history: who did what, and when. Notes hold no personal
    details (checked like a log's note)."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(
        ForeignKey("follow_ups.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: flagged, assigned, started, due, note, closed
    kind: Mapped[str] = mapped_column(String(20))
    #: What changed: {"to": user id}, {"due": "2026-12-24"}, {"outcome": "referred"}
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")

    follow_up: Mapped[FollowUp] = relationship(back_populates="events")


class Booking(Base):
    """A resident's place at a session, or their turn on its waiting list. The name and phone
    number are sealed like a survey consent and deleted after the session."""

    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("support_sessions.id", ondelete="CASCADE"), index=True
    )
    #: What the resident keeps to look at or cancel the booking (no personal meaning).
    code: Mapped[str] = mapped_column(String(12), unique=True)
    #: Fernet token of {"name", "phone"}, key CONTACT_KEY.
    sealed: Mapped[str] = mapped_column(Text)
    #: "booked", "waiting" or "cancelled"
    status: Mapped[str] = mapped_column(String(10))
    #: Hash of the form's one-time key: a double click finds the first booking.
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    #: Who booked on the resident's behalf (a phone call); None when they booked themselves.
    booked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    attended: Mapped[bool | None]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
