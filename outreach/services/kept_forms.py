"""What someone was typing when their session ended by itself (30 minutes idle, 8 hours in all):
the form they sent is kept, sealed, for them alone, and offered back once they sign in again.

Only the person whose session ended gets it: the sign-in that follows must be theirs. One form
is kept per person (the latest), for at most KEEP_FOR; taking it deletes it.
"""

import json
from datetime import timedelta

from cryptography.fernet import InvalidToken
from sqlalchemy import delete, select

from outreach.extensions import db
from outreach.models import KeptForm
from outreach.models.base import utcnow
from outreach.services.contacts import fernet
from outreach.services.rows import affected

KEEP_FOR = timedelta(hours=24)
#: Fields never kept: the form's CSRF token belongs to the session that ended.
NOT_KEPT = frozenset({"csrf_token"})
Fields = list[tuple[str, list[str]]]


def keep(user_id: int, path: str, fields: Fields) -> None:
    """Keep this form for the person, in place of any kept before; commits."""
    wanted = [(name, values) for name, values in fields if name not in NOT_KEPT]
    sealed = fernet().encrypt(json.dumps(wanted, ensure_ascii=False).encode()).decode()
    db.session.execute(delete(KeptForm).where(KeptForm.user_id == user_id))
    db.session.add(KeptForm(user_id=user_id, path=path[:500], sealed=sealed))
    db.session.commit()


def waiting(user_id: int) -> bool:
    """Whether a form is kept for the person (and not too old)."""
    return _newest(user_id) is not None


def take(user_id: int) -> tuple[str, Fields] | None:
    """The person's kept form as (path, fields), deleted as it is handed over; commits."""
    row = _newest(user_id)
    if row is None:
        return None  # nothing to hand over, nothing written
    db.session.execute(delete(KeptForm).where(KeptForm.user_id == user_id))
    db.session.commit()
    try:
        fields = json.loads(fernet().decrypt(row.sealed.encode()))
    except InvalidToken:
        return None  # sealed under a contact key since replaced: nothing can be offered
    return row.path, [(str(name), [str(v) for v in values]) for name, values in fields]


def _newest(user_id: int) -> KeptForm | None:
    return db.session.scalar(
        select(KeptForm)
        .where(KeptForm.user_id == user_id, KeptForm.created_at > utcnow() - KEEP_FOR)
        .order_by(KeptForm.id.desc())
        .limit(1)
    )


def purge_old() -> int:
    """Delete kept forms nobody came back for (after KEEP_FOR)."""
    purged = affected(
        db.session.execute(delete(KeptForm).where(KeptForm.created_at <= utcnow() - KEEP_FOR))
    )
    db.session.commit()
    return purged
