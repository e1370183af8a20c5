"""`outreach backup` and `outreach restore`: a copy restored is the database it was taken from."""

import secrets
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, delete, func, insert, select, text
from sqlalchemy.engine import make_url

from outreach.extensions import db
from outreach.models import AuditEvent, Channel, SurveyResponse
from outreach.services import audit, backup, survey, users
from tests.support.databases import fresh_database

#: Rows each writer transaction commits; a consistent copy holds all of a batch or none of it.
BATCH = 25


def rows() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    with db.engine.connect() as conn:
        return {
            table.name: [
                tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key))
            ]
            for table in db.metadata.sorted_tables
        }


def make_some_data(make_user) -> None:
    admin = make_user("admin")
    volunteer = make_user("volunteer")
    survey.submit(
        {"internet_use": ["daily"]}, Channel.PAPER, "ja", "s" * 64, entered_by_id=volunteer.id
    )
    audit.record("test.note", admin, ("user", volunteer.id), note="日本語も")
    db.session.commit()


def change_everything(make_user) -> None:
    for user in users.all_users():
        user.display_name = "Changed"
    db.session.execute(delete(SurveyResponse))
    audit.record("test.after_backup")
    db.session.commit()
    make_user("staff")


def restore_live(path: Path) -> None:
    # The test's own session would hold locks that a PostgreSQL restore waits for.
    db.session.remove()
    backup.restore(db.engine, path)


def backend_of(url: str) -> str:
    return make_url(url).get_backend_name()


def test_restore_brings_back_every_row(app, make_user, tmp_path):
    make_some_data(make_user)
    at_backup = rows()
    assert all(at_backup[t] for t in ("users", "survey_responses", "audit_events"))
    copy = backup.make(db.engine, tmp_path / "outreach.backup")
    assert copy.size == copy.path.stat().st_size > 0
    assert copy.revision == backup.live_revision(db.engine)
    change_everything(make_user)
    assert rows() != at_backup

    restore_live(copy.path)

    assert rows() == at_backup
    make_user("coordinator")  # ids and sequences carry on after the restored rows


def test_backup_file_is_private(app, tmp_path):
    copy = backup.make(db.engine, tmp_path / "private.backup")
    assert copy.path.stat().st_mode & 0o077 == 0
    assert [p.name for p in tmp_path.iterdir()] == ["private.backup"]


