"""A volunteer keys in a paper form on a phone-sized screen, by keyboard alone."""

import secrets

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser.chromium import Tab, reflow_problems, sign_in
from tests.support.browser.keyboard import tab_to
from tests.support.live import LiveServer

PHONE_VIEWPORT = {"width": 360, "height": 740}
SAVE = "form.entry-form button[type=submit]"
#: Every checkbox on the page is a Tab stop: the save button is far down.
TABS_TO_SAVE = 200


def press_enter_and_load(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _key_in(page: Page, sheet: str) -> None:
    """The sheet number, then three answers: a radio, a checkbox and the household size."""
    tab_to(page, "input[name=paper_sheet]")
    page.keyboard.type(sheet)
    tab_to(page, "input[name=q_internet_use]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=q_devices][value=smartphone]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=q_household_size]", limit=TABS_TO_SAVE)
    page.keyboard.type("3")
    tab_to(page, SAVE, limit=TABS_TO_SAVE)
    press_enter_and_load(page)


def _answers_kept(page: Page) -> None:
    """The warning shows the form again with what was typed: the keys reached the fields."""
    expect(page.locator("input[name=q_internet_use]").first).to_be_checked()
    expect(page.locator("input[name=q_devices][value=smartphone]")).to_be_checked()
    expect(page.locator("input[name=q_household_size]")).to_have_value("3")


@pytest.mark.browser
def test_volunteer_enters_a_paper_form_by_keyboard(browser: Browser, live_server: LiveServer):
    tab = Tab(browser, viewport=PHONE_VIEWPORT)
    page = tab.page
    sheet = f"K-{secrets.token_hex(3)}"
    try:
        sign_in(page, live_server, "volunteer")
        page.goto(f"{live_server.url}/en/entry/")
        _key_in(page, sheet)
        expect(page.locator("main .notice")).to_contain_text("Saved.")
        expect(page.locator("main .notice")).to_contain_text(sheet)
        _key_in(page, sheet)
        expect(page.locator("main .warning")).to_contain_text("was entered before")
        expect(page.locator("main .notice")).to_have_count(0)
        _answers_kept(page)
        problems = reflow_problems(page, "entry at 360 px")
        problems += tab.watcher.take("entering a paper form")
        assert not problems, "\n".join(problems)
    finally:
        tab.close()
