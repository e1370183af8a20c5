"""Every public page, in every language: a meta description in that language, and light pages
(no plotly.js, under 500 KB of gzipped JavaScript, the dashboard included)."""

import gzip
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from outreach.i18n.locales import LOCALES
from outreach.services import insights_cache, survey, synthetic, tallies
from outreach.services.area_import import import_files
from outreach.services.demo import GEOJSON, STATISTICS
from tests.support.route_access import ANON, EXPECTED

JS_BUDGET = 500 * 1024


@pytest.fixture
def city(app):
    import_files(GEOJSON, STATISTICS, synthetic=True)
    synthetic.generate(300, seed=11)
    tallies.refresh(survey.instruments())
    insights_cache.clear_cache()


def public_pages(app) -> list[str]:
    """Paths (with {lang}) of the pages anyone may open that need nothing but a language."""
    return sorted(
        rule.rule.replace("<lang>", "{lang}")
        for rule in app.url_map.iter_rules()
        if rule.arguments == {"lang"}
        and EXPECTED.get(rule.endpoint, ("", set()))[0] == "GET"
        and ANON in EXPECTED[rule.endpoint][1]
    )


def _html_pages(client, app, lang: str) -> dict[str, BeautifulSoup]:
    found = {}
    for path in public_pages(app):
        response = client.get(path.format(lang=lang), expect=range(200, 600))
        if response.status_code == 200 and response.mimetype == "text/html":
            found[path] = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return found


def test_every_public_page_describes_itself_in_its_language(client, app, city):
    english = {p: _description(page) for p, page in _html_pages(client, app, "en").items()}
    assert {"/{lang}/", "/{lang}/transparency/", "/{lang}/accessibility"} <= set(english)
    for loc in LOCALES:
        for path, page in _html_pages(client, app, loc.url_code).items():
            described = _description(page)
            assert described and "{" not in described and "<" not in described, (loc, path)
            if loc.url_code != "en":
                assert described != english[path], f"{loc.url_code} {path}: not in its language"


def _description(page: BeautifulSoup) -> str:
    [meta] = page.select('head meta[name="description"]')
    return meta["content"].strip()


@pytest.mark.parametrize("path", ["/en/transparency/", "/ja/transparency/report", "/en/insights/"])
def test_chart_pages_load_no_plotly_and_little_javascript(client, login, city, path):
    login("staff")
    page = BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")
    assert page.select("svg.chart-svg"), "the charts are in the page itself"
    sources = [s["src"] for s in page.select("script[src]")]
    assert not [s for s in sources if "plotly" in s.lower()], sources
    shipped = sum(_gzipped_size(client, src) for src in sources)
    assert shipped < JS_BUDGET, f"{path}: {shipped} bytes of gzipped JavaScript"


def _gzipped_size(client, src: str) -> int:
    parts = urlsplit(src)
    body = client.get(f"{parts.path}?{parts.query}", headers={"Accept-Encoding": "identity"}).data
    return len(gzip.compress(body))
