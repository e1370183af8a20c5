"""Sessions that repeat: one announcement, every date on the public list and in the calendar feed
(read back with icalendar); one occurrence or all that follow changed; one cancelled; volunteers
sign up to help."""

from datetime import date, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import AuditEvent, SessionHelper, SupportSession
from outreach.services.sessions import local
from tests.support.accounts import signed_in
from tests.support.areas import load_tiny
from tests.support.help_sessions import NEW, SOON, announce, cancel, form_key, session_data
from tests.support.survey_walk import soup


def series(client, repeat: str = "weekly", weeks: int = 3) -> list[SupportSession]:
    until = (SOON + timedelta(weeks=weeks)).isoformat()
    announce(client, repeat=repeat, repeat_until=until)
    return list(db.session.scalars(select(SupportSession).order_by(SupportSession.starts_at)))


def feed_events(client) -> list:
    calendar = Calendar.from_ical(client.get("/en/help-sessions/calendar.ics").data)
    return sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))


def local_days(sessions) -> list[date]:
    return [local(s.starts_at).date() for s in sessions]


def test_a_weekly_session_is_every_date_in_the_feed(app, client, login):
    load_tiny()
    login("volunteer")
    made = series(client)
    assert local_days(made) == [SOON + timedelta(weeks=w) for w in range(4)]
    assert len({s.series_id for s in made}) == 1 and made[0].series_id
    events = feed_events(client)
    assert [local(e.decoded("dtstart")).date() for e in events] == local_days(made)
    assert len({str(e["uid"]) for e in events}) == 4


def test_the_public_list_shows_each_date_of_a_series_and_the_cancelled_one(app, client, login):
    load_tiny()
    login("volunteer")
    made = series(client)
    cancel(client, made[2])
    client.post("/en/logout", expect=302)
    cards = soup(client.get("/en/help-sessions/")).select("li.session")
    assert len(cards) == 4
    shown = [c.select_one("time")["datetime"][:10] for c in cards]
    assert shown == [d.isoformat() for d in local_days(made)]
    assert ["session-cancelled" in c["class"] for c in cards] == [False, False, True, False]


def test_changing_one_occurrence_leaves_the_others(app, client, login):
    load_tiny()
    login("volunteer")
    made = series(client)
    second = made[1]
    client.post(
        f"/en/volunteer/sessions/{second.id}/edit",
        data=session_data(
            day=local(second.starts_at).date().isoformat(), venue_name="Library", scope="this"
        ),
        expect=302,
    )
    venues = db.session.scalars(
        select(SupportSession.venue_name).order_by(SupportSession.starts_at)
    ).all()
    assert venues == ["Hirakata City Hall", "Library", "Hirakata City Hall", "Hirakata City Hall"]


def test_changing_all_that_follow_moves_them_and_says_so(app, client, login):
    load_tiny()
    login("volunteer")
    made = series(client)
    third = made[2]
    next_day = (local(third.starts_at).date() + timedelta(days=1)).isoformat()
    client.post(
        f"/en/volunteer/sessions/{third.id}/edit",
        data=session_data(day=next_day, start_time="14:00", end_time="16:00", scope="following"),
        expect=302,
    )
    db.session.expire_all()
    after = list(db.session.scalars(select(SupportSession).order_by(SupportSession.starts_at)))
    assert local_days(after) == [
        SOON,
        SOON + timedelta(weeks=1),
        SOON + timedelta(weeks=2, days=1),
        SOON + timedelta(weeks=3, days=1),
    ]
    assert [local(s.starts_at).hour for s in after] == [10, 10, 14, 14]
    assert [s.moved_from is not None for s in after] == [False, False, True, True]


def test_one_cancelled_occurrence_is_cancelled_in_the_feed_and_cannot_be_edited(app, client, login):
    load_tiny()
    login("volunteer")
    made = series(client)
    cancel(client, made[1])
    statuses = [str(e["status"]) for e in feed_events(client)]
    assert statuses == ["CONFIRMED", "CANCELLED", "CONFIRMED", "CONFIRMED"]
    response = client.get(f"/en/volunteer/sessions/{made[1].id}/edit", expect=302)
    page = soup(client.get(response.headers["Location"]))
    assert "Reinstate it before you change it" in page.get_text()
    # Cancelled by someone else while the form was open: what was typed comes back, unsaved.
    typed = session_data(venue_name="Moved to the library", public_note="Bring your phone")
    edit = f"/en/volunteer/sessions/{made[1].id}/edit"
    page = soup(client.post(edit, data={**typed, "scope": "one"}, expect=200))
    assert "Reinstate it before you change it" in page.select_one(".error-summary").get_text()
    assert page.select_one("input[name=venue_name]")["value"] == "Moved to the library"
    assert page.select_one("textarea[name=public_note]").get_text().strip() == "Bring your phone"
    db.session.refresh(made[1])
    assert made[1].venue_name != "Moved to the library" and made[1].cancelled


