"""A volunteer logs a session on a 360 px touch phone: big enough targets, then keys alone."""

import secrets

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser.chromium import reflow_problems
from tests.support.browser.keyboard import tab_to
from tests.support.browser.support_pages import NEW_LOG, SAVE, saved_log_id, volunteer_on_phone
from tests.support.browser.touch import small_targets
from tests.support.live import LiveServer

#: The form has fourteen topic boxes (each ticked one with its outcome) and nine language boxes
#: before Save.
TABS = 80
TOPIC = "input[name=topics][value=smartphone_basics]"
#: How the ticked topic ended: "resolved" until changed.
TOPIC_OUTCOME = "input[name=topic_smartphone_basics][value=resolved]"


def _active_value(page: Page) -> str:
    return page.evaluate("() => document.activeElement.value")


def _active_checked(page: Page) -> bool:
    return page.evaluate("() => document.activeElement.checked")


def _press_until(page: Page, key: str, value: str, limit: int = 5) -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        if _active_value(page) == value:
            return
    pytest.fail(f"{key} never gave {value!r}; the focused field has {_active_value(page)!r}")


def _key_in(page: Page, venue: str, note: str) -> None:
    """Counts by arrows, a topic by Space, the folded details opened by Enter, a format by
    arrows, a language, a follow-up."""
    tab_to(page, "input[name=venue]", limit=TABS)
    page.keyboard.type(venue)
    tab_to(page, "input[name=people_75_plus]", limit=TABS)
    _press_until(page, "ArrowUp", "2")
    if not page.locator(TOPIC).is_visible():  # not among the most logged: "More topics"
        tab_to(page, "details.fold-topics > summary", limit=TABS)
        page.keyboard.press("Enter")
    tab_to(page, TOPIC, limit=TABS)
    page.keyboard.press("Space")
    assert _active_checked(page), "Space did not tick the topic"
    tab_to(page, "details.fold-more > summary", limit=TABS)
    page.keyboard.press("Enter")
    tab_to(page, "input[name=format]", limit=TABS)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert _active_value(page) == "class" and _active_checked(page), "arrows did not pick a format"
    tab_to(page, "input[name=languages][value=ja]", limit=TABS)
    page.keyboard.press("Space")
    assert _active_checked(page), "Space did not tick Japanese"
    tab_to(page, "textarea[name=note]", limit=TABS)
    page.keyboard.type(note)
    tab_to(page, "input[name=follow_up]", key="Shift+Tab", limit=TABS)
    page.keyboard.press("Space")
    assert _active_checked(page), "Space did not tick the follow-up"
    tab_to(page, "input[name=follow_up_about]", limit=TABS)
    page.keyboard.type("Set up video calls")
    tab_to(page, SAVE, limit=TABS)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _kept(page: Page, venue: str, note: str) -> None:
    """The log's edit form shows what the keys entered."""
    form = page.locator("form.log-form")
    expect(form.locator("input[name=format][value=class]")).to_be_checked()
    expect(form.locator("input[name=venue]")).to_have_value(venue)
    expect(form.locator("input[name=people_75_plus]")).to_have_value("2")
    expect(form.locator(TOPIC)).to_be_checked()
    expect(form.locator(TOPIC_OUTCOME)).to_be_checked()
    expect(form.locator("input[name=languages][value=ja]")).to_be_checked()
    expect(form.locator("textarea[name=note]")).to_have_value(note)


@pytest.mark.browser
def test_volunteer_logs_a_session_on_a_phone_by_keyboard(browser: Browser, live_server: LiveServer):
    tab = volunteer_on_phone(browser, live_server)
    page = tab.page
    venue, note = f"Library {secrets.token_hex(3)}", "Showed the bus app."
    try:
        page.goto(live_server.url + NEW_LOG)
        problems = small_targets(page, NEW_LOG, tall=SAVE)
        problems += reflow_problems(page, f"{NEW_LOG} at 360 px")
        assert not problems, "\n".join(problems)
        _key_in(page, venue, note)
        log_id = saved_log_id(page)
        problems = reflow_problems(page, "the saved page at 360 px")
        page.goto(f"{live_server.url}/en/volunteer/logs/{log_id}/edit")
        _kept(page, venue, note)
        problems += tab.watcher.take("logging a session by keyboard")
        assert not problems, "\n".join(problems)
    finally:
        tab.close()
