"""Only a chosen topic asks for an outcome (issue 17): on a 390×844 phone with JavaScript off, an
unticked topic shows no outcome choice; Space on its box shows one, named by the topic and next
in the tab order; unticking hides it again."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser.chromium import Tab, run_axe, sign_in
from tests.support.browser.support_pages import LOG_FORM, NEW_LOG, TALL_PHONE, tick_topic
from tests.support.live import LiveServer

#: The outcome choices a volunteer can see or reach, whatever their topic.
SHOWN_OUTCOMES = f"{LOG_FORM} input[name^=topic_]:visible"
#: The first topic shown (the most logged): the one a volunteer meets first.
FIRST_TOPIC = f"{LOG_FORM} .topic-choices > .choices input[name=topics]"


def _keys_only(page: Page, topic: str, name: str) -> None:
    """Space ticks the box and its outcome shows; Tab goes into it, arrows change it; Shift+Tab
    and Space untick the box and the outcome hides."""
    box = page.locator(f"{LOG_FORM} input[name=topics][value={topic}]")
    group = page.get_by_role("group", name=f"{name} How did it end?")
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    expect(group).to_be_visible()
    expect(page.locator(SHOWN_OUTCOMES)).to_have_count(3)
    page.keyboard.press("Tab")
    expect(group.get_by_role("radio", name="Resolved")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(group.get_by_role("radio", name="Partly")).to_be_focused()
    expect(group.get_by_role("radio", name="Partly")).to_be_checked()
    page.keyboard.press("Shift+Tab")
    expect(box).to_be_focused()
    page.keyboard.press("Space")
    expect(box).not_to_be_checked()
    expect(group).to_be_hidden()
    expect(page.locator(SHOWN_OUTCOMES)).to_have_count(0)


@pytest.mark.browser
def test_only_a_ticked_topic_shows_its_outcome_without_javascript(
    browser: Browser, live_server: LiveServer, axe: str
):
    tab = Tab(browser, java_script_enabled=False, **TALL_PHONE)
    scripted = Tab(browser, **TALL_PHONE)  # axe needs script; the page itself has none
    try:
        page = tab.page
        sign_in(page, live_server, "volunteer")
        page.goto(live_server.url + NEW_LOG)
        expect(page.locator(SHOWN_OUTCOMES)).to_have_count(0)
        topic = page.locator(FIRST_TOPIC).first.get_attribute("value")
        assert topic is not None
        name = page.locator(f"{LOG_FORM} input[name=topics][value={topic}] + label").inner_text()
        _keys_only(page, topic, name)
        problems = tab.watcher.take("ticking a topic without JavaScript")
        sign_in(scripted.page, live_server, "volunteer")
        scripted.page.goto(live_server.url + NEW_LOG)
        tick_topic(scripted.page, topic)
        problems += run_axe(scripted.page, axe, "a ticked topic's outcome shown")
        assert not problems, "\n".join(problems)
    finally:
        tab.close()
        scripted.close()
