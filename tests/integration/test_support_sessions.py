"""Announcing sessions, and the public list residents filter, print and subscribe to."""

from datetime import timedelta

from icalendar import Calendar
from sqlalchemy import select

from outreach.extensions import db
from outreach.models import AuditEvent
from tests.support.areas import load_tiny
from tests.support.help_sessions import SOON, announce, cancel, session_data
from tests.support.survey_walk import soup


def public_headings(client, query: str = "", lang: str = "en") -> list[str]:
    page = soup(client.get(f"/{lang}/help-sessions/{query}"))
    return [h.get_text(" ", strip=True) for h in page.select(".session-heading")]


def test_announced_session_is_public_in_japan_time(app, client, login):
    load_tiny()
    login("volunteer")
    announce(client)
    client.post("/en/logout", expect=302)
    [heading] = public_headings(client)
    day = f"{SOON:%a}, {SOON:%b} {SOON.day}, {SOON.year}"
    assert heading == f"Help desk · {day} 10:00\u202fAM–12:00\u202fPM"
    page = soup(client.get("/ja/help-sessions/"))
    card = page.select_one(".session").get_text(" ", strip=True)
    assert "e-Tax" in card and "試験町" in card and "段差" in card


def test_filters_work_without_javascript(client, login):
    load_tiny()
    login("coordinator")
    announce(client)
    announce(client, topics=["video_calls"], languages=["ne"], area_code="T002", format="class")
    later = (SOON + timedelta(days=20)).isoformat()
    announce(client, day=later, format="phone", area_code="")
    assert len(public_headings(client)) == 3
    assert len(public_headings(client, "?topic=e_tax")) == 2
    assert len(public_headings(client, "?language=ne")) == 1
    assert len(public_headings(client, "?area=T002")) == 1
    assert len(public_headings(client, f"?date_from={later}")) == 1
    assert len(public_headings(client, f"?date_to={SOON.isoformat()}")) == 2
    assert len(public_headings(client, "?topic=nonsense&date_from=not-a-date")) == 3, (
        "bad values are ignored"
    )


def test_cancelled_and_moved_sessions_say_so(client, login):
    load_tiny()
    login("volunteer")
    first = announce(client)
    second = announce(client, format="class")
    cancel(client, first)
    moved_day = (SOON + timedelta(days=1)).isoformat()
    client.post(
        f"/en/volunteer/sessions/{second.id}/edit",
        data=session_data(format="class", day=moved_day, start_time="14:00", end_time="15:30"),
        expect=302,
    )
    page = soup(client.get("/en/help-sessions/"))
    cancelled = page.select_one(".session-cancelled")
    assert cancelled.select_one(".badge-cancelled").get_text() == "Cancelled"
    moved = page.select_one(".badge-moved").get_text()
    assert f"first announced for {SOON:%a}, {SOON:%b} {SOON.day}, {SOON.year} 10:00" in moved
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "session.cancelled" in actions and "session.updated" in actions


def test_only_the_organiser_or_a_coordinator_may_change(app, client, login):
    from tests.support.accounts import signed_in

    load_tiny()
    login("volunteer")
    mine = announce(client)
    other, _ = signed_in(app, "volunteer", "other@example.jp")
    other.get(f"/en/volunteer/sessions/{mine.id}/edit", expect=403)
    cancel(other, mine, expect=403)
    coordinator, _ = signed_in(app, "coordinator", "coord@example.jp")
    coordinator.get(f"/en/volunteer/sessions/{mine.id}/edit")


def test_invalid_session_keeps_what_was_typed(client, login):
    load_tiny()
    login("volunteer")
    page = soup(
        client.post("/en/volunteer/sessions/new", data=session_data(end_time="09:00", topics=[]))
    )
    text = page.select_one(".error-summary").get_text()
    assert (
        "The end time must be after the start time." in text
        and "Choose at least one topic." in text
    )
    assert page.select_one('input[name="venue_name"]')["value"] == "Hirakata City Hall"


def test_icalendar_feed_parses_back(client, login):
    load_tiny()
    login("volunteer")
    first = announce(client)
    announce(client, format="class", languages=["pt"])
    cancel(client, first)
    response = client.get("/en/help-sessions/calendar.ics")
    assert response.mimetype == "text/calendar"
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert len(events) == 2
    by_status = {str(e["STATUS"]): e for e in events}
    cancelled = by_status["CANCELLED"]
    assert str(cancelled["SUMMARY"]) == "Cancelled: Help desk"
    start = cancelled.decoded("DTSTART")
    assert start.utcoffset() is not None and start.astimezone().hour is not None
    assert (start.hour, start.tzname()) == (1, "UTC"), "10:00 in Japan is 01:00 UTC"
    assert "Hirakata City Hall" in str(cancelled["LOCATION"])
    filtered = Calendar.from_ical(client.get("/en/help-sessions/calendar.ics?language=pt").data)
    assert len(filtered.walk("VEVENT")) == 1


def test_survey_help_page_lists_matching_sessions_first(client, login):
    from tests.support.survey_walk import submit, walk

    load_tiny()
    login("volunteer")
    announce(client, topics=["video_calls"], languages=["ja"])
    announce(client, topics=["e_tax"], languages=["vi"], format="class")
    client.post("/en/logout", expect=302)
    walk(client, "en", {"wants_help": "yes", "help_topics": ["e_tax"], "help_language": "vi"})
    submit(client)
    headings = [
        h.get_text(" ", strip=True)
        for h in soup(client.get("/en/survey/help")).select(".session-heading")
    ]
    assert headings[0].startswith("Group class"), headings


def test_cancel_clicked_twice_stays_cancelled(client, login):
    """The button says what it wants (cancel or reinstate); a second click changes nothing."""
    load_tiny()
    login("volunteer")
    session = announce(client)
    for _ in range(2):
        cancel(client, session)
    assert session.cancelled
    card = soup(client.get("/en/volunteer/sessions/")).select_one(f"#session-{session.id}")
    assert card.select_one("input[name=change]")["value"] == "reinstate"
    for _ in range(2):
        cancel(client, session, "reinstate")
    assert not session.cancelled
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions.count("session.cancelled") == 1 and actions.count("session.reinstated") == 1
    cancel(client, session, "", expect=400)
    assert not session.cancelled, "a form that does not say what it wants changes nothing"
