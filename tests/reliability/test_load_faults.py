"""Survey submissions and session logs under concurrent load against gunicorn with two workers,
on SQLite and PostgreSQL: no 5xx, and every acknowledged submission stored exactly once, also
when a worker is killed with SIGKILL and PostgreSQL restarts in the middle of the load.

PostgreSQL here is a throwaway server of this module's own (tests/support/throwaway_postgres.py):
restarting the machine's cluster would break every other test run using it at that moment."""

import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import create_engine, func, select, text

from outreach.models import SessionLog, SurveyResponse
from tests.support import live
from tests.support.databases import BACKENDS, fresh_database
from tests.support.survey_walk import default_answer
from tests.support.throwaway_postgres import ThrowawayPostgres, throwaway_postgres
from tests.support.visitor import Failures, Visitor

RESIDENTS, SURVEYS_EACH = 6, 3
VOLUNTEERS, LOGS_EACH = 2, 8


@contextmanager
def database(backend: str, workdir: Path) -> Iterator[tuple[str, ThrowawayPostgres | None]]:
    """A SQLite file, or the `postgres` database of a PostgreSQL server started for these tests."""
    if backend == "sqlite":
        with fresh_database(backend, workdir) as url:
            yield url, None
        return
    with throwaway_postgres() as postgres:
        yield postgres.url, postgres


