"""A log in a minute: on a 390×844 phone a volunteer records a typical session (three topics,
five people, the place of their last session, each topic's outcome picked where it shows, under
its box) in at most 12 inputs, and the Save button comes right after the essentials, within two
screens, with nothing unrelated to scroll past."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser.chromium import Tab, sign_in
from tests.support.browser.support_pages import (
    LOG_FORM,
    NEW_LOG,
    SAVE,
    TALL_PHONE,
    fill_log,
    saved_log_id,
)
from tests.support.live import LiveServer

#: The first three topics shown unfolded (the most logged ones).
_FIRST_TOPICS = """(form) => [...form.querySelectorAll('input[name=topics]')]
  .filter(el => el.checkVisibility()).slice(0, 3).map(el => el.value)"""
#: Controls a volunteer has to scroll past on the way to Save: open fields of the form.
_VISIBLE_CONTROLS = """(form) => [...form.querySelectorAll('input, select, textarea, summary')]
  .filter(el => el.type !== 'hidden' && el.checkVisibility()).length"""


class Counted:
    """Every click and every field filled is one input."""

    def __init__(self, page: Page):
        self.page, self.inputs = page, 0

    def click(self, selector: str) -> None:
        self.page.locator(selector).first.click()
        self.inputs += 1

    def fill(self, selector: str, text: str) -> None:
        self.page.locator(selector).fill(text)
        self.inputs += 1


def _essentials(page: Page) -> float:
    """From the top of the form to the bottom of Save, in px."""
    top = page.locator(LOG_FORM).bounding_box()
    save = page.locator(SAVE).bounding_box()
    assert top is not None and save is not None
    return save["y"] + save["height"] - top["y"]


def _record(page: Page, topics: list[str]) -> int:
    """Every topic ticked, then its own outcome (shown under it once ticked) changed."""
    you = Counted(page)
    you.click("a:has-text('Same place as my last session')")
    page.wait_for_load_state()
    you.fill("input[name=people_65_74]", "2")
    you.fill("input[name=people_75_plus]", "3")
    for topic in topics:
        you.click(f"{LOG_FORM} input[name=topics][value={topic}] + label")
        you.click(f"{LOG_FORM} input[name=topic_{topic}][value=partly] + label")
    asking = page.locator(f"{LOG_FORM} fieldset.topic-outcome:visible").count()
    assert asking == len(topics), f"{asking} topics ask for an outcome, {len(topics)} are ticked"
    essentials = _essentials(page)
    assert essentials <= 2 * 844, (
        f"with three topics' outcomes, the essentials take {essentials} px"
    )
    with page.expect_navigation():
        you.click(SAVE)
    return you.inputs


@pytest.mark.browser
def test_a_typical_session_is_logged_in_at_most_twelve_inputs(
    browser: Browser, live_server: LiveServer
):
    tab = Tab(browser, **TALL_PHONE)
    page = tab.page
    try:
        sign_in(page, live_server, "volunteer")
        page.goto(live_server.url + NEW_LOG)
        fill_log(page, "Kuzuha community centre")  # an earlier session to be "the last"
        page.locator(SAVE).click()
        saved_log_id(page)
        page.goto(live_server.url + NEW_LOG)
        # The essentials, from the top of the form to the bottom of Save, within two screens.
        essentials = _essentials(page)
        assert essentials <= 2 * 844, f"the form's essentials take {essentials} px"
        controls = page.evaluate(_VISIBLE_CONTROLS, page.locator(LOG_FORM).element_handle())
        assert controls <= 30, f"{controls} open controls before Save"
        form_handle = page.locator(LOG_FORM).element_handle()
        topics = page.evaluate(_FIRST_TOPICS, form_handle)
        assert len(topics) == 3
        inputs = _record(page, topics)
        log_id = saved_log_id(page)
        assert inputs <= 12, f"{inputs} inputs"
        page.goto(f"{live_server.url}/en/volunteer/logs/{log_id}/edit")
        form = page.locator(LOG_FORM)
        for topic in topics:
            expect(form.locator(f"input[name=topic_{topic}][value=partly]")).to_be_checked()
        assert form.locator("input[name=venue]").input_value() == "Kuzuha community centre"
        assert form.locator("input[name=people_75_plus]").input_value() == "3"
        problems = tab.watcher.take("logging a session in a minute")
        assert not problems, "\n".join(problems)
    finally:
        tab.close()
