"""Session logs: written once per form, edited within a window, corrected by coordinators."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from outreach.csv_files import csv_bytes
from outreach.extensions import db
from outreach.i18n.markup import plain
from outreach.models import LogOutcome, Role, SessionLog, User
from outreach.models.base import month_of, utcnow
from outreach.services import audit, follow_up_cases
from outreach.services.form_keys import key_for

FIELDS = (
    "session_id",
    "held_on",
    "duration_minutes",
    "venue",
    "area_code",
    "format",
    "people_under_65",
    "people_65_74",
    "people_75_plus",
    "people_age_unknown",
    "languages",
    "note",
)


@dataclass
class LogData:
    values: dict[str, Any]
    #: (topic id, outcome) pairs
    outcomes: list[tuple[str, str]]
    follow_up: str = ""


def create(data: LogData, volunteer: User, form_key: str) -> tuple[int, bool]:
    """Store a log once per form key; returns (log id, created). A resent form finds the first."""
    key = key_for(form_key)
    existing = db.session.scalar(select(SessionLog.id).where(SessionLog.submission_key == key))
    existing = existing or _same_log_just_saved(data, volunteer)
    if existing:
        return existing, False
    log = SessionLog(volunteer_id=volunteer.id, submission_key=key, **_values(data))
    log.outcomes = [LogOutcome(topic=t, outcome=o) for t, o in data.outcomes]
    db.session.add(log)
    try:
        db.session.flush()
        if data.follow_up:
            follow_up_cases.flag(log, data.follow_up, volunteer)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        # The key is unique: the log that won the race holds it (any other failure raises here).
        return db.session.scalars(
            select(SessionLog.id).where(SessionLog.submission_key == key)
        ).one(), False
    return log.id, True


#: A log identical to one the same volunteer saved this recently is the same log sent again
#: (back button and "Save" once more, which brings a fresh form key).
RESEND_WINDOW = timedelta(minutes=10)


def _same_log_just_saved(data: LogData, volunteer: User) -> int | None:
    recent = db.session.scalars(
        select(SessionLog).where(
            SessionLog.volunteer_id == volunteer.id,
            SessionLog.created_at >= utcnow() - RESEND_WINDOW,
        )
    )
    wanted = (_values(data), sorted(data.outcomes))
    for log in recent:
        mine = (
            {k: getattr(log, k) for k in FIELDS},
            sorted((o.topic, o.outcome) for o in log.outcomes),
        )
        if mine == wanted:
            return log.id
    return None


def _values(data: LogData) -> dict[str, Any]:
    return {k: data.values[k] for k in FIELDS}


def frequent_topics(limit: int = 6) -> list[str]:
    """The topics logged most often: shown first on the log form, the rest folded away."""
    rows = db.session.execute(
        select(LogOutcome.topic, func.count())
        .group_by(LogOutcome.topic)
        .order_by(func.count().desc(), LogOutcome.topic)
        .limit(limit)
    )
    return [topic for topic, _ in rows]


def last_by(volunteer: User) -> SessionLog | None:
    """The volunteer's most recent log, for "same as my last session"."""
    return db.session.scalar(
        select(SessionLog)
        .where(SessionLog.volunteer_id == volunteer.id)
        .order_by(SessionLog.held_on.desc(), SessionLog.id.desc())
        .limit(1)
    )


def get(log_id: int) -> SessionLog | None:
    return db.session.get(SessionLog, log_id)


def edit_window() -> timedelta:
    return timedelta(days=current_app.config["LOG_EDIT_DAYS"])


def can_view(log: SessionLog, user: User) -> bool:
    return user.role in (Role.COORDINATOR, Role.ADMIN) or log.volunteer_id == user.id


def can_edit(log: SessionLog, user: User) -> bool:
    """Coordinators may always correct; a volunteer may edit their own log for a while."""
    if user.role == Role.COORDINATOR:
        return True
    created = (
        log.created_at if log.created_at.tzinfo else log.created_at.replace(tzinfo=utcnow().tzinfo)
    )
    return log.volunteer_id == user.id and utcnow() - created <= edit_window()


