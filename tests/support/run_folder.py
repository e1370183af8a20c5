"""The test run's own temporary folder for its servers, and the sweep of folders that killed runs left.

A run keeps the PostgreSQL and Redis it starts under one folder, `<tmp>/outreach-test-<random>/`,
with an `owner` file naming the process that made it. A run that was killed (SIGKILL, a closed
terminal) never stops its servers; the next run finds its folder, sees that the owner is gone, ends
every process working in that folder and deletes it. Only processes working in such a folder (or
naming it on their command line) are ever ended: never the machine's own PostgreSQL or Redis.
"""

import os
import shutil
import tempfile
import time
from pathlib import Path

import psutil

PREFIX = "outreach-test-"
OWNER = "owner"
#: A folder without an owner file is another run being set up, unless it is older than this.
SETUP_SECONDS = 60


def make_run_folder() -> Path:
    """A new folder for this run's servers, after sweeping away those of dead runs."""
    for stale in sweep_stale():
        print(f"Removed {stale}, left running by a test run that was killed.")
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    (folder / OWNER).write_text(_identity(os.getpid()))
    # The embedded PostgreSQL runs as its own system user when started by root: let it in.
    folder.chmod(0o755)
    return folder


def _identity(pid: int) -> str:
    # The start time tells a live owner from a new process that reuses its pid.
    return f"{pid} {psutil.Process(pid).create_time()}"


def _owner_alive(folder: Path) -> bool:
    try:
        pid, _ = (folder / OWNER).read_text().split()
    except FileNotFoundError:
        return time.time() - folder.stat().st_mtime < SETUP_SECONDS
    except (OSError, ValueError):
        return False
    try:
        return _identity(int(pid)) == (folder / OWNER).read_text()
    except psutil.Error:
        return False


def processes_in(folder: Path) -> list[psutil.Process]:
    """Processes started from `folder`: PostgreSQL and Redis both work in a folder inside it, and
    redis-server's command line names its configuration file there too."""
    inside = f"{folder}{os.sep}"
    found = []
    for process in psutil.process_iter(["cmdline", "cwd"]):
        named = [process.info["cwd"] or "", *(process.info["cmdline"] or ())]
        if any(arg.startswith(inside) for arg in named):
            found.append(process)
    return found


def end_processes(processes: list[psutil.Process]) -> None:
    """SIGTERM, then SIGKILL whatever is still there after 10 s."""
    for process in processes:
        try:
            process.terminate()
        except psutil.NoSuchProcess:
            continue
    _, alive = psutil.wait_procs(processes, timeout=10)
    for process in alive:
        process.kill()
    psutil.wait_procs(alive, timeout=5)


def sweep_stale() -> list[Path]:
    """End the servers of runs whose owner process is gone and delete their folders."""
    swept = []
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        if folder.is_dir() and not _owner_alive(folder):
            end_processes(processes_in(folder))
            shutil.rmtree(folder, ignore_errors=True)
            swept.append(folder)
    return swept
