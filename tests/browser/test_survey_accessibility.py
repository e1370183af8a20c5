"""axe, 320 px reflow and a clean console on every page of the survey, errors included."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser

from outreach.i18n.locales import LOCALES
from tests.support.browser.chromium import REFLOW_VIEWPORT, Tab, reflow_problems, run_axe
from tests.support.browser.survey_pages import (
    INSTRUMENT,
    MAX_QUESTIONS,
    NEXT,
    SAVE,
    answer,
    press_and_load,
    question_id,
)
from tests.support.databases import each_on_one_backend
from tests.support.live import LiveServer

START = "form[action$='/survey/start'] button"
SEND = "form[action$='/survey/submit'] button"
SUBMIT = "main form button[type=submit]"
UNKNOWN_CODE = "AAAA-2222"
SEVERAL_NEIGHBOURHOODS = "〒573-0117"
ELSEWHERE = "100-0001"


class Audit:
    """One tab; every checked page adds its problems, asserted once at the end."""

    def __init__(self, tab: Tab, axe: str, url: str, lang: str) -> None:
        self.tab, self.page, self.axe = tab, tab.page, axe
        self.base = f"{url}/{lang}/survey"
        self.problems: list[str] = []

    def check(self, label: str) -> None:
        label = f"{self.page.url} ({label})"
        self.problems += run_axe(self.page, self.axe, label)
        self.problems += reflow_problems(self.page, label)
        self.problems += self.tab.watcher.take(label)

    def check_errors_shown(self, label: str) -> None:
        if self.page.locator(".error-summary").count() == 0:
            self.problems.append(f"{self.page.url} ({label}): no error summary was shown")
        self.check(label)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)

    def expect_path(self, path: str) -> bool:
        if self.page.url.split("?")[0] == self.base + path:
            return True
        self.problems.append(f"expected {self.base + path}, got {self.page.url}")
        return False


def _postal_codes(audit: Audit) -> None:
    """A code of two demo neighbourhoods (杉, 大字杉), then one of another city; then none."""
    postal = audit.page.locator("form.question-form input[name=postal_code]")
    postal.fill(SEVERAL_NEIGHBOURHOODS)
    press_and_load(audit.page, NEXT)
    if audit.page.locator("main .notice").count() == 0:
        audit.problems.append(f"{audit.page.url}: {SEVERAL_NEIGHBOURHOODS} offered no choice")
    audit.check("a postal code of several neighbourhoods")
    postal.fill(ELSEWHERE)
    press_and_load(audit.page, NEXT)
    audit.check_errors_shown("a postal code of another city")
    postal.fill("")


def _questions(audit: Audit) -> None:
    """From the first question to the check page: an empty required answer, then every page."""
    audit.open("/")
    press_and_load(audit.page, START)
    press_and_load(audit.page, NEXT)
    audit.check_errors_shown("first question answered with nothing")
    seen: list[str] = []
    for _ in range(MAX_QUESTIONS):
        asked = question_id(audit.page)
        if asked is None:
            missed = [q.id for q in INSTRUMENT.questions if q.id not in seen]
            if missed:
                audit.problems.append(f"these answers show every question, yet not {missed}")
            return
        seen.append(asked)
        audit.check(f"question {asked}")
        if asked == "neighbourhood":
            _postal_codes(audit)
        answer(audit.page)
        press_and_load(audit.page, NEXT)
        if question_id(audit.page) == asked:
            audit.problems.append(f"{audit.page.url}: answering {asked} did not move on")
            return
    audit.problems.append(f"still on a question after {MAX_QUESTIONS} pages")


def _after_sending(audit: Audit) -> None:
    audit.check("check your answers")
    press_and_load(audit.page, SEND)
    if audit.expect_path("/thanks"):
        audit.check("thanks")
    audit.open("/contact")
    audit.check("contact form")
    press_and_load(audit.page, SUBMIT)
    audit.check_errors_shown("contact form sent empty")
    audit.open("/help")
    audit.check("help, after answering")


def _save_resume_and_paper(audit: Audit) -> None:
    audit.open("/")
    press_and_load(audit.page, START)
    press_and_load(audit.page, SAVE)
    audit.check("saved for later")
    audit.open("/resume")
    audit.page.locator("input[name=code]").fill(UNKNOWN_CODE)
    press_and_load(audit.page, SUBMIT)
    audit.check_errors_shown("resume with an unknown code")
    audit.open("/paper")
    audit.check("paper version")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("backend", "lang"), each_on_one_backend([locale.url_code for locale in LOCALES])
)
def test_survey_pages_pass_axe_reflow_and_console(
    browser: Browser, live_servers: Callable[[str], LiveServer], axe: str, backend: str, lang: str
):
    live_server = live_servers(backend)
    tab = Tab(browser, viewport=REFLOW_VIEWPORT)
    audit = Audit(tab, axe, live_server.url, lang)
    try:
        _questions(audit)
        if audit.expect_path("/check"):
            _after_sending(audit)
        _save_resume_and_paper(audit)
    finally:
        tab.close()
    assert not audit.problems, f"{len(audit.problems)} problems:\n" + "\n".join(audit.problems)
