"""Charts speak the reader's language: titles, axis titles, labels and month ticks of the
dashboard's charts are the page's language, not English (issue 15, item 3). Month names are
checked against Babel's own formatting of the month, not the chart code's."""

from datetime import date

from babel.dates import format_skeleton

from outreach.extensions import db
from outreach.i18n.locales import LOCALES
from outreach.services import survey, synthetic, tallies
from outreach.services.area_import import import_files
from outreach.services.demo import GEOJSON, STATISTICS
from tests.support.survey_walk import soup

OTHERS = [loc for loc in LOCALES if loc.babel != "en"]


def chart_texts(client, url_code: str) -> dict[str, list[str]]:
    page = soup(client.get(f"/{url_code}/insights/"))
    return {
        svg["aria-labelledby"].split()[0]: [t.get_text() for t in svg.find_all("text")]
        for svg in page.find_all("svg", attrs={"aria-labelledby": True})
    }


def test_dashboard_charts_are_in_the_pages_language(client, login):
    import_files(GEOJSON, STATISTICS, synthetic=True)
    synthetic.generate(300, seed=3)
    db.session.commit()
    tallies.refresh(survey.instruments())
    login("staff")
    english = chart_texts(client, "en")
    assert len(english) >= 6
    for locale in OTHERS:
        theirs = chart_texts(client, locale.url_code)
        assert set(theirs) == set(english), locale.url_code
        for chart, words in english.items():
            shown = theirs[chart]
            assert shown[0] != words[0], f"{locale.url_code} {chart}: title not translated"
            left = {w for w in words if any(c.isalpha() for c in w)} & set(shown)
            assert not left, f"{locale.url_code} {chart}: English left: {left}"
        trend = theirs["trend-title"]
        babel_locale = "ja" if locale.babel == "ja@easy" else locale.babel
        months = [format_skeleton("yMMM", date(y, m, 1), locale=babel_locale) for y, m in _months()]
        assert set(trend) & set(months), f"{locale.url_code}: no month in its own format"
        assert not [t for t in trend if "{" in t or "<" in t], "no furigana markup in the SVG"


def _months() -> list[tuple[int, int]]:
    today = date.today()
    back = [today.year * 12 + today.month - 1 - k for k in range(13)]
    return [(n // 12, n % 12 + 1) for n in back]
