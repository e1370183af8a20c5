"""Alembic environment: runs against the app's own engine (SQLite or PostgreSQL)."""

from alembic import context
from flask import current_app

target_db = current_app.extensions["migrate"].db


def run_migrations_online() -> None:
    with target_db.engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_db.metadata,
            # SQLite cannot ALTER most things in place: batch mode rebuilds tables instead.
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported: run `outreach db upgrade`.")
run_migrations_online()
