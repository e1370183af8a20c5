"""Keyboard only: skip link, sign in, and open the accounts page without a mouse."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import Tab
from tests.browser.server import LiveServer

MAX_TABS = 60
_FOCUSED = """([selector, text]) => {
  const el = document.activeElement;
  return el.matches(selector) && (text === null || el.textContent.trim() === text);
}"""
_DESCRIBE = "() => document.activeElement.outerHTML.slice(0, 80)"
_FOCUS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== 'none';
}"""


def tab_to(page: Page, selector: str, text: str | None = None) -> None:
    """Press Tab until the focused element matches; fail listing where focus went."""
    visited = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(_FOCUSED, [selector, text]):
            return
        visited.append(page.evaluate(_DESCRIBE))
    pytest.fail(f"Tab never reached {selector} {text or ''}; focus went to:\n" + "\n".join(visited))


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
        _wait_for_path(page, "/en/workspace")
        tab_to(page, "a", "Accounts")
        assert page.evaluate(_FOCUS_VISIBLE), "the focused Accounts link shows no focus indicator"
        page.keyboard.press("Enter")
        _wait_for_path(page, "/en/admin/users")
        expect(page.locator("h1")).to_have_text("Accounts")
    finally:
        tab.close()
