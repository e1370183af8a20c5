"""Residents book a place: places left, a code to cancel, a calendar file, a waiting list that
moves up; a double click books once; two people racing for the last place get one place and one
waiting-list turn; volunteers see the bookings (audited), book by phone and tick who came."""

import threading
from datetime import timedelta

from flask import Flask
from icalendar import Calendar
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import AuditEvent, Booking, SupportSession, User
from outreach.models.base import utcnow
from outreach.services import bookings
from tests.support import two_step
from tests.support.accounts import signed_in
from tests.support.areas import load_tiny
from tests.support.help_sessions import announce
from tests.support.survey_walk import soup

PERSON = {"name": "Y. T.", "phone": "072-841-0000"}


def a_session(app: Flask, capacity: str = "2") -> SupportSession:
    load_tiny()
    volunteer, _ = signed_in(app, "volunteer", "vol@example.jp")
    return announce(volunteer, capacity=capacity, booking_required="y")


def book(client, session: SupportSession, expect: int = 302, **changes):
    url = f"/en/help-sessions/{session.id}/book"
    key = soup(client.get(url)).select_one("input[name=submission_key]")["value"]
    return client.post(url, data={"submission_key": key, **PERSON, **changes}, expect=expect)


def statuses() -> list[str]:
    return db.session.scalars(select(Booking.status).order_by(Booking.id)).all()


def test_a_place_a_code_a_calendar_file_and_cancelling(app, client):
    session = a_session(app)
    listing = soup(client.get("/en/help-sessions/"))
    assert "2 places left" in listing.select_one(".session").get_text()
    page = soup(client.get(client_follow(book(client, session))))
    assert "You have a place at this session." in page.get_text()
    code = page.select_one(".booking-code strong").get_text().replace(" ", "")
    ics = Calendar.from_ical(client.get(f"/en/help-sessions/booking/{code}/calendar.ics").data)
    assert [str(e["uid"]) for e in ics.walk("VEVENT")] == [
        f"support-session-{session.id}@localhost"
    ]
    typed = f"{code[:4].lower()} {code[4:].lower()}"  # as read out on the phone
    found = client.post("/en/help-sessions/booking", data={"code": typed}, expect=302)
    assert found.headers["Location"].endswith(f"/booking/{code}")
    client.post(f"/en/help-sessions/booking/{code}/cancel", expect=302)
    assert statuses() == ["cancelled"]
    assert db.session.scalar(select(Booking.sealed)) == ""  # nothing personal kept
    db.session.refresh(session)
    assert session.booked_count == 0


def client_follow(response) -> str:
    return response.headers["Location"]


def test_full_sessions_keep_a_waiting_list_that_moves_up(app, client):
    session = a_session(app, capacity="1")
    first = client_follow(book(client, session))
    second_page = soup(client.get(client_follow(book(client, session, name="K. S."))))
    assert "number 1 on the waiting list" in second_page.get_text()
    assert statuses() == ["booked", "waiting"]
    code = first.rsplit("/", 1)[-1].split("?")[0]
    client.post(f"/en/help-sessions/booking/{code}/cancel", expect=302)
    assert statuses() == ["cancelled", "booked"]
    db.session.refresh(session)
    assert session.booked_count == 1


def test_a_double_click_books_once(app, client):
    session = a_session(app)
    url = f"/en/help-sessions/{session.id}/book"
    key = soup(client.get(url)).select_one("input[name=submission_key]")["value"]
    for _ in range(2):
        client.post(url, data={"submission_key": key, **PERSON}, expect=302)
    assert statuses() == ["booked"]


