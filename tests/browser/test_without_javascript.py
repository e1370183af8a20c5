"""With JavaScript off, the language switcher and signing in still work."""

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.support.browser.chromium import Tab, sign_in
from tests.support.live import LiveServer


@pytest.mark.browser
def test_language_switcher_and_sign_in_without_javascript(
    browser: Browser, live_server: LiveServer
):
    tab = Tab(browser, java_script_enabled=False)
    page = tab.page
    try:
        page.goto(f"{live_server.url}/en/accessibility")
        page.locator("header a.language-link").click()
        page.wait_for_url(re.compile(r"/en/language\?next=/en/accessibility$"))
        page.locator(".lang-switcher").get_by_role("link", name="日本語", exact=True).click()
        page.wait_for_url(f"{live_server.url}/ja/accessibility")
        expect(page.locator("html")).to_have_attribute("lang", "ja")
        sign_in(page, live_server, "admin")
        expect(page.locator("h1")).to_have_text("Workspace")
        problems = tab.watcher.take("without JavaScript")
        assert not problems, "\n".join(problems)
    finally:
        tab.close()
