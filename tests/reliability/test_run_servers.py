"""The servers a test run starts for itself: nothing outlives the run, even a killed one, and a
port in use or a full disk is said plainly (tests/support/run_servers.py and the modules it uses)."""

import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import redis as redis_client

from tests.support import live, throwaway_postgres, throwaway_redis
from tests.support.run_folder import end_processes, make_run_folder, processes_in, sweep_stale

#: A run in a child process: start both servers, say where, then wait for the signal or finish.
RUN = """
import sys, time
from tests.support import run_servers
run_servers.postgres_admin_url(), run_servers.redis_url()
print(run_servers.run_folder(), flush=True)
if sys.argv[1] == "wait":
    time.sleep(120)
"""


def start_run(mode: str) -> tuple[subprocess.Popen, Path]:
    """A child process with servers of its own (whatever servers this run was given)."""
    env = {**os.environ, **live.checkout_first()}
    for name in ("OUTREACH_TEST_POSTGRES_URL", "OUTREACH_TEST_REDIS_URL"):
        env.pop(name, None)
    child = subprocess.Popen(
        [sys.executable, "-c", RUN, mode], cwd=live.ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    return child, Path(child.stdout.readline().strip())


#: A run given servers of the person's own: say which it uses, then end as a run does.
USE = """
from tests.support import run_servers
print(run_servers.postgres_admin_url(), run_servers.redis_url(), flush=True)
"""


def test_servers_named_by_the_person_are_used_and_never_stopped(folder):
    postgres = throwaway_postgres.start_postgres(folder / "postgres", fast=True)
    redis = throwaway_redis.start_redis(folder / "redis")
    try:
        a_run_uses_them_and_leaves_them_running(postgres, redis)
    finally:
        redis.stop()
        postgres.stop()


def a_run_uses_them_and_leaves_them_running(postgres, redis) -> None:
    env = {**os.environ, **live.checkout_first()}
    env |= {"OUTREACH_TEST_POSTGRES_URL": postgres.url, "OUTREACH_TEST_REDIS_URL": redis.url}
    child = subprocess.run(
        [sys.executable, "-c", USE],
        cwd=live.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert child.stdout.split() == [postgres.url, redis.url]
    assert redis_client.Redis.from_url(redis.url).ping(), "the run left the person's Redis running"
    with psycopg.connect(postgres.url.replace("+psycopg", "")) as connection:
        assert connection.execute("SELECT 1").fetchone() == (1,), "and their PostgreSQL"


def test_a_run_that_ends_stops_its_servers_and_deletes_its_folder():
    child, folder = start_run("finish")
    with child:
        assert child.wait(timeout=60) == 0
    assert processes_in(folder) == []
    assert not folder.exists()


def test_servers_of_a_killed_run_are_ended_by_the_next_run():
    child, folder = start_run("wait")
    with child:
        killed_run_is_swept(child, folder)


def killed_run_is_swept(child: subprocess.Popen, folder: Path) -> None:
    try:
        assert len(processes_in(folder)) >= 2, "PostgreSQL and Redis run in the run's folder"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert processes_in(folder), "a killed run cannot stop its servers"
        assert folder in sweep_stale()
        assert processes_in(folder) == []
        assert not folder.exists()
    finally:
        child.kill()
        end_processes(processes_in(folder))


@pytest.fixture
def folder():
    """A run folder of the test's own; whatever a failed start left is ended with it."""
    made = make_run_folder()
    yield made
    end_processes(processes_in(made))
    shutil.rmtree(made)


def test_a_live_run_is_never_swept(folder):
    assert folder not in sweep_stale()
    assert folder.exists()


@pytest.fixture
def taken_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_port_in_use_is_named(folder, taken_port):
    said = f"port {taken_port} on 127.0.0.1 is in use"
    with pytest.raises(throwaway_redis.RedisStartError, match=said):
        throwaway_redis.start_redis(folder / "redis", taken_port)
    with pytest.raises(throwaway_postgres.PostgresStartError, match=said):
        throwaway_postgres.start_postgres(folder / "postgres", taken_port)
    assert processes_in(folder) == []


def test_a_full_disk_is_named_before_anything_starts(folder, monkeypatch):
    monkeypatch.setattr(throwaway_postgres, "MIN_FREE_BYTES", 2**62)
    with pytest.raises(throwaway_postgres.PostgresStartError, match=r"MB free in .*TMPDIR"):
        throwaway_postgres.start_postgres(folder / "postgres")
    assert processes_in(folder) == []