def test_two_people_racing_for_the_last_place(app):
    session = a_session(app, capacity="1")
    barrier, made = threading.Barrier(2), []

    def race(n: int) -> None:
        with app.app_context():
            mine = db.session.get(SupportSession, session.id)
            barrier.wait()
            made.append(bookings.book(mine, bookings.Person(f"P{n}", "0728410000"), f"k{n}")[0].id)
            db.session.remove()

    threads = [threading.Thread(target=race, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    assert len(made) == 2 and sorted(statuses()) == ["booked", "waiting"]
    assert db.session.get(SupportSession, session.id).booked_count == 1


def test_bad_input_keeps_what_was_typed(app, client):
    session = a_session(app)
    page = soup(book(client, session, expect=200, name="Y. T.", phone="12-34"))
    assert "10 or 11 digits" in page.select_one(".error-summary").get_text()
    assert page.select_one("input[name=name]")["value"] == "Y. T."
    assert page.select_one("input[name=phone]")["value"] == "12-34"
    missing = client.post("/en/help-sessions/booking", data={"code": "zzzz 9999"}, expect=200)
    assert "No booking has this code" in soup(missing).get_text()
    assert soup(missing).select_one("input[name=code]")["value"] == "zzzz 9999"
    session.cancelled = True
    db.session.commit()
    url = f"/en/help-sessions/{session.id}/book"
    refused = soup(client.post(url, data={"submission_key": "k", **PERSON}, expect=409))
    assert "This session is cancelled" in refused.get_text()
    assert statuses() == []


#: Why a session that has started cannot be booked, as residents read it.
STARTED = {
    "en": "This session has already started or is over, so it cannot be booked.",
    "ja": "この相談会はすでに始まっているか終わっているため、予約できません。",
}


def test_a_session_that_has_started_cannot_be_booked_and_says_why(app, client):
    """A form opened before the session started and sent after it did: refused with the reason
    in the resident's language, and nothing booked."""
    session = a_session(app)

    def url(lang: str) -> str:
        return f"/{lang}/help-sessions/{session.id}/book"

    forms = {lang: soup(client.get(url(lang))) for lang in STARTED}
    session.starts_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    for lang, reason in STARTED.items():
        key = forms[lang].select_one("input[name=submission_key]")["value"]
        sent = client.post(url(lang), data={"submission_key": key, **PERSON}, expect=409)
        assert soup(sent).select_one("main .notice-problem").get_text(strip=True) == reason, lang
    assert statuses() == []
    opened = soup(client.get(url("en")))
    assert opened.select_one("main .notice-problem").get_text(strip=True) == STARTED["en"]
    assert opened.select_one("input[name=phone]") is None, (
        "no form to fill in for a session that cannot be booked"
    )


def test_volunteers_see_bookings_audited_book_by_phone_and_tick_who_came(app, client):
    session = a_session(app)
    book(client, session)
    organiser = app.test_client()
    two_step.sign_in(organiser, db.session.get(User, session.created_by_id))
    page = soup(organiser.get(f"/en/volunteer/sessions/{session.id}/bookings"))
    assert "072-841-0000" in page.get_text()
    assert db.session.scalar(select(func.count()).where(AuditEvent.action == "bookings.viewed"))
    key = page.select_one("input[name=submission_key]")["value"]
    organiser.post(
        f"/en/volunteer/sessions/{session.id}/bookings",
        data={"submission_key": key, "name": "Called in", "phone": "0728410001"},
        expect=302,
    )
    assert statuses() == ["booked", "booked"]
    first = db.session.scalars(select(Booking.id).order_by(Booking.id)).first()
    organiser.post(
        f"/en/volunteer/sessions/{session.id}/attendance", data={"present": [first]}, expect=302
    )
    form = soup(organiser.get(f"/en/volunteer/logs/new?session={session.id}"))
    assert form.select_one("input[name=people_age_unknown]")["value"] == "1"
    stranger, _ = signed_in(app, "volunteer", "other@example.jp")
    stranger.get(f"/en/volunteer/sessions/{session.id}/bookings", expect=403)


def test_a_phone_booking_for_a_session_that_started_keeps_what_was_typed(app, client):
    session = a_session(app)
    organiser = app.test_client()
    two_step.sign_in(organiser, db.session.get(User, session.created_by_id))
    url = f"/en/volunteer/sessions/{session.id}/bookings"
    key = soup(organiser.get(url)).select_one("input[name=submission_key]")["value"]
    session.starts_at = utcnow() - timedelta(minutes=5)  # it began while the call went on
    db.session.commit()
    typed = {"submission_key": key, "name": "Called in late", "phone": "0728410002"}
    page = soup(organiser.post(url, data=typed, expect=200))
    assert "cannot be booked" in page.select_one(".error-summary").get_text()
    assert page.select_one("input[name=name]")["value"] == "Called in late"
    assert page.select_one("input[name=phone]")["value"] == "0728410002"
    assert statuses() == []


def test_bookings_are_deleted_after_the_session(app, client):
    session = a_session(app)
    book(client, session)
    session.ends_at = utcnow() - timedelta(days=2)
    session.starts_at = session.ends_at - timedelta(hours=2)
    db.session.commit()
    assert bookings.purge_past() == 1
    assert statuses() == []
