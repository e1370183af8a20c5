"""Whether this worker can reach the database (the load balancers' health check)."""

from sqlalchemy import text

from outreach.extensions import db


def check_database() -> None:
    """One round trip; raises (and the error handlers answer 503) when the database is away."""
    db.session.execute(text("SELECT 1"))
