"""Consistent copies of the database, made and restored while the site keeps running.

SQLite copies every page with its online backup API in one step, which is one read transaction:
writers in other processes carry on (WAL) and the copy is the database of a single moment.
PostgreSQL uses pg_dump, which reads one snapshot, and pg_restore in a single transaction.

A restore checks the file before it touches the live database: it must be one of ours (an Alembic
revision; for SQLite also a clean `PRAGMA integrity_check`) at the live database's schema revision.
The restore itself is one transaction, so the site sees either the old or the new database.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL

from outreach.extensions import db
from outreach.services import audit

#: How long pg_dump waits for a table lock held by, say, a running migration before giving up,
#: rather than hanging a cron job. (pg_restore has no such setting: its script resets it to 0.)
LOCK_TIMEOUT = "60s"


class BackupError(Exception):
    """A copy could not be made, or a file cannot be restored; the message says why."""


@dataclass(frozen=True)
class Copy:
    path: Path
    size: int
    #: The Alembic revision (schema version) of the database in the copy.
    revision: str


# --- With the app's database (the CLI commands) ---


def backup_database(target: Path) -> Copy:
    """Back up the app's database; the audit entry is in the live database, not in the copy."""
    copy = make(db.engine, target)
    _audit("database.backed_up", copy)
    return copy


def check_database(source: Path) -> Copy:
    return check(db.engine, source)


def restore_database(source: Path) -> Copy:
    """Restore the app's database from `source`; the audit entry goes into the restored database."""
    # A transaction left open by this session would hold locks the restore has to wait for.
    db.session.remove()
    copy = restore(db.engine, source)
    _audit("database.restored", copy)
    return copy


def database_label() -> str:
    """The app's database URL without its password, to show the operator what will be replaced."""
    return str(db.engine.url)


def _audit(action: str, copy: Copy) -> None:
    audit.record(action, None, None, file=str(copy.path), size=copy.size, revision=copy.revision)
    db.session.commit()


# --- With any engine ---


def make(engine: Engine, target: Path) -> Copy:
    """Write a consistent copy of the database to `target`, which is replaced only once complete."""
    target = target.resolve()
    _refuse_live_file(engine, target)
    partial = _private_file_beside(target)
    try:
        _backend(engine).dump(engine, partial)
        revision = _backend(engine).revision(engine.url, partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return Copy(target, target.stat().st_size, revision)


def check(engine: Engine, source: Path) -> Copy:
    """Check that `source` is a sound backup that fits this database; the database is only read."""
    source = source.resolve()
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    _refuse_live_file(engine, source)
    revision = _backend(engine).revision(engine.url, source)
    live = live_revision(engine)
    if live is not None and live != revision:
        raise BackupError(
            f"{source} holds schema revision {revision} but the database is at {live}: restore it "
            "into a new, empty database, then run `outreach db upgrade`."
        )
    return Copy(source, source.stat().st_size, revision)


def restore(engine: Engine, source: Path) -> Copy:
    """Replace the database's contents with the backup in `source`, in one transaction."""
    copy = check(engine, source)
    _backend(engine).load(engine, copy.path)
    # Connections opened before the restore are closed, so nothing cached from before is reused.
    engine.dispose()
    return copy


def live_revision(engine: Engine) -> str | None:
    """The database's Alembic revision; None for a new, empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.scalar(text("SELECT version_num FROM alembic_version"))


def _private_file_beside(target: Path) -> Path:
    """An empty file readable by its owner only (a backup holds personal data), renamed when done."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise BackupError(f"Cannot write a backup in {target.parent}: {exc.strerror}.") from exc
    os.close(handle)
    return Path(name)


def _refuse_live_file(engine: Engine, path: Path) -> None:
    live = engine.url.database if engine.dialect.name == "sqlite" else None
    if live and Path(live).resolve() == path:
        raise BackupError(f"{path} is the live database itself; choose another file.")


def _one_revision(values: list[str], path: Path) -> str:
    if len(values) != 1 or not values[0]:
        raise BackupError(f"{path} has no single schema revision; it is not an Outreach backup.")
    return values[0]


@dataclass(frozen=True)
class _Backend:
    dump: Callable[[Engine, Path], None]
    revision: Callable[[URL, Path], str]
    load: Callable[[Engine, Path], None]


def _backend(engine: Engine) -> _Backend:
    name = engine.dialect.name
    if name not in _BACKENDS:
        raise BackupError(f"Backups work with SQLite and PostgreSQL, not {name}.")
    return _BACKENDS[name]


# --- SQLite ---


@contextmanager
def _sqlite_connection(engine: Engine) -> Iterator[sqlite3.Connection]:
    """The pool's own sqlite3 connection, set up like the app's (WAL, busy timeout)."""
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        if not isinstance(connection, sqlite3.Connection):
            raise BackupError(f"Expected a sqlite3 connection, not {type(connection)}.")
        yield connection
    finally:
        raw.close()


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def _sqlite_dump(engine: Engine, target: Path) -> None:
    with _sqlite_connection(engine) as live, closing(sqlite3.connect(target)) as copy:
        try:
            # pages=-1 copies everything in one step: one read transaction, one moment's database.
            live.backup(copy, pages=-1)
            # A single self-contained file: no -wal or -shm beside it, readable from read-only media.
            copy.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error as exc:
            raise BackupError(f"The database could not be copied: {exc}.") from exc


def _sqlite_revision(_url: URL, path: Path) -> str:
    try:
        with closing(_read_only(path)) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(f"{path} is damaged: {'; '.join(problems[:5])}")
            rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable Outreach SQLite backup ({exc}).") from exc
    return _one_revision([row[0] for row in rows], path)


def _sqlite_load(engine: Engine, source: Path) -> None:
    with closing(_read_only(source)) as copy, _sqlite_connection(engine) as live:
        try:
            # One write transaction on the live file: other processes see the old or the new pages.
            copy.backup(live, pages=-1)
        except sqlite3.Error as exc:
            raise BackupError(
                f"{source} could not be restored; nothing was changed: {exc}."
            ) from exc


# --- PostgreSQL ---

#: URL query settings passed on to libpq as its environment variables.
_LIBPQ_QUERY = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "host": "PGHOST"}


