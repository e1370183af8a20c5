"""The public session list without JavaScript: a keyboard-only language filter, print and axe."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from outreach.i18n.locales import LOCALES
from tests.support.browser.chromium import Tab, run_axe
from tests.support.browser.keyboard import tab_to
from tests.support.live import LiveServer

#: Offered by some demo sessions, not all: filtering by it must narrow the list.
LANGUAGE = "en"
LANGUAGE_SELECT = "form.filters select[name=language]"
SHOW = "form.filters button[type=submit]"
SESSION = "main li.session"
_TEXT_WITHOUT_FURIGANA = """el => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll('rt').forEach(rt => rt.remove());
  return copy.textContent;
}"""


def _filter_by_keyboard(page: Page) -> None:
    """Tab to the language list, arrow down to LANGUAGE, Tab to the button, Enter."""
    tab_to(page, LANGUAGE_SELECT)
    for _ in range(12):
        page.keyboard.press("ArrowDown")
        if page.evaluate("() => document.activeElement.value") == LANGUAGE:
            break
    expect(page.locator(LANGUAGE_SELECT)).to_have_value(LANGUAGE)
    tab_to(page, SHOW)
    with page.expect_navigation():
        page.keyboard.press("Enter")


#: The text as read in やさしい日本語 drop-downs: each ruby's reading in place of its kanji.
_TEXT_AS_READ = """el => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll('ruby').forEach(r => {
    const rt = r.querySelector('rt');
    r.replaceWith(document.createTextNode(rt ? rt.textContent : r.textContent));
  });
  return copy.textContent;
}"""


def _sessions_without(page: Page, label: str) -> list[str]:
    """Sessions listed whose text does not name the language (in kanji, or by its reading, as
    the drop-down names it in やさしい日本語)."""
    found = []
    for session in page.locator(SESSION).all():
        seen, read = session.evaluate(_TEXT_WITHOUT_FURIGANA), session.evaluate(_TEXT_AS_READ)
        if label not in seen and label not in read:
            found.append(" ".join(seen.split())[:100])
    return found


def _axe_in_a_scripted_tab(browser: Browser, axe: str, url: str) -> list[str]:
    """axe needs JavaScript (its timers never fire without it): the same URL in a second tab."""
    tab = Tab(browser)
    try:
        tab.page.goto(url)
        return run_axe(tab.page, axe, url) + tab.watcher.take(url)
    finally:
        tab.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", [locale.url_code for locale in LOCALES])
def test_filter_sessions_by_language_without_javascript(
    browser: Browser, live_server: LiveServer, axe: str, lang: str
):
    tab = Tab(browser, java_script_enabled=False)
    page = tab.page
    try:
        page.goto(f"{live_server.url}/{lang}/help-sessions/")
        total = page.locator(SESSION).count()
        option = page.locator(f"{LANGUAGE_SELECT} option[value={LANGUAGE}]")
        label = option.evaluate(_TEXT_WITHOUT_FURIGANA).strip()
        _filter_by_keyboard(page)
        query = parse_qs(urlsplit(page.url).query)
        assert query.get("language") == [LANGUAGE], f"the URL lost the filter: {page.url}"
        expect(page.locator(LANGUAGE_SELECT)).to_have_value(LANGUAGE)
        shown = page.locator(SESSION).count()
        assert 0 < shown < total, f"filtering by {LANGUAGE} showed {shown} of {total} sessions"
        assert not _sessions_without(page, label), _sessions_without(page, label)
        calendar = page.locator("main a[href*='calendar.ics']").get_attribute("href") or ""
        assert f"language={LANGUAGE}" in calendar, f"the calendar link drops the filter: {calendar}"
        page.emulate_media(media="print")
        expect(page.locator("form.filters")).to_be_hidden()
        expect(page.locator(SESSION).first).to_be_visible()
        problems = tab.watcher.take(f"filtering sessions in {lang}")
        problems += _axe_in_a_scripted_tab(browser, axe, page.url)
        assert not problems, "\n".join(problems)
    finally:
        tab.close()
