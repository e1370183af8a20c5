"""The council briefing prints to two to four A4 pages with its map, and the chart pages are
drawn on the server: readable under the site's strict CSP with no script at all."""

import pytest
from playwright.sync_api import Browser

from tests.support.browser.chromium import Tab, sign_in
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
        page.emulate_media(media="print")
        drawn = page.evaluate(
            "() => { const m = document.querySelector('svg#risk-map');"
            " const box = m && m.getBoundingClientRect();"
            " return !!box && box.width > 250 && box.height > 150"
            " && m.querySelectorAll('path[data-value]').length > 0; }"
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
@pytest.mark.parametrize(
    "path", ["/ja/transparency/", "/en/insights/", "/ne/insights/", "/pt-br/insights/"]
)
def test_chart_pages_on_a_phone_draw_without_scripts(
    browser: Browser, live_server: LiveServer, path: str
):
    """On a 390 px phone: every chart at least 250 px wide, nothing wider than the screen except
    inside its scrolling frame, no script, no CSP complaint."""
    tab = Tab(browser, viewport=PHONE)
    page = tab.page
    try:
        if "insights" in path:
            sign_in(page, live_server, "staff")
        page.goto(f"{live_server.url}{path}")
        widths = page.evaluate(
            "() => [...document.querySelectorAll('svg.chart-svg')]"
            ".map(s => Math.round(s.getBoundingClientRect().width))"
        )
        cut = page.evaluate(_CUT_LABELS)
        scripts = page.evaluate("() => document.scripts.length")
        overflowing = page.evaluate(_WIDE_OUTSIDE_FRAMES)
        problems = tab.watcher.take(path)
    finally:
        tab.close()
    assert widths and min(widths) >= 250, f"charts too narrow on a phone: {widths}"
    assert not cut, f"labels running out of their drawing: {cut}"
    assert scripts == 0, "chart pages need no JavaScript"
    assert not overflowing, f"wider than the phone: {overflowing}"
    assert not problems, "\n".join(problems)


PHONE = {"width": 390, "height": 844}
_WIDE_OUTSIDE_FRAMES = """() => [...document.querySelectorAll('main *')]
  .filter(el => !el.closest('.table-scroll'))
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 3).map(el => el.outerHTML.slice(0, 120))"""
#: Text inside each drawing, measured with the real fonts: every label ends inside the drawing.
_CUT_LABELS = """() => [...document.querySelectorAll('svg.chart-svg')].flatMap(svg => {
  const width = svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')]
    .filter(t => { const b = t.getBBox(); return b.x < -1 || b.x + b.width > width + 1; })
    .map(t => svg.id + ': ' + t.textContent.slice(0, 60));
}).slice(0, 5)"""
