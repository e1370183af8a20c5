"""A log refused for a phone number in its note: the error summary takes focus, nothing typed is lost."""

import secrets

import pytest
from playwright.sync_api import Browser, expect

from tests.support.browser.support_pages import (
    LOG_FORM,
    NEW_LOG,
    SAVE,
    choose_outcome,
    fill_log,
    volunteer_on_phone,
)
from tests.support.live import LiveServer

NOTE = "Wants help again, call 090-1234-5678"
_FOCUSED_CLASSES = "() => [...document.activeElement.classList]"


@pytest.mark.browser
def test_refused_log_keeps_what_was_typed(browser: Browser, live_server: LiveServer):
    tab = volunteer_on_phone(browser, live_server)
    page = tab.page
    venue = f"Kept {secrets.token_hex(3)}"
    try:
        page.goto(live_server.url + NEW_LOG)
        fill_log(page, venue, note=NOTE)
        choose_outcome(page, "smartphone_basics", "referred")
        with page.expect_navigation():
            page.locator(SAVE).click()
        assert page.url == live_server.url + NEW_LOG, f"the log was not refused: {page.url}"
        expect(page.locator(".error-summary")).to_contain_text("phone number")
        expect(page.locator(".error-summary a[href='#note']")).to_be_visible()
        focused = page.evaluate(_FOCUSED_CLASSES)
        assert "error-summary" in focused, f"focus is on an element with classes {focused}"
        form = page.locator(LOG_FORM)
        expect(form.locator("textarea[name=note]")).to_have_value(NOTE)
        expect(form.locator("textarea[name=note]")).to_have_attribute("aria-invalid", "true")
        expect(form.locator("input[name=venue]")).to_have_value(venue)
        expect(form.locator("input[name=format][value=class]")).to_be_checked()
        expect(form.locator("input[name=people_75_plus]")).to_have_value("2")
        expect(form.locator("input[name=topics][value=smartphone_basics]")).to_be_checked()
        outcome = form.locator("input[name=topic_smartphone_basics][value=referred]")
        expect(outcome).to_be_visible()
        expect(outcome).to_be_checked()
        expect(form.locator("input[name=languages][value=ja]")).to_be_checked()
        problems = tab.watcher.take("a refused log")
        assert not problems, "\n".join(problems)
    finally:
        tab.close()
