"""The council briefing prints to two to four A4 pages with its map, and the public map draws
under the site's strict CSP."""

import pytest
from playwright.sync_api import Browser

from tests.support.browser.chromium import Tab
from tests.support.browser.pdf import A4_VIEWPORT, pdf_pages
from tests.support.live import LiveServer

_WIDE = """() => [...document.querySelectorAll('main *')]
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 3).map(el => el.outerHTML.slice(0, 120))"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ja", "en", "vi"])
def test_council_report_prints_to_pdf(browser: Browser, live_server: LiveServer, lang: str):
    tab = Tab(browser, viewport=A4_VIEWPORT)
    page = tab.page
    try:
        page.goto(f"{live_server.url}/{lang}/transparency/report")
        # plotly.js draws the map once the page has loaded, and keeps a picture of it for print
        # (a printed page does not show its WebGL canvas); print only after that.
        page.wait_for_selector("#risk-map + img.chart-print", state="attached", timeout=20000)
        page.emulate_media(media="print")
        drawn = page.evaluate(
            "() => { const p = document.querySelector('#risk-map + img.chart-print');"
            " return p.complete && p.naturalWidth > 0 && getComputedStyle(p).display !== 'none'; }"
        )
        pdf = page.pdf(format="A4", print_background=True)
        hidden_header = page.evaluate(
            "() => getComputedStyle(document.querySelector('.site-header')).display"
        )
        overflowing = page.evaluate(_WIDE)
        problems = tab.watcher.take(f"/{lang}/transparency/report")
    finally:
        tab.close()
    assert pdf.startswith(b"%PDF-")
    assert 2 <= pdf_pages(pdf) <= 4, f"a briefing of two to four A4 pages, not {pdf_pages(pdf)}"
    assert drawn, "the map is drawn in the printed briefing"
    assert hidden_header == "none", "print styles leave out the site navigation"
    assert not overflowing, f"cut off when printed: {overflowing}"
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_public_map_draws_without_csp_errors(browser: Browser, live_server: LiveServer):
    tab = Tab(browser, viewport={"width": 1024, "height": 900})
    page = tab.page
    try:
        page.goto(f"{live_server.url}/en/transparency/")
        page.wait_for_selector("#risk-map .main-svg, #risk-map canvas", timeout=15000)
        drawn = page.evaluate(
            "() => document.querySelectorAll('#risk-map .main-svg, #risk-map canvas').length"
        )
        focusable = page.evaluate(
            "() => [...document.querySelectorAll('#risk-map *')].filter(el => el.tabIndex >= 0).length"
        )
        problems = tab.watcher.take("/en/transparency/")
    finally:
        tab.close()
    assert drawn > 0, "the map was not drawn"
    assert focusable == 0, "nothing inside the hidden drawing takes keyboard focus"
    assert not problems, "\n".join(problems)
