"""The app under a real WSGI server: `outreach demo --no-serve`, then gunicorn on a free port.

`serve` is one server with the demo loaded (the browser tests). For several processes sharing one
database, build the environment once with `environment`, load the demo with `load_demo`, then
start each process with `run`.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

import pyotp

from outreach.models import Role
from outreach.services.demo import ACCOUNTS

ROOT = Path(__file__).resolve().parents[2]
#: The last time step used per key in this test process: the server accepts each code once.
_USED_STEPS: dict[str, int] = {}


def fresh_demo_code(secret: str) -> str:
    """This step's code, or the next one's (the server accepts both) if this one was used; waits
    for the next step when both were."""
    totp = pyotp.TOTP(secret)
    while True:
        now = time.time()
        for moment in (now, now + totp.interval):
            step = totp.timecode(moment)
            if step > _USED_STEPS.get(secret, -1):
                _USED_STEPS[secret] = step
                return totp.at(moment)
        time.sleep(totp.interval - now % totp.interval + 0.1)


STARTUP_SECONDS = 30


@dataclass
class LiveServer:
    url: str
    port: int
    instance: Path
    log: Path
    process: subprocess.Popen
    #: The environment it was started with (its database, keys and settings).
    env: dict[str, str]

    @contextmanager
    def app_context(self) -> Iterator[None]:
        """The served app in this process, on its database with its keys: to set up what a page
        shows only at one moment of someone's work (a form kept after their session ended)."""
        from outreach import create_app
        from outreach.extensions import db

        key = (self.instance / "contact_key").read_text().strip()
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": self.env["DATABASE_URL"],
                "SECRET_KEY": self.env["SECRET_KEY"],
                "CONTACT_KEY": key,
            }
        )
        with app.app_context():
            try:
                yield
            finally:
                db.session.remove()
                db.engine.dispose()

    def credentials(self, role: str) -> tuple[str, str]:
        """Email and password of the demo account for `role`."""
        email = ACCOUNTS[Role(role)][0]
        passwords = json.loads((self.instance / "demo-accounts.json").read_text())
        return email, passwords[email]

    def sign_in_code(self, role: str) -> str | None:
        """A fresh two-step code for the demo account of `role`, None when it has none."""
        email = ACCOUNTS[Role(role)][0]
        keys = json.loads((self.instance / "demo-two-step.json").read_text())
        return fresh_demo_code(keys[email]) if email in keys else None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else "(no log)"


def _executable(name: str) -> str:
    """The console script installed beside this Python, else the one on PATH."""
    sibling = Path(sys.executable).with_name(name)
    found = str(sibling) if sibling.exists() else shutil.which(name)
    if not found:
        raise RuntimeError(f"`{name}` is not installed: run pip install -e '.[test,geo]'")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def checkout_first() -> dict[str, str]:
    """PYTHONPATH for a subprocess (a console script, gunicorn) to import `outreach` from the
    checkout under test, even when the package was installed from another checkout."""
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def environment(database_url: str, instance: Path, **settings: str) -> dict[str, str]:
    """The server's environment: one database, instance folder and SECRET_KEY; `settings` win."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "OUTREACH_INSTANCE_PATH": str(instance),
        "SECRET_KEY": secrets.token_hex(32),
        # Every locale submits the login form once and the browser tests walk the survey many
        # times from one address; the per-address limits are not under test there.
        "LOGIN_RATE_LIMIT": "1000 per minute",
        "SURVEY_RATE_LIMIT": "1000 per minute",
        "PYTHONUNBUFFERED": "1",
        **checkout_first(),
        **settings,
    }


def load_demo(env: dict[str, str]) -> None:
    done = subprocess.run(
        [_executable("outreach"), "demo", "--no-serve"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"`outreach demo --no-serve` failed:\n{done.stdout}\n{done.stderr}")


def _healthy(port: int) -> bool:
    connection = HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _wait_until_healthy(server: LiveServer) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited while starting:\n{server.log_text()}")
        if _healthy(server.port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"/healthz did not answer in {STARTUP_SECONDS} s:\n{server.log_text()}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """Two workers, like production; their output (tracebacks included) goes to `log`."""
    command = [_executable("gunicorn"), "-w", "2", "--no-control-socket", "-b", f"127.0.0.1:{port}"]
    with log.open("w") as sink:
        return subprocess.Popen(
            [*command, "outreach:create_app()"], env=env, cwd=ROOT, stdout=sink, stderr=sink
        )


@contextmanager
def run(env: dict[str, str], log: Path) -> Iterator[LiveServer]:
    """Serve the app configured by `env` with gunicorn on a free port; stop it afterwards."""
    port = _free_port()
    process = _start_gunicorn(env, port, log)
    instance = Path(env["OUTREACH_INSTANCE_PATH"])
    server = LiveServer(f"http://127.0.0.1:{port}", port, instance, log, process, env)
    try:
        _wait_until_healthy(server)
        yield server
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn died during the tests:\n{server.log_text()}")
    finally:
        _stop(process)


@contextmanager
def serve(database_url: str, workdir: Path) -> Iterator[LiveServer]:
    """Load the demo into `database_url`, serve it with gunicorn, stop it afterwards."""
    env = environment(database_url, workdir / "instance")
    load_demo(env)
    with run(env, workdir / "gunicorn.log") as server:
        yield server
