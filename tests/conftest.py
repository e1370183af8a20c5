"""Fixtures: the app on SQLite and on PostgreSQL, a page-checking client, users per role."""

import itertools
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from outreach.extensions import db
from outreach.models import Role
from outreach.services import insights_cache
from tests.support import run_servers, two_step
from tests.support.accounts import PASSWORD
from tests.support.apps import make_app
from tests.support.databases import BACKENDS, fresh_database

_emails = itertools.count()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory) -> Iterator[str]:
    """One migrated database per backend for the whole run; tests empty it after use."""
    workdir = tmp_path_factory.mktemp(request.param)
    with fresh_database(request.param, workdir) as url:
        app = make_app(url, workdir)
        with app.app_context():
            upgrade()
            db.engine.dispose()
        yield url


@pytest.fixture
def app_config() -> dict:
    """Override in a test module to change settings (e.g. turn CSRF on)."""
    return {}


@pytest.fixture
def app(database_url: str, tmp_path_factory, app_config: dict) -> Iterator[Flask]:
    application = make_app(database_url, tmp_path_factory.getbasetemp(), **app_config)
    with application.app_context():
        yield application
        insights_cache.clear_cache()  # the next test starts from an empty database, ids reused
        db.session.rollback()
        _empty_tables()
        db.engine.dispose()


def _empty_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - our own table names
    db.session.commit()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_user(app: Flask):
    from outreach.services import users

    def make(role: str = Role.VOLUNTEER, email: str | None = None, **kwargs):
        email = email or f"{role}{next(_emails)}@test.example.jp"
        user = users.create_user(email, f"Test {role}", role, PASSWORD, **kwargs)
        users.commit()
        return user

    return make


@pytest.fixture
def login(client: FlaskClient, make_user):
    """Sign the test client in as a new user of the given role; returns the user.
    Administrators and coordinators are enrolled in two-step sign-in and give a real code."""

    def sign_in(role: str = Role.VOLUNTEER, **kwargs):
        user = make_user(role, **kwargs)
        two_step.sign_in(client, user)
        return user

    return sign_in


def pytest_configure(config) -> None:
    run_servers.put_postgres_tools_on_path()


@pytest.hookimpl(trylast=True)  # after the session fixtures' teardown (dropping their databases)
def pytest_sessionfinish(session, exitstatus) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    _fail_if_outlived(session, reporter, run_servers.stop_all())
    _fail_if_skipped(session, reporter)


def _fail_if_outlived(session, reporter, outlived: list[str]) -> None:
    """Nothing the run started may keep running after it (they were ended just now)."""
    if outlived:
        session.exitstatus = 1
        if reporter:
            reporter.write_line(f"FAILED: server processes outlived the run: {outlived}", red=True)


def _fail_if_skipped(session, reporter) -> None:
    """A skipped test hides a gap (a missing browser, database …): the run fails instead."""
    if reporter and reporter.stats.get("skipped") and session.exitstatus == 0:
        session.exitstatus = 1
        reporter.write_line("FAILED: tests were skipped; every test must run.", red=True)
