"""Contact consents: sealed with Fernet, stored apart from answers, purged on schedule."""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import timedelta

from cryptography.fernet import Fernet
from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from outreach.extensions import db
from outreach.models import ContactRequest, FollowUp, User
from outreach.models.base import utcnow
from outreach.services import audit
from outreach.services.rows import affected
from outreach.vocabulary import CaseSource


@dataclass
class ContactDetails:
    name: str
    phone: str
    address: str
    when_to_call: str
    #: The survey it came with: only coordinators, who can unseal, can follow this link.
    response_id: int | None
    area_code: str | None


@dataclass
class OpenContact:
    id: int
    created_at: object
    purge_after: object
    preferred_language: str
    details: ContactDetails


def fernet() -> Fernet:
    """The contact key's cipher: consents and bookings are sealed with it."""
    return Fernet(current_app.config["CONTACT_KEY"].encode())


def _dedupe_key(submission: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"contact:{submission}".encode(), hashlib.sha256).hexdigest()


def store(details: ContactDetails, preferred_language: str, submission: str) -> bool:
    """Save a consent once per survey; returns False when this survey already left one."""
    retention = timedelta(days=current_app.config["CONTACT_RETENTION_DAYS"])
    sealed = fernet().encrypt(json.dumps(details.__dict__).encode()).decode()
    request = ContactRequest(
        sealed=sealed,
        preferred_language=preferred_language,
        dedupe_key=_dedupe_key(submission),
        purge_after=utcnow() + retention,
    )
    db.session.add(request)
    try:
        db.session.flush()
        # i18n-free summary: the queue shows it in the coordinator's language from the source.
        db.session.add(
            FollowUp(contact_request_id=request.id, summary="", source=CaseSource.SURVEY)
        )
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def already_stored(submission: str) -> bool:
    key = _dedupe_key(submission)
    return (
        db.session.scalar(select(ContactRequest.id).where(ContactRequest.dedupe_key == key))
        is not None
    )


def purge_expired() -> int:
    """Delete every request past its retention date (`outreach purge`, daily)."""
    purged = affected(
        db.session.execute(delete(ContactRequest).where(ContactRequest.purge_after < utcnow()))
    )
    if purged:
        audit.record("contacts.purged", None, None, count=purged)
    db.session.commit()
    return purged


def unseal_many(request_ids: list[int]) -> dict[int, OpenContact]:
    """Decrypt these requests (callers check the viewer may see them, and audit it). Those past
    retention and not yet purged are never opened again."""
    if not request_ids:
        return {}
    rows = db.session.scalars(
        select(ContactRequest).where(
            ContactRequest.id.in_(request_ids), ContactRequest.purge_after >= utcnow()
        )
    )
    cipher = fernet()
    return {
        r.id: OpenContact(
            r.id,
            r.created_at,
            r.purge_after,
            r.preferred_language,
            ContactDetails(**json.loads(cipher.decrypt(r.sealed.encode()))),
        )
        for r in rows
    }


def close(request_id: int, actor: User) -> bool:
    """Closing a follow-up deletes the contact details at once."""
    closed = affected(
        db.session.execute(delete(ContactRequest).where(ContactRequest.id == request_id))
    )
    if closed:
        audit.record("contacts.closed", actor, ("contact_request", request_id))
    db.session.commit()
    return bool(closed)
