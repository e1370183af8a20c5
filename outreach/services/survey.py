"""Answers in progress (drafts, resume codes) and submitted responses, stored exactly once."""

import hashlib
import math
import secrets
import time
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from outreach.extensions import db
from outreach.instrument import flow
from outreach.instrument.instrument import Instrument
from outreach.models import Channel, SurveyDraft, SurveyResponse
from outreach.models.base import utcnow
from outreach.services import response_store, tallies
from outreach.services.rows import affected

Answers = dict[str, list[str]]
#: No 0/O, 1/I/L: codes are read aloud and copied by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def instrument() -> Instrument:
    """The survey residents answer (loaded and validated when the app started)."""
    return current_app.extensions["outreach_instruments"][current_app.config["SURVEY_INSTRUMENT"]]


def instruments() -> list[Instrument]:
    """Every instrument version in forms/: answers are counted by the version they were given in."""
    return current_app.extensions["outreach_instrument_versions"]


#: A worker counts after a submission at most this often: in a burst (a class answering
#: together, a pile of paper forms) one count takes in everything queued since the last, instead
#: of every submission queueing for the write lock. The timer counts the rest of a burst.
COUNT_AT_MOST_EVERY_SECONDS = 10.0


def count_when_sent(response: Any) -> Any:
    """Count new responses into the figures once this response has gone to the resident (the
    server calls it after sending), so they never wait for it and no page view has to. If
    another worker is counting, or this one counted a moment ago, that one or the next timer
    run picks them up."""
    # Flask types current_app as the app itself, so mypy cannot see the proxy's method.
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    last = app.extensions.setdefault("outreach_counted_after_submission", [-math.inf])
    now = time.monotonic()
    if now - last[0] < COUNT_AT_MOST_EVERY_SECONDS:
        return response
    last[0] = now

    def count() -> None:
        with app.app_context():
            try:
                tallies.refresh(instruments(), wait=False)
            except SQLAlchemyError:  # the timer's `outreach insights refresh` counts it later
                app.logger.exception("Counting new responses failed")
            finally:
                db.session.remove()

    response.call_on_close(count)
    return response


class Incomplete(ValueError):
    """A response is missing an answer it needs; nothing was stored."""

    def __init__(self, question_id: str) -> None:
        super().__init__(question_id)
        #: The first question to answer (the first of the survey when nothing was answered).
        self.question_id = question_id


#: Answered by the resident on the web, one question per page: every required question on
#: their path must be answered. Paper and phone answers are keyed in as given, so a sheet may
#: leave a question blank (forms.entry_form), but never every question.
MUST_BE_COMPLETE = frozenset({Channel.WEB, Channel.ASSISTED, Channel.OFFLINE})


def missing_question(survey: Instrument, answers: Answers, channel: Channel) -> str | None:
    """The question a response with these answers still needs, or None when it may be stored."""
    if not any(answers.values()):
        return survey.questions[0].id
    if channel in MUST_BE_COMPLETE:
        missing = flow.first_missing(survey, answers)
        return missing.id if missing else None
    return None


def _expiry():
    return utcnow() + timedelta(days=current_app.config["SURVEY_DRAFT_DAYS"])


def start_draft(channel: str = Channel.WEB, entered_by_id: int | None = None) -> SurveyDraft:
    survey = instrument()
    draft = SurveyDraft(
        token=secrets.token_urlsafe(32),
        instrument_id=survey.id,
        instrument_version=survey.version,
        channel=Channel(channel).value,
        entered_by_id=entered_by_id,
        answers={},
        expires_at=_expiry(),
    )
    db.session.add(draft)
    db.session.commit()
    return draft


def find_draft(token: str | None) -> SurveyDraft | None:
    if not token:
        return None
    draft = db.session.scalar(select(SurveyDraft).where(SurveyDraft.token == token))
    return draft if draft and _aware(draft.expires_at) > utcnow() else None


