"""Keyboard only: skip link, sign in, and open the accounts page without a mouse."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser.chromium import Tab
from tests.support.browser.keyboard import tab_to
from tests.support.live import LiveServer

_FOCUS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== 'none';
}"""


def _wait_for_path(page: Page, path: str) -> None:
    """The skip link's #main fragment survives the sign-in redirect, so compare paths only."""
    page.wait_for_url(lambda url: urlsplit(url).path == path)


def _skip_link(page: Page) -> None:
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to main content", f"first Tab focused {focused!r}"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def _sign_in(page: Page, email: str, password: str) -> None:
    tab_to(page, "input[name=email]")
    page.keyboard.type(email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(password)
    page.keyboard.press("Enter")


@pytest.mark.browser
def test_keyboard_only_journey(browser: Browser, live_server: LiveServer):
    tab = Tab(browser)
    page = tab.page
    try:
        page.goto(f"{live_server.url}/en/login")
        _skip_link(page)
        _sign_in(page, *live_server.credentials("admin"))
        _wait_for_path(page, "/en/login/code")
        tab_to(page, "input[name=code]")
        page.keyboard.type(live_server.sign_in_code("admin") or "")
        page.keyboard.press("Enter")
        _wait_for_path(page, "/en/workspace")
        tab_to(page, "a", "Accounts")
        assert page.evaluate(_FOCUS_VISIBLE), "the focused Accounts link shows no focus indicator"
        page.keyboard.press("Enter")
        _wait_for_path(page, "/en/admin/users")
        expect(page.locator("h1")).to_have_text("Accounts")
    finally:
        tab.close()
