"""Help near me: on the help page, sessions on the resident's topics come nearest first, with
how far they are from the resident's neighbourhood."""

from icalendar import Calendar

from outreach.extensions import db
from outreach.services.area_import import apply_import, plan_import
from tests.support.areas import feature, load_tiny, tiny_files
from tests.support.help_sessions import announce
from tests.support.survey_walk import soup, submit, walk

# 0.01° of longitude is 0.91 km at 34.8° N: squares about 1 km and 7.3 km east of home.
HOME, NEAR, FAR = 135.60, 135.61, 135.68


def square(west: float) -> dict:
    ring = [[west, 34.8], [west + 0.004, 34.8], [west + 0.004, 34.804], [west, 34.804]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def test_the_nearest_session_on_my_topic_comes_first(client, login):
    areas = [feature("T001", "自宅町", square(HOME)), feature("T002", "近町", square(NEAR)),
             feature("T003", "遠町", square(FAR))]  # fmt: skip
    rows = [f"T00{n},2020,Test,10,50,20,20,40,5,1" for n in (1, 2, 3)]
    apply_import(plan_import(*tiny_files(areas, rows)), synthetic=True)
    db.session.commit()
    login("volunteer")
    announce(client, area_code="T003", venue_name="Far hall", topics=["e_tax"])
    announce(client, area_code="T002", venue_name="Near hall", topics=["e_tax"])
    announce(client, area_code="T001", venue_name="Home hall", topics=["video_calls"])
    client.post("/en/logout", expect=302)
    walk(client, "en", {"wants_help": "yes", "help_topics": "e_tax", "neighbourhood": "T001"})
    submit(client)
    cards = soup(client.get("/en/survey/help")).select(".session")
    venues = [c.select_one(".entered").get_text() for c in cards]
    assert venues[:2] == ["Near hall, 大垣内町2-1-20", "Far hall, 大垣内町2-1-20"]
    assert "About 1 km from your neighbourhood" in cards[0].get_text()
    # 0.08° east at 34.8° N: 0.08 × 111.195 km × cos 34.8° = 7.30 km, shown to the half km.
    assert "About 7.5 km from your neighbourhood" in cards[1].get_text()
    assert venues[2].startswith("Home hall")  # nearest of all, but not on the topic asked


def test_the_public_list_and_feed_keep_sessions_near_a_postal_code(client, login):
    # 〒573-0001 is 田口山 and 〒573-0002 出屋敷元町 (Japan Post); 遠町 is 7 km east.
    areas = [feature("T001", "田口山", square(HOME)), feature("T002", "出屋敷元町", square(NEAR)),
             feature("T003", "遠町", square(FAR))]  # fmt: skip
    rows = [f"T00{n},2020,Test,10,50,20,20,40,5,1" for n in (1, 2, 3)]
    apply_import(plan_import(*tiny_files(areas, rows)), synthetic=True)
    db.session.commit()
    login("volunteer")
    for code, venue in (("T003", "Far hall"), ("T002", "Near hall"), ("", "By phone")):
        announce(
            client, area_code=code, venue_name=venue, format="phone" if not code else "help_desk"
        )
    client.post("/en/logout", expect=302)
    page = soup(client.get("/en/help-sessions/?near=〒５７３－０００１"))
    venues = [c.select_one("dd.entered").get_text() for c in page.select(".session")]
    assert venues == ["Near hall, 大垣内町2-1-20", "By phone, 大垣内町2-1-20"], venues
    assert "About 1 km from your neighbourhood" in page.select_one(".session").get_text()
    feed = Calendar.from_ical(client.get("/en/help-sessions/calendar.ics?near=573-0001").data)
    assert len(feed.walk("VEVENT")) == 2  # the far one left out there too


def test_a_postal_code_that_cannot_be_placed_is_said_and_kept(client, login):
    load_tiny()
    login("volunteer")
    announce(client)
    client.post("/en/logout", expect=302)
    page = soup(client.get("/en/help-sessions/?near=100-0001"))
    problem = page.select_one(".field-error").get_text()
    assert "100-0001 is not a postal code of Hirakata City" in problem
    assert page.select_one("input[name=near]")["value"] == "100-0001"
    assert len(page.select(".session")) == 1  # nothing filtered away by a code it cannot place