def _aware(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def save_answer(draft: SurveyDraft, question_id: str, values: list[str]) -> None:
    # Reassign, not mutate: the JSON column only notices a new value.
    draft.answers = {**draft.answers, question_id: values}
    draft.updated_at, draft.expires_at = utcnow(), _expiry()
    db.session.commit()


def issue_resume_code(draft: SurveyDraft) -> str:
    """Give the draft a short code, unique among drafts."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        draft.resume_code = code
        try:
            db.session.commit()
            return code
        except IntegrityError:
            db.session.rollback()


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch in CODE_ALPHABET)


def resume(code: str) -> SurveyDraft | None:
    """Find a draft by its code; the code is used up and the draft gets a new session token."""
    draft = db.session.scalar(
        select(SurveyDraft).where(SurveyDraft.resume_code == normalise_code(code))
    )
    if draft is None or _aware(draft.expires_at) <= utcnow():
        return None
    draft.resume_code, draft.token = None, secrets.token_urlsafe(32)
    db.session.commit()
    return draft


def submission_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def submit_by_token(token: str, locale: str) -> tuple[str, int] | None:
    """Submit the live draft behind a session token once; return the submission key and the
    response's id, also when an earlier press already submitted it; None when there is neither.
    Raises Incomplete when the draft lacks a needed answer (the draft is kept)."""
    key = submission_key(token)
    response_id = _submit_draft(token, utcnow(), locale, key)
    if response_id is None:
        # A retried or double submission: the first one took the draft and stored the answers
        # (its reply may never have arrived, so the thanks page must be reachable again).
        response_id = response_id_for(key)
    return (key, response_id) if response_id is not None else None


def _submit_draft(token: str, now, locale: str, key: str) -> int | None:
    draft = response_store.live_draft(token, now)
    if draft is None:
        return None
    return submit(
        draft.answers,
        Channel(draft.channel),
        locale,
        key,
        entered_by_id=draft.entered_by_id,
        delete_draft=draft.id,
    )


def prepare(survey: Instrument, answers: Answers) -> dict:
    """What a response stores of these answers: the (question, value) pairs of the questions
    still shown (skip logic may have hidden some), and the area and age band it counts under."""
    kept = {q.id: answers[q.id] for q in survey.visible(answers) if answers.get(q.id)}
    return {
        "instrument_id": survey.id,
        "instrument_version": survey.version,
        "area_code": _first(kept, survey.roles.get("area"), exclude={"prefer_not"}),
        "age_band": _first(kept, survey.roles.get("age_band")),
        # Each value once: the tallies count a response's (question, value) rows one by one.
        "pairs": [[q, v] for q, vs in kept.items() for v in dict.fromkeys(vs)],
    }


def submit(
    answers: Answers,
    channel: Channel,
    locale: str,
    key: str,
    entered_by_id: int | None = None,
    paper_sheet: str | None = None,
    delete_draft: int | None = None,
) -> int:
    """Store a response exactly once per key: a retry or a double click returns the first id.
    Raises Incomplete, storing nothing, when a needed answer is missing (missing_question)."""
    # A draft is deleted in the same transaction as its answers are stored, so a live draft has
    # no response yet; only key-only callers (paper entry) need to look first.
    if delete_draft is None:
        existing = response_id_for(key)
        if existing:
            return existing
    survey = instrument()
    missing = missing_question(survey, answers, channel)
    if missing is not None:
        raise Incomplete(missing)
    prepared = prepare(survey, answers)
    pairs = prepared.pop("pairs")
    row = {
        **prepared,
        "answers": pairs,
        "channel": channel.value,
        "entered_by_id": entered_by_id,
        "paper_sheet": paper_sheet or None,
        "locale": locale,
        "submission_key": key,
        "submitted_on": utcnow().date(),
    }
    try:
        _store(row, delete_draft)
    except IntegrityError:
        db.session.rollback()  # the same key won a race a moment ago
        return response_id_for(key) or _reraise()
    return row["id"]


def store_collected(
    survey: Instrument,
    answers: Answers,
    key: str,
    entered_by_id: int | None,
    submitted_on: date,
) -> int:
    """Store a response collected offline (checked complete by the caller) in the caller's
    transaction: the caller commits every response of a file at once."""
    prepared = prepare(survey, answers)
    row = {
        **prepared,
        "answers": prepared.pop("pairs"),
        "channel": Channel.OFFLINE.value,
        "entered_by_id": entered_by_id,
        "paper_sheet": None,
        "locale": "ja",
        "submission_key": key,
        "submitted_on": submitted_on,
    }
    row["id"] = response_store.store(row, None)
    tallies.mark_new([row["id"]])
    return row["id"]


def _store(row: dict, draft_id: int | None) -> None:
    row["id"] = response_store.store(row, draft_id)
    tallies.mark_new([row["id"]])
    db.session.commit()


def _reraise() -> int:
    raise RuntimeError("a response failed to save and no earlier copy exists")


def _first(
    answers: Answers, question: str | None, exclude: set[str] | frozenset = frozenset()
) -> str | None:
    if question is None:
        return None
    values = [
        v for v in answers.get(question, []) if v not in exclude and not v.startswith("postal:")
    ]
    return values[0] if values else None


def response_id_for(key: str) -> int | None:
    return db.session.scalar(select(SurveyResponse.id).where(SurveyResponse.submission_key == key))


def answers_of(response_id: int) -> Answers:
    pairs = db.session.scalar(
        select(SurveyResponse.answers).where(SurveyResponse.id == response_id)
    )
    result: Answers = {}
    for question, value in pairs or []:
        result.setdefault(question, []).append(value)
    return result


def sheet_already_entered(sheet: str) -> bool:
    return (
        db.session.scalar(
            select(SurveyResponse.id).where(SurveyResponse.paper_sheet == sheet.strip()).limit(1)
        )
        is not None
    )


def purge_expired_drafts() -> int:
    purged = affected(
        db.session.execute(delete(SurveyDraft).where(SurveyDraft.expires_at < utcnow()))
    )
    db.session.commit()
    return purged
