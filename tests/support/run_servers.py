"""The PostgreSQL and Redis that a test run uses: the person's own when named, else the run's own.

OUTREACH_TEST_POSTGRES_URL (an account that may CREATE DATABASE) and OUTREACH_TEST_REDIS_URL name
existing servers; tests never stop or restart those. Otherwise the first test that needs a server
starts one, in the run's folder on a free port of 127.0.0.1 (tests/support/throwaway_postgres.py,
throwaway_redis.py), and `stop_all` (called when the session finishes, and at exit) stops it.
A test that restarts PostgreSQL starts a server of its own instead (`throwaway_postgres()`).
"""

import atexit
import os
import shutil
from pathlib import Path

from tests.support import throwaway_postgres, throwaway_redis
from tests.support.run_folder import end_processes, make_run_folder, processes_in

POSTGRES_URL = "OUTREACH_TEST_POSTGRES_URL"
REDIS_URL = "OUTREACH_TEST_REDIS_URL"

_folder: Path | None = None
_postgres: throwaway_postgres.ThrowawayPostgres | None = None
_redis: throwaway_redis.ThrowawayRedis | None = None


def postgres_admin_url() -> str:
    """The server the PostgreSQL tests make their databases on (started on first use)."""
    global _postgres
    if os.environ.get(POSTGRES_URL):
        return os.environ[POSTGRES_URL]
    if _postgres is None:
        _postgres = throwaway_postgres.start_postgres(run_folder() / "postgres", fast=True)
    return _postgres.url


def redis_url() -> str:
    """The Redis that app processes share rate limits in (started on first use)."""
    global _redis
    if os.environ.get(REDIS_URL):
        return os.environ[REDIS_URL]
    if _redis is None:
        _redis = throwaway_redis.start_redis(run_folder() / "redis")
    return _redis.url


def put_postgres_tools_on_path() -> None:
    """pg_dump and pg_restore (the backup code looks them up on PATH) of the server's version.

    The wheel's (PostgreSQL 18) go first for the run's own server. For a server of yours they go
    last: pg_restore 18 writes settings that older servers refuse (`transaction_timeout`), so
    the machine's own tools of your server's version win when installed. Subprocesses inherit it.
    """
    wheel, machine = str(throwaway_postgres.BIN), os.environ["PATH"]
    order = [machine, wheel] if os.environ.get(POSTGRES_URL) else [wheel, machine]
    os.environ["PATH"] = os.pathsep.join(order)


def run_folder() -> Path:
    global _folder
    if _folder is None:
        _folder = make_run_folder()
        atexit.register(stop_all)
    return _folder


def stop_all() -> list[str]:
    """Stop the run's servers and delete its folder; describe any process that outlived them."""
    global _folder, _postgres, _redis
    if _folder is None:
        return []
    try:
        for server in (_postgres, _redis):
            if server is not None:
                server.stop()
    finally:
        left = processes_in(_folder)
        outlived = [f"{p.pid} {' '.join(p.info['cmdline'])}" for p in left]
        end_processes(left)
        shutil.rmtree(_folder, ignore_errors=True)
        _folder = _postgres = _redis = None
    return outlived
