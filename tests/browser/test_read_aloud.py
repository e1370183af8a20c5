"""Read aloud: hidden where the browser has no voice for the page's language; where it has one,
the button reads the question, in やさしい日本語 by its furigana rather than its kanji."""

import pytest
from playwright.sync_api import Browser, expect

from tests.support.browser.chromium import Tab
from tests.support.live import LiveServer

START = "form[action$='/survey/start'] button"
BUTTON = "button[data-read-aloud]"
#: A browser with one Japanese voice that records what it is asked to say.
FAKE_VOICE = """
window.__spoken = [];
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
  speaking: false,
  getVoices: () => [{lang: 'ja-JP', name: 'Test voice'}],
  speak: (u) => window.__spoken.push({text: u.text, lang: u.lang}),
  cancel: () => {},
  addEventListener: () => {}, removeEventListener: () => {},
}});
"""


def _first_question(tab: Tab, server: LiveServer, lang: str) -> None:
    tab.page.goto(f"{server.url}/{lang}/survey/")
    with tab.page.expect_navigation():
        tab.page.locator(START).click()


@pytest.mark.browser
def test_no_voice_no_button(browser: Browser, live_server: LiveServer):
    tab = Tab(browser)
    try:
        tab.page.add_init_script(
            "window.speechSynthesis && (window.speechSynthesis.getVoices = () => []);"
        )
        _first_question(tab, live_server, "ja")
        expect(tab.page.locator(BUTTON)).to_be_hidden()
        assert not tab.watcher.take("no voice")
    finally:
        tab.close()


@pytest.mark.browser
def test_easy_japanese_is_read_by_its_furigana(browser: Browser, live_server: LiveServer):
    tab = Tab(browser)
    try:
        tab.page.add_init_script(FAKE_VOICE)
        _first_question(tab, live_server, "ja-easy")
        button = tab.page.locator(BUTTON)
        expect(button).to_be_visible()
        button.click()
        [said] = tab.page.evaluate("window.__spoken")
        assert said["lang"] == "ja-JP"
        assert "つか" in said["text"] and "使" not in said["text"], said["text"]
        assert "かげつ" in said["text"]  # 12か{月|げつ}: the reading, not the kanji
        assert not tab.watcher.take("reading aloud")
    finally:
        tab.close()
