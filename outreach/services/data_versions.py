"""Counters of what the figures depend on (outreach.models.versions), bumped in the transaction
that changes it, read once per request by the figures' cache."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from outreach.extensions import db
from outreach.models import DataVersion
from outreach.models.base import utcnow

_V = DataVersion.__table__


def bump(name: str) -> None:
    """Say that `name` ("tallies", "areas") changed; commit with the change itself."""
    dialect = db.session.get_bind().dialect.name
    insert = (pg_insert if dialect == "postgresql" else sqlite_insert)(_V)
    now = utcnow()
    db.session.execute(
        insert.values(name=name, version=1, changed_at=now).on_conflict_do_update(
            index_elements=["name"], set_={"version": _V.c.version + 1, "changed_at": now}
        )
    )


def current() -> dict[str, tuple[int, datetime]]:
    """name -> (version, changed_at) for everything that has changed at least once."""
    rows = db.session.execute(select(_V.c.name, _V.c.version, _V.c.changed_at)).all()
    return {name: (version, changed) for name, version, changed in rows}
