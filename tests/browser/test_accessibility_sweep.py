"""axe (WCAG 2.2 A/AA), 320 px reflow and a clean console on every page in every language."""

import pytest
from flask import Flask
from playwright.sync_api import Page

from outreach.i18n.locales import LOCALES
from outreach.services import kept_forms, users
from tests.support.browser.chromium import RoleTabs, Tab, reflow_problems, run_axe
from tests.support.browser.pages import targets
from tests.support.databases import each_on_one_backend
from tests.support.live import LiveServer


def _check(tab: Tab, axe: str, label: str, expected_error_url: str | None = None) -> list[str]:
    return [
        *run_axe(tab.page, axe, label),
        *reflow_problems(tab.page, label),
        *tab.watcher.take(label, expected_error_url),
    ]


def _open(tab: Tab, url: str, status: int = 200) -> list[str]:
    tab.watcher.take("before")
    response = tab.page.goto(url)
    got = response.status if response else None
    if got != status or tab.page.url != url:
        return [f"{url}: expected HTTP {status} here, got {got} at {tab.page.url}"]
    return []


def _fetch_download(tab: Tab, url: str) -> list[str]:
    """A download (calendar, CSV) with the tab's cookies: it answers 200, and not with a page."""
    response = tab.context.request.get(url)
    kind = response.headers.get("content-type", "")
    if response.status != 200 or kind.startswith("text/html"):
        return [f"{url}: expected a 200 download, got HTTP {response.status} ({kind})"]
    return []


def _submit_empty_login(page: Page, url: str) -> list[str]:
    page.goto(url)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if page.locator("[aria-invalid=true]").count() == 0:
        return [f"{url}: submitting the empty form showed no field errors"]
    return []


def _sweep_routes(app: Flask, tabs: RoleTabs, server: LiveServer, axe: str, lang: str) -> list:
    pages = targets(app, lang)
    assert pages, "the URL map gave no pages to check"
    problems = []
    for target in pages:
        tab, url = tabs.get(target.role), server.url + target.path
        label = f"{target.path} ({target.endpoint} as {target.role})"
        if target.download:
            problems += _fetch_download(tab, url)
        else:
            problems += _open(tab, url) or _check(tab, axe, label)
    return problems


def _sweep_special(tabs: RoleTabs, server: LiveServer, axe: str, lang: str) -> list[str]:
    tab = tabs.get("anonymous")
    login = f"{server.url}/{lang}/login"
    problems = _submit_empty_login(tab.page, login)
    problems += _check(tab, axe, f"/{lang}/login with errors")
    missing = f"{server.url}/{lang}/no-such-page"
    problems += _open(tab, missing, status=404)
    problems += _check(tab, axe, f"/{lang}/no-such-page (404)", expected_error_url=missing)
    return problems + _kept_form_page(tabs, server, axe, lang)


def _kept_form_page(tabs: RoleTabs, server: LiveServer, axe: str, lang: str) -> list[str]:
    """The page offering back what a volunteer typed when their session ended (auth.kept_form)."""
    tab, url = tabs.get("volunteer"), f"{server.url}/{lang}/login/kept"  # signed in first
    email, _ = server.credentials("volunteer")
    with server.app_context():
        kept_forms.keep(users.by_email(email).id, f"/{lang}/volunteer/logs/new", [("note", ["…"])])
    return _open(tab, url) or _check(tab, axe, f"/{lang}/login/kept (a kept form)")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("backend", "lang"), each_on_one_backend([locale.url_code for locale in LOCALES])
)
def test_every_page_passes_axe_reflow_and_console(
    route_map_app, live_servers, role_tabs_on, axe, backend, lang
):
    live_server = live_servers(backend)
    role_tabs = role_tabs_on(live_server)
    problems = _sweep_routes(route_map_app, role_tabs, live_server, axe, lang)
    problems += _sweep_special(role_tabs, live_server, axe, lang)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
