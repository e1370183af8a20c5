"""A log form sent twice (Enter pressed twice, back and save again, a resent request) saves once."""

import secrets

import pytest
from playwright.sync_api import Browser, Request, expect

from tests.support.browser.support_pages import (
    NEW_LOG,
    SAVE,
    fill_log,
    logs_listed,
    saved_log_id,
    volunteer_on_phone,
)
from tests.support.live import LiveServer

ALREADY_SAVED = "This log was already saved"


@pytest.mark.browser
def test_enter_twice_then_back_and_save_again_makes_one_log(
    browser: Browser, live_server: LiveServer
):
    tab = volunteer_on_phone(browser, live_server)
    page, counter = tab.page, tab.context.new_page()
    try:
        before = logs_listed(counter, live_server)
        page.goto(live_server.url + NEW_LOG)
        fill_log(page, f"Twice {secrets.token_hex(3)}")
        page.locator("input[name=venue]").focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")
        first = saved_log_id(page)
        after_enter = logs_listed(counter, live_server)
        assert after_enter == before + 1, f"Enter twice: My logs went {before} to {after_enter}"
        page.go_back()
        expect(page.locator(SAVE)).to_be_visible()
        page.locator(SAVE).click()
        again = saved_log_id(page)
        notice = page.locator("main .notice").inner_text().strip()
        after = logs_listed(counter, live_server)
        assert (again, after) == (first, before + 1), (
            f"back and Save again: logs {first} and {again} ({notice!r}); "
            f"My logs went from {before} to {after}"
        )
        assert ALREADY_SAVED in notice, notice
    finally:
        tab.close()


@pytest.mark.browser
def test_a_resent_log_request_makes_one_log(browser: Browser, live_server: LiveServer):
    """The browser's own POST sent again byte for byte, as a retry on a bad connection would."""
    tab = volunteer_on_phone(browser, live_server)
    page = tab.page
    try:
        before = logs_listed(page, live_server)
        page.goto(live_server.url + NEW_LOG)
        fill_log(page, f"Resent {secrets.token_hex(3)}")
        with page.expect_request(lambda r: r.method == "POST") as sent:
            page.locator(SAVE).click()
        first = saved_log_id(page)
        post: Request = sent.value
        resent = tab.context.request.post(
            post.url, data=post.post_data_buffer, headers=post.headers, max_redirects=0
        )
        location = resent.headers.get("location", "")
        assert resent.status == 302 and f"/logs/{first}/saved" in location, (
            f"the resent form answered {resent.status} {location}"
        )
        assert logs_listed(page, live_server) == before + 1
    finally:
        tab.close()
