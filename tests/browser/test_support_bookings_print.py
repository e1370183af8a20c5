"""A session's bookings printed for the door: Chromium in print media shows every booking (name,
phone, place) and none of the page's buttons or inputs."""

import secrets

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser.chromium import Tab, sign_in
from tests.support.browser.pdf import A4_VIEWPORT
from tests.support.live import LiveServer

ROWS = "main table tbody tr"
#: What a printed page must not show: every control a person could press or type in.
CONTROLS = "main button, main input:not([type=hidden]), main select, main textarea"


def _book_by_phone(page: Page, name: str) -> None:
    """On the volunteer's first session of their own, book a place for a resident who called."""
    page.locator("main ul.session-list").first.get_by_role("link", name="Bookings").first.click()
    expect(page.locator("h1")).to_have_text("Bookings")
    form = page.locator("form[aria-labelledby=phone-booking-heading]")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=phone]").fill("072-841-0000")
    form.get_by_role("button", name="Book").click()
    expect(page.locator("main .notice")).to_contain_text("Booked.")


def _html(element) -> str:
    return element.evaluate("el => el.outerHTML.slice(0, 120)")


@pytest.mark.browser
def test_printed_bookings_show_the_table_without_controls(
    browser: Browser, live_server: LiveServer
):
    tab = Tab(browser, viewport=A4_VIEWPORT)
    page, name = tab.page, f"Print check {secrets.token_hex(3)}"
    try:
        sign_in(page, live_server, "volunteer")
        page.goto(f"{live_server.url}/en/volunteer/sessions/")
        _book_by_phone(page, name)
        row = page.locator(ROWS).filter(has_text=name)
        expect(row).to_have_count(1)
        screen_controls = page.locator(CONTROLS).count()
        page.emulate_media(media="print")
        expect(page.locator("main table")).to_be_visible()
        for cell in row.locator("th, td").all()[:3]:  # name, phone number, place
            expect(cell).to_be_visible()
        expect(row.locator("th")).to_have_text(name)
        shown = [_html(c) for c in page.locator(CONTROLS).all() if c.is_visible()]
        problems = tab.watcher.take("bookings page")
    finally:
        tab.close()
    assert screen_controls > 0, "the bookings page on screen has no controls to hide"
    assert not shown, f"printed with controls: {shown}"
    assert not problems, "\n".join(problems)