def test_a_repeat_needs_an_end_after_the_start_within_a_year(app, client, login):
    load_tiny()
    login("volunteer")
    cases = {
        "": "Enter the date it repeats until.",
        (SOON - timedelta(days=1)).isoformat(): "The repeat must end after the first date.",
        (SOON + timedelta(days=400)).isoformat(): "Repeat for at most a year",
        "soon": "year-month-day",
    }
    for until, message in cases.items():
        page = soup(
            client.post(
                "/en/volunteer/sessions/new",
                data=session_data(repeat="monthly", repeat_until=until, venue_name="Kept hall"),
            )
        )
        assert message in page.select_one(".error-summary").get_text(), until
        assert page.select_one("input[name=venue_name]")["value"] == "Kept hall"
        assert page.select_one("input[name=repeat][value=monthly]").has_attr("checked")
    assert db.session.scalar(select(func.count(SupportSession.id))) == 0


def test_volunteers_sign_up_to_help_once(app, client, login):
    load_tiny()
    login("coordinator")
    [session] = series(client, repeat="once")
    helper, _ = signed_in(app, "volunteer", "helper@example.jp")
    page = soup(helper.get("/en/volunteer/sessions/"))
    assert "nobody has signed up yet" in page.select_one(f"#session-{session.id}").get_text()
    for _ in range(2):  # a double click
        helper.post(f"/en/volunteer/sessions/{session.id}/helpers", expect=302)
    assert db.session.scalar(select(func.count(SessionHelper.id))) == 1
    mine = soup(client.get("/en/volunteer/sessions/")).select_one(f"#session-{session.id}")
    assert "Helpers: helper" in " ".join(mine.get_text().split())
    helper.post(f"/en/volunteer/sessions/{session.id}/helpers", data={"withdraw": "1"}, expect=302)
    assert db.session.scalar(select(func.count(SessionHelper.id))) == 0


@pytest.mark.parametrize(("repeat", "dates"), [("once", 1), ("weekly", 4)])
def test_an_announcement_sent_twice_publishes_once(app, client, login, repeat, dates):
    """A double click, or back and "Save and publish" again: the form's one-time key."""
    load_tiny()
    login("coordinator")
    until = (SOON + timedelta(weeks=3)).isoformat()
    data = session_data(form_key(client), repeat=repeat, repeat_until=until)
    first = client.post(NEW, data=data, expect=302)
    again = client.post(NEW, data=data, expect=302)
    assert db.session.scalar(select(func.count(SupportSession.id))) == dates
    made = db.session.scalars(select(SupportSession).order_by(SupportSession.starts_at)).first()
    assert again.headers["Location"] == first.headers["Location"]
    assert first.headers["Location"].endswith(f"#session-{made.id}")
    notice = soup(client.get(again.headers["Location"])).select_one("main").get_text()
    assert "already published: sending the form again did not make a copy" in notice
    created = select(func.count()).where(AuditEvent.action == "session.created")
    assert db.session.scalar(created) == 1
    announce(client, repeat=repeat, repeat_until=until)  # a new form is a new announcement
    assert db.session.scalar(select(func.count(SupportSession.id))) == 2 * dates


def test_announce_form_comes_back_with_its_key(client, login):
    """The back button must restore the same key; a form with a mistake keeps it too."""
    load_tiny()
    login("volunteer")
    assert client.get(NEW).headers["Cache-Control"] == "private, no-cache"
    key = form_key(client)
    page = soup(client.post(NEW, data=session_data(key, end_time="09:00")))
    assert page.select_one("input[name=submission_key]")["value"] == key
    client.post(NEW, data=session_data(key), expect=302)
    client.post(NEW, data=session_data(key), expect=302)
    assert db.session.scalar(select(func.count(SupportSession.id))) == 1