@pytest.fixture(scope="module", params=BACKENDS)
def server(request, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(f"load-{request.param}")
    with database(request.param, workdir) as (url, postgres):
        env = live.environment(
            url, workdir / "instance", SURVEY_RATE_LIMIT="100000 per minute", LOG_LEVEL="WARNING"
        )
        live.load_demo(env)
        with live.run(env, workdir / "gunicorn.log") as running:
            running.backend, running.database_url = request.param, url
            running.postgres = postgres
            running.secret_key = env["SECRET_KEY"]
            engine = create_engine(url)
            running.engine = engine
            yield running
            engine.dispose()


def complete_surveys(server, failures: Failures, count: int) -> list[str]:
    """Complete `count` web surveys; return the submission key of each acknowledged one."""
    keys = []
    for _ in range(count):
        visitor = Visitor(server.port, server.secret_key, failures)
        _, _, page = visitor.get("/en/survey/")
        _, location, _ = visitor.post("/en/survey/start", page=page)
        while "/q/" in location:
            _, _, html = visitor.get(location)
            answer = default_answer(BeautifulSoup(html, "html.parser"))
            _, location, _ = visitor.post(location, {**answer, "action": "next"}, page=html)
        _, _, html = visitor.get("/en/survey/check")
        _, location, _ = visitor.post("/en/survey/submit", page=html)
        assert location.endswith("/survey/thanks"), location
        keys.append(visitor.session()["survey_done"]["key"])
    return keys


def log_sessions(server, failures: Failures, tag: str, count: int) -> list[str]:
    """Sign in as the demo volunteer and save `count` session logs; return their notes."""
    visitor = Visitor(server.port, server.secret_key, failures)
    email, password = server.credentials("volunteer")
    _, _, page = visitor.get("/en/login")
    visitor.post("/en/login", {"email": email, "password": password}, page=page)
    notes = []
    for n in range(count):
        _, _, html = visitor.get("/en/volunteer/logs/new")
        note = f"load test {tag} log {n}"
        _, location, _ = visitor.post("/en/volunteer/logs/new", log_form(html, note), page=html)
        assert "/saved" in location, location
        notes.append(note)
    return notes


def log_form(html: str, note: str) -> dict:
    page = BeautifulSoup(html, "html.parser")
    area = page.select_one('select[name="area_code"] option[value]:not([value=""])')["value"]
    return {
        "submission_key": page.select_one('input[name="submission_key"]')["value"],
        "held_on": time.strftime("%Y-%m-%d"),
        "duration_minutes": "60",
        "format": "help_desk",
        "venue": "Load test hall",
        "area_code": area,
        "people_under_65": "1",
        "people_65_74": "1",
        "people_75_plus": "2",
        "people_age_unknown": "0",
        "languages": ["ja"],
        "topics": ["e_tax"],
        "topic_e_tax": "resolved",
        "note": note,
    }


def run_load(server, failures: Failures, tag: str, during=None) -> tuple[list, list]:
    """Residents and volunteers at once; `during` runs beside them (the faults)."""
    with ThreadPoolExecutor(RESIDENTS + VOLUNTEERS + 1) as pool:
        surveys = [
            pool.submit(complete_surveys, server, failures, SURVEYS_EACH) for _ in range(RESIDENTS)
        ]
        logs = [
            pool.submit(log_sessions, server, failures, f"{tag}-{v}", LOGS_EACH)
            for v in range(VOLUNTEERS)
        ]
        fault = pool.submit(during) if during else None
        keys = [key for job in surveys for key in job.result()]
        notes = [note for job in logs for note in job.result()]
        if fault:
            fault.result()
    return keys, notes


def counts(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (
            conn.scalar(select(func.count()).select_from(SurveyResponse)),
            conn.scalar(select(func.count()).select_from(SessionLog)),
        )


def assert_stored_exactly_once(engine, keys: list[str], notes: list[str], before) -> None:
    responses_before, logs_before = before
    with engine.connect() as conn:
        stored = dict(
            conn.execute(
                select(SurveyResponse.submission_key, func.count())
                .where(SurveyResponse.submission_key.in_(keys))
                .group_by(SurveyResponse.submission_key)
            ).all()
        )
        with_answers = conn.scalar(
            select(func.count()).where(
                SurveyResponse.submission_key.in_(keys),
                func.json_array_length(SurveyResponse.answers) > 0,
            )
        )
        logged = dict(
            conn.execute(
                select(SessionLog.note, func.count())
                .where(SessionLog.note.in_(notes))
                .group_by(SessionLog.note)
            ).all()
        )
    assert len(set(keys)) == len(keys) == RESIDENTS * SURVEYS_EACH
    assert stored == dict.fromkeys(keys, 1)
    assert with_answers == len(keys)
    assert logged == dict.fromkeys(notes, 1)
    assert counts(engine) == (responses_before + len(keys), logs_before + len(notes))


def assert_database_intact(server) -> None:
    with server.engine.connect() as conn:
        if server.backend == "sqlite":
            assert conn.scalar(text("PRAGMA integrity_check")) == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        # Every stored response has its answers (one row: they cannot be half-written).
        unanswered = conn.scalar(
            select(func.count()).where(func.json_array_length(SurveyResponse.answers) == 0)
        )
        assert unanswered == 0


def test_load_without_faults_never_errs_and_stores_everything_once(server):
    failures, before = Failures(), counts(server.engine)
    keys, notes = run_load(server, failures, "calm")
    assert failures == Failures(), "no request may fail without a fault"
    assert_stored_exactly_once(server.engine, keys, notes, before)
    assert_database_intact(server)


def worker_pids(master: int) -> set[int]:
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if int(fields[1]) == master:
            children.add(int(stat.parent.name))
    return children


def server_started_at(engine) -> datetime:
    """When the PostgreSQL server (re)started, on a new connection."""
    engine.dispose()
    with engine.connect() as conn:
        return conn.scalar(text("SELECT pg_postmaster_start_time()"))


def test_killed_worker_and_database_restart_lose_and_duplicate_nothing(server):
    failures, before = Failures(), counts(server.engine)
    started_at = server_started_at(server.engine) if server.backend == "postgresql" else None
    workers = worker_pids(server.process.pid)
    assert len(workers) == 2
    started = threading.Event()
    restarted_at = []

    def faults() -> None:
        started.wait()
        time.sleep(1.5)  # in the middle of the load
        os.kill(sorted(workers)[0], signal.SIGKILL)
        if server.backend == "postgresql":
            time.sleep(0.5)
            server.postgres.restart()
            restarted_at.append(server_started_at(server.engine))

    def go() -> None:
        started.set()
        faults()

    keys, notes = run_load(server, failures, "faults", during=go)
    assert failures.server_errors == []
    assert worker_pids(server.process.pid) - workers, "gunicorn replaced the killed worker"
    server.engine.dispose()  # its pooled connections did not survive the restart
    if server.backend == "postgresql":
        assert restarted_at[0] > started_at, "PostgreSQL restarted during the load"
    assert_stored_exactly_once(server.engine, keys, notes, before)
    assert_database_intact(server)
