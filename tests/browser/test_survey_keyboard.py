"""The whole web survey by keyboard alone, and the error summary that takes focus."""

from urllib.parse import urlsplit

import pytest
from flask import Flask, g
from flask_babel import gettext
from playwright.sync_api import Browser, Page, expect

from outreach.i18n.locales import BY_URL_CODE
from outreach.i18n.markup import plain
from tests.support.browser.chromium import Tab
from tests.support.browser.keyboard import describe_focus, focused, tab_to
from tests.support.browser.survey_pages import (
    HOUSEHOLD,
    MAX_QUESTIONS,
    NEXT,
    SAY_YES_TO,
    answer_kind,
    first_area,
    question_id,
)
from tests.support.live import LiveServer

THANKS = "Thank you. Your answers have been sent."
START = "form[action$='/survey/start'] button"
SEND = "form[action$='/survey/submit'] button"
FIRST_RADIO = "form.question-form input[type=radio]"
_TEXT_WITHOUT_FURIGANA = """el => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll('rt').forEach(rt => rt.remove());
  return copy.textContent.trim();
}"""


def translated(app: Flask, lang: str, message: str) -> str:
    """What the site shows for `message` in `lang` (English while a translation is missing)."""
    with app.test_request_context(f"/{lang}/"):
        g.site_locale = BY_URL_CODE[lang]
        return plain(gettext(message))


def path_of(page: Page) -> str:
    """The URL's path: the error summary's #fragment is kept through later redirects."""
    return urlsplit(page.url).path


def press_enter_and_load(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _error_summary_takes_focus(page: Page) -> None:
    tab_to(page, NEXT)
    press_enter_and_load(page)
    expect(page.locator(".error-summary")).to_be_focused()
    page.keyboard.press("Tab")
    assert focused(page, ".error-summary a"), f"Tab from the summary went to {describe_focus(page)}"
    page.keyboard.press("Enter")
    expect(page.locator(FIRST_RADIO).first).to_be_focused()


def _choose(page: Page, asked: str) -> None:
    """Space on the first option (or yes); ArrowDown to a neighbourhood; type the number."""
    kind = answer_kind(page)
    if kind in ("radio", "checkbox"):
        tab_to(page, "input[name=answer]" + ("[value=yes]" if asked == SAY_YES_TO else ""))
        page.keyboard.press("Space")
        assert page.evaluate("() => document.activeElement.checked"), f"{asked}: Space did not tick"
    elif kind == "select":
        area = first_area(page)
        tab_to(page, "select[name=answer]")
        for _ in range(5):
            page.keyboard.press("ArrowDown")
            if page.evaluate("() => document.activeElement.value") == area:
                break
        assert page.evaluate("() => document.activeElement.value") == area, "ArrowDown missed"
    elif kind == "text":
        tab_to(page, "input[name=answer]")
        page.keyboard.type(HOUSEHOLD)


def _answer_every_question(page: Page) -> None:
    for _ in range(MAX_QUESTIONS):
        asked = question_id(page)
        if asked is None:
            return
        _choose(page, asked)
        tab_to(page, NEXT)
        press_enter_and_load(page)
        assert question_id(page) != asked, f"{asked} was not accepted: {page.url}"
    pytest.fail(f"still on a question after {MAX_QUESTIONS} pages")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja-easy"])
def test_survey_by_keyboard_alone(
    browser: Browser, live_server: LiveServer, route_map_app: Flask, lang: str
):
    tab = Tab(browser)
    page = tab.page
    try:
        page.goto(f"{live_server.url}/{lang}/survey/")
        tab_to(page, START)
        press_enter_and_load(page)
        assert question_id(page) == "internet_use", page.url
        _error_summary_takes_focus(page)
        _answer_every_question(page)
        assert path_of(page) == f"/{lang}/survey/check", page.url
        tab_to(page, SEND, limit=80)
        press_enter_and_load(page)
        assert path_of(page) == f"/{lang}/survey/thanks", page.url
        heading = page.locator("h1").evaluate(_TEXT_WITHOUT_FURIGANA)
        assert heading == translated(route_map_app, lang, THANKS)
        problems = tab.watcher.take(f"the survey by keyboard in {lang}")
        assert not problems, "\n".join(problems)
    finally:
        tab.close()