class BatchWriter(threading.Thread):
    """Commits batches of audit rows, each batch in its own transaction, until stopped."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.engine = create_engine(url)
        self.committed = 0
        self.stopping = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                with self.engine.begin() as conn:
                    conn.execute(insert(AuditEvent), self._batch(self.committed))
                self.committed += 1
        except BaseException as exc:
            self.error = exc
        finally:
            self.engine.dispose()

    @staticmethod
    def _batch(number: int) -> list[dict]:
        row = {"action": "test.batch", "target_type": "batch", "target_id": str(number)}
        return [{**row, "details": {"row": i}} for i in range(BATCH)]

    def wait_for(self, batches: int, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while self.committed < batches and self.error is None:
            assert time.monotonic() < deadline, "the writer stalled"
            time.sleep(0.01)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=30)
        if self.error:
            raise self.error


def pad_database(count: int = 3000) -> None:
    """Enough rows that a copy takes a while, so the writer commits while it is made."""
    padding = [
        {"action": "test.padding", "details": {"text": secrets.token_hex(150)}}
        for _ in range(count)
    ]
    db.session.execute(insert(AuditEvent), padding)
    db.session.commit()


def batch_sizes(engine: Engine) -> dict[int, int]:
    with engine.connect() as conn:
        found = conn.execute(
            select(AuditEvent.target_id, func.count())
            .where(AuditEvent.action == "test.batch")
            .group_by(AuditEvent.target_id)
        ).all()
    return {int(batch): size for batch, size in found}


def restored_batches(url: str, path: Path, workdir: Path) -> dict[int, int]:
    """Restore the copy into a new database and count its rows per batch."""
    with fresh_database(backend_of(url), workdir) as fresh_url:
        engine = create_engine(fresh_url)
        try:
            backup.restore(engine, path)
            return batch_sizes(engine)
        finally:
            engine.dispose()


def test_backup_while_writing_is_one_moment(app, database_url, tmp_path):
    pad_database()
    writer = BatchWriter(database_url)
    writer.start()
    try:
        copies = []
        for number in range(3):
            writer.wait_for(writer.committed + 2)
            copies.append(backup.make(db.engine, tmp_path / f"busy-{number}.backup"))
        writer.wait_for(writer.committed + 2)
    finally:
        writer.stop()

    seen = [restored_batches(database_url, copy.path, tmp_path) for copy in copies]
    for batches in seen:
        assert set(batches.values()) == {BATCH}, "a batch was copied in part"
        assert sorted(batches) == list(range(len(batches))), "a batch is missing before the last"
    assert 2 <= len(seen[0]) < len(seen[1]) < len(seen[2]) < writer.committed


def garbage_file(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.backup"
    if kind == "random bytes":
        path.write_bytes(b"PGDMP not really \x00\xff" * 500)
    elif kind == "empty file":
        path.write_bytes(b"")
    elif kind == "someone else's SQLite database":
        with sqlite3.connect(path) as other:
            other.execute("CREATE TABLE notes (text)")
        other.close()
    elif kind == "truncated backup":
        # Big enough that a PostgreSQL dump's table of contents survives: pg_restore starts, fails
        # part-way, and its single transaction must leave the database as it was.
        pad_database()
        whole = backup.make(db.engine, tmp_path / "whole.backup").path.read_bytes()
        path.write_bytes(whole[: len(whole) * 2 // 3])
    return path


@pytest.mark.parametrize(
    "kind", ["random bytes", "empty file", "someone else's SQLite database", "truncated backup"]
)
def test_restore_refuses_what_is_not_a_backup(app, make_user, tmp_path, kind):
    make_some_data(make_user)
    path = garbage_file(kind, tmp_path)
    make_user("staff")  # so a restore of the truncated backup would show
    before = rows()

    with pytest.raises(backup.BackupError):
        restore_live(path)

    assert rows() == before


def test_restore_refuses_another_schema_revision(app, database_url, make_user, tmp_path):
    make_user()
    copy = backup.make(db.engine, tmp_path / "now.backup")
    with fresh_database(backend_of(database_url), tmp_path) as other_url:
        other = create_engine(other_url)
        try:
            backup.restore(other, copy.path)
            with other.begin() as conn:
                conn.execute(text("UPDATE alembic_version SET version_num = 'older'"))
            older = backup.make(other, tmp_path / "older.backup")
        finally:
            other.dispose()
    before = rows()

    with pytest.raises(backup.BackupError, match="schema revision older"):
        restore_live(older.path)

    assert rows() == before


def test_backup_refuses_to_overwrite_the_live_sqlite_file(tmp_path):
    live = tmp_path / "live.db"
    sqlite3.connect(live).close()
    engine = create_engine(f"sqlite:///{live}")
    try:
        with pytest.raises(backup.BackupError, match="live database itself"):
            backup.make(engine, live)
    finally:
        engine.dispose()


def test_backup_refuses_a_missing_folder(app, tmp_path):
    with pytest.raises(backup.BackupError, match="Cannot write a backup"):
        backup.make(db.engine, tmp_path / "no-such-folder" / "x.backup")


POSTGRES_NOWHERE = "postgresql+psycopg://someone:s3cret-pass@127.0.0.1:1/outreach"


def test_pg_dump_not_installed(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    engine = create_engine(POSTGRES_NOWHERE)
    with pytest.raises(backup.BackupError, match="pg_dump is not installed"):
        backup.make(engine, tmp_path / "x.backup")
    assert list(tmp_path.iterdir()) == []


def test_pg_dump_failure_shows_its_error_and_keeps_the_password_off_the_command_line(
    tmp_path, monkeypatch
):
    calls = []
    real_run = subprocess.run

    def spy(argv, **kwargs):
        calls.append((argv, kwargs["env"]))
        return real_run(argv, **kwargs)

    monkeypatch.setattr(subprocess, "run", spy)
    monkeypatch.setenv("PGHOST", "somewhere-else.example")
    engine = create_engine(POSTGRES_NOWHERE)

    with pytest.raises(backup.BackupError, match=r"could not be copied \(pg_dump .*port 1 failed"):
        backup.make(engine, tmp_path / "x.backup")

    [(argv, env)] = calls
    assert not any("s3cret" in arg for arg in argv)
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"]) == ("127.0.0.1", "1", "someone")
    assert (env["PGPASSWORD"], env["PGDATABASE"]) == ("s3cret-pass", "outreach")
    assert list(tmp_path.iterdir()) == []


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_backup_and_restore_commands(app, make_user, tmp_path):
    runner = app.test_cli_runner()
    make_user(email="kept@example.jp")
    target = tmp_path / "cli.backup"

    made = runner.invoke(args=["backup", str(target)])

    assert made.exit_code == 0, made.output
    assert f"to {target} ({target.stat().st_size:,} bytes" in made.output
    assert "outreach:outreach@" not in made.output  # the URL is shown without its password
    assert audit_actions()[-1] == "database.backed_up"
    make_user(email="later@example.jp")

    refused = runner.invoke(args=["restore", str(target)], input="n\n")

    assert refused.exit_code == 1 and "Aborted" in refused.output
    assert users.by_email("later@example.jp") is not None

    restored = runner.invoke(args=["restore", str(target)], input="y\n")

    assert restored.exit_code == 0, restored.output
    assert f"from {target} ({target.stat().st_size:,} bytes" in restored.output
    assert users.by_email("later@example.jp") is None
    assert users.by_email("kept@example.jp") is not None
    # The copy was taken before its own audit entry; the restore is recorded after it.
    assert audit_actions()[-2:] == ["user.created", "database.restored"]


def test_restore_command_with_yes_does_not_ask(app, make_user, tmp_path):
    runner = app.test_cli_runner()
    target = tmp_path / "cli.backup"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    make_user(email="later@example.jp")

    restored = runner.invoke(args=["restore", str(target), "--yes"])

    assert restored.exit_code == 0, restored.output
    assert "Replace everything" not in restored.output
    assert users.by_email("later@example.jp") is None


def test_restore_command_refuses_garbage(app, make_user, tmp_path):
    make_user(email="kept@example.jp")
    garbage = tmp_path / "garbage.backup"
    garbage.write_bytes(b"not a database at all" * 100)
    before = rows()

    result = app.test_cli_runner().invoke(args=["restore", str(garbage), "--yes"])

    assert result.exit_code == 1
    assert "Error:" in result.output and str(garbage) in result.output
    assert rows() == before


def test_backup_command_reports_failure(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "none" / "x.backup")])
    assert result.exit_code == 1 and "Cannot write a backup" in result.output
