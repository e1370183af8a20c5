"""Session logs in a browser: a volunteer's phone, the log form, the saved page and "My logs"."""

import re

from playwright.sync_api import Browser, Page, expect

from tests.support.browser.chromium import Tab, sign_in
from tests.support.live import LiveServer

#: A small phone held upright, with touch: volunteers log sessions right after them.
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
#: The phone issue 17 measures "a log in a minute" on.
TALL_PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
NEW_LOG = "/en/volunteer/logs/new"
MY_LOGS = "/en/volunteer/logs/"
LOG_FORM = "form.log-form"
SAVE = f"{LOG_FORM} button[type=submit]"
_SAVED = re.compile(r"/en/volunteer/logs/(\d+)/saved(\?.*)?$")
_LOG_ROWS = "main table tbody tr"


def volunteer_on_phone(browser: Browser, server: LiveServer) -> Tab:
    """A phone-sized touch tab, signed in as the demo volunteer (English)."""
    tab = Tab(browser, **PHONE)
    sign_in(tab.page, server, "volunteer")
    return tab


def saved_log_id(page: Page) -> int:
    """Wait for the "Log N is saved" page; return N."""
    page.wait_for_url(_SAVED)
    number = int(_SAVED.search(page.url).group(1))
    expect(page.locator("h1")).to_have_text(f"Log {number} is saved")
    heading = page.locator("h1").inner_text().strip()
    assert heading.startswith("Log ") and heading.endswith("is saved"), heading
    return number


def logs_listed(page: Page, server: LiveServer) -> int:
    """How many logs the volunteer's "My logs" page lists."""
    page.goto(server.url + MY_LOGS)
    expect(page.locator("h1")).to_have_text("My logs")
    return page.locator(_LOG_ROWS).count()


MORE = f"{LOG_FORM} details.fold-more"


def open_more(page: Page) -> None:
    """Unfold "More details" (length, format, languages, follow-up, note) if it is folded."""
    details = page.locator(MORE)
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def tick_topic(page: Page, topic: str) -> None:
    """Tick a topic, unfolding "More topics" first when it is one of the folded ones."""
    box = page.locator(f"{LOG_FORM} input[name=topics][value={topic}]")
    if not box.is_visible():
        page.locator(f"{LOG_FORM} details.fold-topics > summary").click()
    box.check()


def choose_outcome(page: Page, topic: str, outcome: str) -> None:
    """Pick how a ticked topic ended (its choice shows only once it is ticked)."""
    page.locator(f"{LOG_FORM} input[name=topic_{topic}][value={outcome}] + label").click()


def fill_log(page: Page, venue: str, note: str = "") -> None:
    """A valid log (a class, two people over 75, one topic, Japanese) without the keyboard."""
    form = page.locator(LOG_FORM)
    form.locator("input[name=venue]").fill(venue)
    form.locator("input[name=people_75_plus]").fill("2")
    tick_topic(page, "smartphone_basics")
    open_more(page)
    form.locator("input[name=format][value=class]").check()
    form.locator("input[name=languages][value=ja]").check()
    form.locator("textarea[name=note]").fill(note)
