"""The resident survey in a browser: which question a page asks, and answering it generically."""

import re

from playwright.sync_api import Page

from outreach.instrument import load_instruments
from outreach.instrument.instrument import PREFER_NOT

INSTRUMENT = load_instruments()["digital-access"]  # the newest version, which residents answer
#: More question pages than this means the walk is going round in circles.
MAX_QUESTIONS = len(INSTRUMENT.questions) + 3
_QUESTION_PATH = re.compile(r"/survey/q/([a-z_]+)")
#: The yes/no question whose "yes" shows the help questions: answered yes to reach them.
SAY_YES_TO = "wants_help"
HOUSEHOLD = "2"
NEXT = "form.question-form button[name=action][value=next]"
SAVE = "form.question-form button[name=action][value=save]"
_KIND = """() => {
  const field = document.querySelector('form.question-form [name=answer]');
  if (!field) return null;
  return field.tagName === 'INPUT' ? field.type : field.tagName.toLowerCase();
}"""
_REAL_AREAS = (
    """(select, skip) => [...select.options].map(o => o.value).filter(v => !skip.includes(v))"""
)


def question_id(page: Page) -> str | None:
    found = _QUESTION_PATH.search(page.url)
    return found.group(1) if found else None


def answer_kind(page: Page) -> str | None:
    """radio, checkbox, text (the number question), select or textarea."""
    return page.evaluate(_KIND)


def first_area(page: Page) -> str:
    select = page.locator("form.question-form select[name=answer]")
    values = select.evaluate(_REAL_AREAS, ["", PREFER_NOT])
    assert values, "the neighbourhood list offers no neighbourhood"
    return values[0]


def answer(page: Page) -> None:
    """First option; yes to the help question; a real neighbourhood; 2 people; no comment."""
    form = page.locator("form.question-form")
    kind = answer_kind(page)
    if kind in ("radio", "checkbox"):
        value = "[value=yes]" if question_id(page) == SAY_YES_TO else ""
        form.locator(f"input[name=answer]{value}").first.check()
    elif kind == "select":
        form.locator("select[name=answer]").select_option(first_area(page))
    elif kind == "text":
        form.locator("input[name=answer]").fill(HOUSEHOLD)
    elif kind != "textarea":
        raise AssertionError(f"{page.url}: no answer field found (kind {kind!r})")


def press_and_load(page: Page, selector: str) -> None:
    page.locator(selector).click()
    page.wait_for_load_state()
