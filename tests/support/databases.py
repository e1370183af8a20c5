"""Fresh empty databases for tests: a SQLite file, and a new database on a real PostgreSQL server.

PostgreSQL is the server that OUTREACH_TEST_POSTGRES_URL names (an account allowed to CREATE
DATABASE), else one started for the run (tests/support/run_servers.py).
"""

import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.support.run_servers import postgres_admin_url

BACKENDS = tuple(os.environ.get("OUTREACH_TEST_BACKENDS", "sqlite,postgresql").split(","))


def each_on_one_backend(values: Sequence[str]) -> list[tuple[str, str]]:
    """(backend, value) pairs that give each value one backend, in turn. For checks of what a
    page looks like (axe, reflow, fit on a phone) in every language: the database behind a page
    does not change its markup, so each language is swept once while every backend still serves
    a share of the sweeps."""
    return [(BACKENDS[i % len(BACKENDS)], value) for i, value in enumerate(values)]


@contextmanager
def fresh_database(backend: str, workdir: Path) -> Iterator[str]:
    """Yield the URL of a new, empty database; drop it afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{workdir / f'test-{uuid.uuid4().hex[:8]}.db'}"
        return
    admin_url = postgres_admin_url()
    name = f"outreach_test_{uuid.uuid4().hex[:12]}"
    # Pinged: its connection waits in the pool for the whole run, and the server may end it.
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        raise RuntimeError(
            f"PostgreSQL tests need a server at {admin_url} that lets them CREATE DATABASE: {exc}"
        ) from exc
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
