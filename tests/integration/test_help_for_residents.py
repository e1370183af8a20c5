"""Help as residents read it: the help line is a tap-to-call link, neighbourhood names carry
their reading in easy Japanese, dates are written the reader's way (not ISO)."""

import pytest

from tests.support.areas import load_tiny
from tests.support.help_sessions import SOON, announce
from tests.support.survey_walk import soup

TEL = 'a[href="tel:0728411221"]'
WEEKDAYS_JA = "月火水木金土日"


@pytest.mark.parametrize("path", ["/ja/", "/ja-easy/", "/en/", "/ja/survey/", "/vi/survey/"])
def test_the_help_line_is_a_tel_link_on_home_and_start_pages(client, path):
    link = soup(client.get(path)).select_one(f"main {TEL}")
    assert link is not None and link.get_text() == "072-841-1221"


@pytest.fixture
def announced(client, login):
    load_tiny()
    login("volunteer")
    session = announce(client)
    client.post("/en/logout", expect=302)
    return session


@pytest.mark.parametrize("path", ["/ja-easy/survey/help", "/ja-easy/help-sessions/"])
def test_easy_japanese_names_the_neighbourhood_with_its_reading(client, announced, path):
    card = soup(client.get(path)).select_one(".session")
    names = [ruby for ruby in card.select(".facts dd ruby") if ruby.rt.get_text() == "てすと"]
    assert names and names[0].contents[0] == "試験町"


def test_dates_are_written_for_each_language(client, announced):
    ja = f"{SOON.year}年{SOON.month}月{SOON.day}日({WEEKDAYS_JA[SOON.weekday()]})"
    english = f"{SOON:%a}, {SOON:%b} {SOON.day}, {SOON.year}"
    expected = {"ja": ja, "ja-easy": ja, "en": english, "ko": f"{SOON.year}년 {SOON.month}월"}
    for lang, day in expected.items():
        page = soup(client.get(f"/{lang}/survey/help"))
        shown = page.select_one(".session-heading time")
        for reading in shown.select("rt"):  # やさしい日本語: 年 with ねん above it
            reading.decompose()
        assert day in shown.get_text(), lang
        assert SOON.isoformat() not in shown.get_text(), f"{lang}: an ISO date"
        assert shown["datetime"] == f"{SOON.isoformat()}T10:00+09:00", "Japan time, with offset"


def test_a_venue_written_with_readings_has_furigana_only_in_easy_japanese(client, login):
    load_tiny()
    login("coordinator")
    announce(client, venue_name="{市民|しみん}センター")
    client.post("/en/logout", expect=302)
    easy = soup(client.get("/ja-easy/help-sessions/")).select_one(".session .facts dd.entered")
    assert [(r.contents[0], r.rt.get_text()) for r in easy.select("ruby")] == [("市民", "しみん")]
    for lang in ("ja", "en"):
        where = soup(client.get(f"/{lang}/help-sessions/")).select_one(".session dd.entered")
        assert where.get_text(strip=True).startswith("市民センター"), lang
        assert not where.select("ruby"), lang
    calendar = client.get("/en/help-sessions/calendar.ics").get_data(as_text=True)
    assert "LOCATION:市民センター" in calendar.replace("\r\n ", "")
