"""The paper survey printed to PDF by Chromium: several A4 pages, nothing cut off at the side."""

import pytest
from playwright.sync_api import Browser

from outreach.i18n.locales import LOCALES
from tests.support.browser.chromium import Tab
from tests.support.browser.pdf import A4_VIEWPORT, pdf_pages
from tests.support.browser.survey_pages import INSTRUMENT
from tests.support.live import LiveServer

_WIDTHS = """() => ({
  scroll: document.documentElement.scrollWidth,
  client: document.documentElement.clientWidth,
  viewport: window.innerWidth,
  questions: [...document.querySelectorAll('.paper-question')].map(el => ({
    right: el.getBoundingClientRect().right, html: el.outerHTML.slice(0, 120)
  })),
})"""
_OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 3).map(el => el.outerHTML.slice(0, 120))"""


def _clipping(widths: dict, overflowing: list[str]) -> list[str]:
    problems = []
    if widths["scroll"] > widths["client"]:
        problems.append(
            f"the printed page is {widths['scroll']} px wide, more than {widths['client']} px: "
            f"{overflowing}"
        )
    problems += [
        f"a question ends at {q['right']:.0f} px, past {widths['viewport']} px: {q['html']}"
        for q in widths["questions"]
        if q["right"] > widths["viewport"]
    ]
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("lang", [locale.url_code for locale in LOCALES])
def test_paper_survey_prints_to_pdf_without_clipping(
    browser: Browser, live_server: LiveServer, lang: str
):
    tab = Tab(browser, viewport=A4_VIEWPORT)
    page = tab.page
    try:
        page.goto(f"{live_server.url}/{lang}/survey/paper")
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True)
        widths = page.evaluate(_WIDTHS)
        problems = _clipping(widths, page.evaluate(_OVERFLOWING))
        problems += tab.watcher.take(f"/{lang}/survey/paper")
    finally:
        tab.close()
    assert pdf.startswith(b"%PDF-"), "Chromium did not produce a PDF"
    assert pdf_pages(pdf) > 1, f"the paper survey printed on {pdf_pages(pdf)} page(s)"
    assert len(widths["questions"]) == len(INSTRUMENT.questions), (
        f"the paper lists {len(widths['questions'])} questions, the instrument has "
        f"{len(INSTRUMENT.questions)}"
    )
    assert not problems, "\n".join(problems)