def update(log: SessionLog, data: LogData, actor: User) -> None:
    """Apply an edit; every field that changed goes to the audit log."""
    changes = {
        k: [_plain(getattr(log, k)), _plain(v)]
        for k, v in _values(data).items()
        if getattr(log, k) != v
    }
    old_outcomes = sorted((o.topic, o.outcome) for o in log.outcomes)
    if old_outcomes != sorted(data.outcomes):
        changes["outcomes"] = [old_outcomes, sorted(data.outcomes)]
        log.outcomes = [LogOutcome(topic=t, outcome=o) for t, o in data.outcomes]
    for key, value in _values(data).items():
        setattr(log, key, value)
    log.updated_at = utcnow()
    action = "log.corrected" if actor.id != log.volunteer_id else "log.edited"
    audit.record(action, actor, ("session_log", log.id), changes=changes)
    db.session.commit()


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def listing(
    volunteer: User | None,
    start: date | None = None,
    end: date | None = None,
    area: str = "",
    *,
    with_outcomes: bool = False,
) -> list[SessionLog]:
    """Logs newest first: one volunteer's, or everyone's (volunteer=None), within the filters.

    `with_outcomes` loads every log's outcomes with one more query (for the CSV export), instead
    of one query per log when each is first read."""
    query = select(SessionLog)
    if with_outcomes:
        query = query.options(selectinload(SessionLog.outcomes))
    if volunteer is not None:
        query = query.where(SessionLog.volunteer_id == volunteer.id)
    if start:
        query = query.where(SessionLog.held_on >= start)
    if end:
        query = query.where(SessionLog.held_on <= end)
    if area:
        query = query.where(SessionLog.area_code == area)
    return list(db.session.scalars(query.order_by(SessionLog.held_on.desc(), SessionLog.id.desc())))


CSV_COLUMNS = (
    "log_id",
    "held_on",
    "duration_minutes",
    "format",
    "area_code",
    "venue",
    "people_under_65",
    "people_65_74",
    "people_75_plus",
    "people_age_unknown",
    "languages",
    "topic_outcomes",
    "volunteer_id",
)


def export_csv(logs: list[SessionLog], actor: User, filters: dict[str, str]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel in Japan opens it correctly (outreach.csv_files).
    Audited."""
    rows = [
        [
            log.id,
            log.held_on.isoformat(),
            log.duration_minutes,
            log.format,
            log.area_code or "",
            plain(log.venue),
            log.people_under_65,
            log.people_65_74,
            log.people_75_plus,
            log.people_age_unknown,
            " ".join(log.languages),
            " ".join(f"{o.topic}:{o.outcome}" for o in log.outcomes),
            log.volunteer_id,
        ]
        for log in logs
    ]
    audit.record_export("export.session_logs", actor, len(logs), **filters)
    return csv_bytes(CSV_COLUMNS, rows)


@dataclass
class Totals:
    sessions: int
    people: int
    minutes: int


def totals_by(
    dimension: str, start: date | None = None, end: date | None = None
) -> list[tuple[str, Totals]]:
    """Aggregates for policy staff (no single log is shown): by month, area or format."""
    people = (
        SessionLog.people_under_65
        + SessionLog.people_65_74
        + SessionLog.people_75_plus
        + SessionLog.people_age_unknown
    )
    key = {
        "area": func.coalesce(SessionLog.area_code, ""),
        "format": SessionLog.format,
        "month": month_of(SessionLog.held_on),
    }[dimension]
    query = select(
        key, func.count(SessionLog.id), func.sum(people), func.sum(SessionLog.duration_minutes)
    )
    if start:
        query = query.where(SessionLog.held_on >= start)
    if end:
        query = query.where(SessionLog.held_on <= end)
    rows = db.session.execute(query.group_by(key).order_by(key)).all()
    return [(k, Totals(n, int(p or 0), int(m or 0))) for k, n, p, m in rows]


def outcomes_by_topic() -> list[tuple[str, str, int]]:
    rows = db.session.execute(
        select(LogOutcome.topic, LogOutcome.outcome, func.count(LogOutcome.id))
        .group_by(LogOutcome.topic, LogOutcome.outcome)
        .order_by(LogOutcome.topic, LogOutcome.outcome)
    ).all()
    return [(t, o, n) for t, o, n in rows]
