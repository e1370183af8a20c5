"""Survey answers (anonymous), answers in progress, and the channel each came through."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from outreach.models.base import Base, utcnow
from outreach.vocabulary import Channel


class SurveyResponse(Base):
    """One submitted survey. No name, address, IP address or browser details are ever stored."""

    __tablename__ = "survey_responses"
    __table_args__ = (Index("ix_survey_responses_area_channel", "area_code", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[str] = mapped_column(String(40))
    instrument_version: Mapped[int]
    channel: Mapped[str] = mapped_column(String(10))
    #: The volunteer who entered or assisted; empty for web answers.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: The number printed on a paper form, to spot a sheet keyed in twice.
    paper_sheet: Mapped[str | None] = mapped_column(String(20), index=True)
    locale: Mapped[str] = mapped_column(String(10))
    #: Copied from the answers so figures per neighbourhood and age band are one GROUP BY away.
    area_code: Mapped[str | None] = mapped_column(String(20))
    age_band: Mapped[str | None] = mapped_column(String(20), index=True)
    #: A day, not a time: a timestamp could be matched against server logs.
    submitted_on: Mapped[date] = mapped_column(Date, default=lambda: utcnow().date(), index=True)
    #: Hash of the form's one-time key: a retried or double submission finds the first one.
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    #: Set on the day `outreach survey find-incomplete --exclude` found the response incomplete
    #: (stored before completeness was checked): it stays for the record, in no figure.
    excluded_on: Mapped[date | None] = mapped_column(Date)

    #: The answers as [question, value] pairs, one per selected option (or number, text, area
    #: code), in the order of the questions. One value in the row, not a row per value: a
    #: submission writes one row, and figures are counted from batches of responses
    #: (outreach/services/tallies.py), never by looking answers up one by one.
    answers: Mapped[list[list[str]]] = mapped_column(JSON, default=list)


class SurveyDraft(Base):
    """Answers in progress. Found by a secret token in the session, or by a short resume code."""

    __tablename__ = "survey_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    #: Shown to the resident who stops early; lets them continue on any computer.
    resume_code: Mapped[str | None] = mapped_column(String(12), unique=True)
    instrument_id: Mapped[str] = mapped_column(String(40))
    instrument_version: Mapped[int]
    channel: Mapped[str] = mapped_column(String(10), default=Channel.WEB.value)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
