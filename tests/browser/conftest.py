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


class LiveServers:
    """The demo site on each backend, started on first use and kept for the run: tests that give
    each language one backend (each_on_one_backend) switch between them without restarts."""

    def __init__(self, stack: ExitStack, tmp_path_factory) -> None:
        self._stack, self._tmp = stack, tmp_path_factory
        self.started: dict[str, LiveServer] = {}

    def __call__(self, backend: str) -> LiveServer:
        if backend not in self.started:
            workdir = self._tmp.mktemp(f"live-{backend}")
            url = self._stack.enter_context(fresh_database(backend, workdir))
            self.started[backend] = self._stack.enter_context(serve(url, workdir))
        return self.started[backend]


@pytest.fixture(scope="session")
def live_servers(tmp_path_factory) -> Iterator[LiveServers]:
    with ExitStack() as stack:
        yield LiveServers(stack, tmp_path_factory)


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(request, live_servers) -> LiveServer:
    return live_servers(request.param)


@pytest.fixture(scope="session")
def role_tabs_on(browser: Browser) -> Iterator[Callable[[LiveServer], RoleTabs]]:
    """Signed-in tabs per server, opened on first use and kept for the run."""
    opened: dict[str, RoleTabs] = {}

    def on(server: LiveServer) -> RoleTabs:
        if server.url not in opened:
            opened[server.url] = RoleTabs(browser, server)
        return opened[server.url]

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
    if server is None and "live_servers" in args:  # a sweep: the server its backend started
        server = args["live_servers"].started.get(args.get("backend", ""))
    if report.failed and isinstance(server, LiveServer):
        report.sections.append(("gunicorn log", server.log_text()))
    return report
