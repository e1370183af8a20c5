"""The console script: `outreach demo` serves the site; `user add` creates accounts."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from sqlalchemy import text

from outreach.extensions import db
from outreach.services import users
from tests.support.live import checkout_first


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own server
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_outreach_demo_serves_the_site(app, database_url, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        **checkout_first(),
        "DATABASE_URL": database_url,
        "OUTREACH_INSTANCE_PATH": str(tmp_path),
    }
    script = os.path.join(os.path.dirname(sys.executable), "outreach")
    server = subprocess.Popen(
        [script, "demo", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        page = wait_for(f"http://127.0.0.1:{port}/ja/").decode()
        assert '<html lang="ja"' in page
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "admin@hirakata.example.jp" in output
    assert f"http://127.0.0.1:{port}/" in output


def test_user_add(app):
    result = app.test_cli_runner().invoke(
        args=["user", "add", "New@Example.jp", "--name", "New", "--role", "coordinator"],
        input="a fine long passphrase\na fine long passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert users.by_email("new@example.jp").role == "coordinator"


def test_user_add_refuses_weak_password(app):
    result = app.test_cli_runner().invoke(
        args=["user", "add", "x@example.jp", "--name", "X", "--role", "staff"],
        input="short\nshort\n",
    )
    assert result.exit_code != 0 and "too short" in result.output
    assert users.by_email("x@example.jp") is None


def test_sqlite_uses_wal_and_busy_timeout(tmp_path, monkeypatch):
    from outreach import create_app

    monkeypatch.setenv("OUTREACH_INSTANCE_PATH", str(tmp_path))
    sqlite_app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'wal.db'}"})
    with sqlite_app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 15000
        db.session.remove()
        db.engine.dispose()
