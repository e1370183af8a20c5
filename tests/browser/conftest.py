"""Browser fixtures: Chromium, the demo site under gunicorn per backend, signed-in tabs."""

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from flask import Flask
from playwright.sync_api import Browser, sync_playwright

from outreach import create_app
from tests.support.browser.chromium import CHROMIUM_ARGS, RoleTabs, axe_source, chromium_path
from tests.support.databases import BACKENDS, fresh_database
from tests.support.live import LiveServer, serve


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def live_servers(tmp_path_factory) -> Iterator[Callable[[str], LiveServer]]:
    """The demo site on a backend, started on first use and kept for the run: tests that give
    each language one backend (each_on_one_backend) switch between them without restarts."""
    started: dict[str, LiveServer] = {}
    with ExitStack() as stack:

        def on(backend: str) -> LiveServer:
            if backend not in started:
                workdir = tmp_path_factory.mktemp(f"live-{backend}")
                url = stack.enter_context(fresh_database(backend, workdir))
                started[backend] = stack.enter_context(serve(url, workdir))
            return started[backend]

        yield on


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(request, live_servers) -> LiveServer:
    return live_servers(request.param)


@pytest.fixture(scope="session")
def role_tabs_on(browser: Browser) -> Iterator[Callable[[LiveServer], RoleTabs]]:
    """Signed-in tabs per server, opened on first use and kept for the run."""
    opened: dict[str, RoleTabs] = {}

    def on(server: LiveServer) -> RoleTabs:
        return opened.setdefault(server.url, RoleTabs(browser, server))

    yield on
    for tabs in opened.values():
        tabs.close()


@pytest.fixture(scope="session")
def role_tabs(role_tabs_on, live_server: LiveServer) -> RoleTabs:
    return role_tabs_on(live_server)


@pytest.fixture(scope="session")
def axe() -> str:
    return axe_source()


@pytest.fixture(scope="session")
def route_map_app(tmp_path_factory) -> Flask:
    """The app built in-process only to read its URL map (it never touches a database)."""
    instance = tmp_path_factory.mktemp("route-map")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("OUTREACH_INSTANCE_PATH", str(instance))
        return create_app({"SECRET_KEY": "url-map-only", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the server's log to every failing browser test."""
    report = yield
    args = getattr(item, "funcargs", {})
    server = args.get("live_server")
    if server is None and "live_servers" in args and "backend" in args:
        server = args["live_servers"](args["backend"])  # already started by the test
    if report.failed and isinstance(server, LiveServer):
        report.sections.append(("gunicorn log", server.log_text()))
    return report
