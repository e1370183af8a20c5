"""On a 390 × 844 phone, a question page shows the question, its options (up to six) and the
continue button without scrolling, in every language: measured from element positions."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page

from outreach.i18n.locales import LOCALES
from tests.support.browser.chromium import Tab
from tests.support.browser.survey_pages import (
    MAX_QUESTIONS,
    NEXT,
    answer,
    press_and_load,
    question_id,
)
from tests.support.databases import each_on_one_backend
from tests.support.live import LiveServer

PHONE = {"width": 390, "height": 844}
#: Questions with more options than this may scroll (the continue button follows the list).
MOST_OPTIONS = 6
#: The header (brand and the "Language" link) keeps to one line.
HEADER_MOST_PX = 64
START = "form[action$='/survey/start'] button"
_BOTTOMS = (
    """() => {
  const bottom = sel => { const e = document.querySelector(sel); return e ? e.getBoundingClientRect().bottom : null; };
  const top = sel => { const e = document.querySelector(sel); return e ? e.getBoundingClientRect().top : null; };
  const options = document.querySelectorAll('form.question-form .choice');
  return {
    header: bottom('header'),
    heading: top('h1'),
    lastOption: options.length ? options[options.length - 1].getBoundingClientRect().bottom : null,
    field: bottom('form.question-form [name=answer]'),
    button: bottom('"""
    + NEXT.replace("'", "\\'")
    + """'),
    options: document.querySelectorAll('form.question-form input[name=answer][type=radio], form.question-form input[name=answer][type=checkbox]').length,
    scrolled: window.scrollY,
  };
}"""
)


def _measure(page: Page, lang: str) -> list[str]:
    box = page.evaluate(_BOTTOMS)
    where = f"{lang} {question_id(page)}"
    problems = []
    if box["header"] > HEADER_MOST_PX:
        problems.append(f"{where}: the header is {box['header']:.0f} px tall")
    if box["options"] > MOST_OPTIONS:
        return problems
    if box["scrolled"] or box["heading"] < 0:
        problems.append(f"{where}: the question is not at the top of the screen")
    for name in ("lastOption", "field", "button"):
        if box[name] is not None and box[name] > PHONE["height"]:
            problems.append(f"{where}: {name} ends at {box[name]:.0f} px, below the screen")
    return problems


@pytest.mark.browser
@pytest.mark.parametrize(
    ("backend", "lang"), each_on_one_backend([locale.url_code for locale in LOCALES])
)
def test_question_options_and_continue_fit_a_phone_screen(
    browser: Browser, live_servers: Callable[[str], LiveServer], backend: str, lang: str
):
    live_server = live_servers(backend)
    tab = Tab(browser, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3)
    page, problems, measured = tab.page, [], 0
    try:
        page.goto(f"{live_server.url}/{lang}/survey/")
        press_and_load(page, START)
        for _ in range(MAX_QUESTIONS):
            if question_id(page) is None:
                break
            problems += _measure(page, lang)
            measured += 1
            answer(page)
            press_and_load(page, NEXT)
    finally:
        tab.close()
    assert measured >= 15, f"{lang}: only {measured} question pages were reached"
    assert not problems, "\n".join(problems)