def _libpq_environment(url: URL) -> dict[str, str]:
    """The environment for pg_dump and pg_restore: the password never goes on a command line."""
    # PG* variables already set stay, as they do for the app's own connections (psycopg reads
    # them too); what the URL says wins, so both reach the same database.
    env = dict(os.environ)
    for key, name in _LIBPQ_QUERY.items():
        value = url.query.get(key)
        if isinstance(value, str):
            env[name] = value
    settings = {
        "PGHOST": url.host,
        "PGPORT": url.port,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
    }
    env.update({name: str(value) for name, value in settings.items() if value is not None})
    return env


def _run(tool: str, args: list[str], url: URL, failure: str) -> str:
    """Run a PostgreSQL client tool; when it fails, say `failure` and what the tool said."""
    program = shutil.which(tool)
    if program is None:
        raise BackupError(
            f"{tool} is not installed: install the PostgreSQL client tools of the server's "
            "version (Debian: postgresql-client)."
        )
    # A fixed argument list without a shell; file paths are absolute, so never read as options.
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell (above)
        [program, *args],
        env=_libpq_environment(url),
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    if result.returncode != 0:
        said = result.stderr.strip()
        raise BackupError(f"{failure} ({tool} exit status {result.returncode}): {said}")
    return result.stdout


def _postgres_dump(engine: Engine, target: Path) -> None:
    options = ["--format=custom", "--no-owner", "--no-privileges"]
    args = [*options, f"--lock-wait-timeout={LOCK_TIMEOUT}", f"--file={target}"]
    _run("pg_dump", args, engine.url, "The database could not be copied")


def _postgres_revision(url: URL, path: Path) -> str:
    # --list reads the archive's table of contents: it refuses anything that is not a dump.
    listing = _run("pg_restore", ["--list", str(path)], url, f"{path} is not a PostgreSQL backup")
    if not re.search(r"^\S+ \S+ \S+ TABLE \S+ alembic_version\b", listing, re.MULTILINE):
        raise BackupError(f"{path} has no alembic_version table; it is not an Outreach backup.")
    args = ["--data-only", "--table=alembic_version", "--file=-", str(path)]
    script = _run("pg_restore", args, url, f"{path} is damaged")
    found = re.search(r"^COPY .*? FROM stdin;\n(.*?)^\\\.$", script, re.MULTILINE | re.DOTALL)
    return _one_revision(found.group(1).split() if found else [], path)


def _postgres_load(engine: Engine, source: Path) -> None:
    options = ["--clean", "--if-exists", "--single-transaction", "--no-owner", "--no-privileges"]
    args = [*options, f"--dbname={engine.url.database}", str(source)]
    # One transaction: if any statement fails, nothing of the restore is kept.
    _run("pg_restore", args, engine.url, f"{source} could not be restored; nothing was changed")


_BACKENDS = {
    "sqlite": _Backend(_sqlite_dump, _sqlite_revision, _sqlite_load),
    "postgresql": _Backend(_postgres_dump, _postgres_revision, _postgres_load),
}
