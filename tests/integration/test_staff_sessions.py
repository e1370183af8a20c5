"""Sign-out ends a session for good: a copy of the cookie taken before sign-out, a password or
role change, or an administrator's "sign out everywhere" opens nothing afterwards. Sessions end
by themselves after 30 minutes idle or 8 hours in all; signing in again returns to the page."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from werkzeug.datastructures import MultiDict

from outreach.extensions import db
from outreach.models import AuditEvent, KeptForm, SessionLog, StaffSession
from outreach.models.base import utcnow
from outreach.services import kept_forms
from tests.support.accounts import PASSWORD
from tests.support.areas import load_tiny
from tests.support.session_logs import log_data
from tests.support.survey_walk import soup

PRIVATE = "/en/volunteer/logs/"


def copy_of(app, client):
    """A second browser holding a copy of `client`'s session cookie (a shared PC's)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def refused(browser, url: str = PRIVATE) -> str:
    response = browser.get(url, expect=302)
    assert response.headers["Location"].startswith("/en/login"), response.headers["Location"]
    return response.headers["Location"]


def test_a_copied_cookie_is_refused_after_sign_out(app, client, login):
    login("volunteer")
    thief = copy_of(app, client)
    thief.get(PRIVATE)  # the copy works while the session lasts
    client.post("/en/logout", expect=302)
    refused(thief)
    refused(thief, "/en/followups/")
    ended = db.session.scalar(select(StaffSession.end_reason))
    assert ended == "signed_out"


def test_a_copied_cookie_is_refused_after_a_password_change(app, client, login):
    login("volunteer")
    thief = copy_of(app, client)
    new = "tidal orange lantern harbour"
    data = {"current_password": PASSWORD, "new_password": new, "confirm": new}
    client.post("/en/account/password", data=data, expect=302)
    client.get(PRIVATE)  # the person who changed it carries on
    refused(thief)


def test_role_change_and_sign_out_everywhere_end_every_session(app, client, login, make_user):
    from tests.support.accounts import signed_in

    login("admin")
    volunteer_browser, volunteer = signed_in(app, "volunteer", "v@test.example.jp")
    laptop = app.test_client()
    laptop.post("/en/login", data={"email": volunteer.email, "password": PASSWORD}, expect=302)
    laptop_copy = copy_of(app, laptop)
    client.post(f"/en/admin/users/{volunteer.id}/sign-out-everywhere", expect=302)
    for browser in (volunteer_browser, laptop, laptop_copy):
        refused(browser)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "user.signed_out_everywhere")
    )
    assert event is not None and event.details == {"sessions": 2}

    coordinator_browser, coordinator = signed_in(app, "coordinator", "c@test.example.jp")
    coordinator_copy = copy_of(app, coordinator_browser)
    data = {"display_name": coordinator.display_name, "role": "volunteer", "active": "y"}
    client.post(f"/en/admin/users/{coordinator.id}", data=data, expect=302)
    refused(coordinator_copy)


def age_sessions(**ago) -> None:
    """Move every session's start and last request back in time."""
    moved = {key: utcnow() - value for key, value in ago.items()}
    db.session.execute(update(StaffSession).values(**moved))
    db.session.commit()


@pytest.mark.parametrize(
    ("ago", "message"),
    [
        ({"last_seen_at": timedelta(minutes=31)}, "after 30 minutes without activity"),
        (
            {"started_at": timedelta(hours=8, minutes=1), "last_seen_at": timedelta(minutes=0)},
            "8 hours after signing in",
        ),
    ],
)
def test_a_session_ends_by_itself_and_sign_in_returns_to_the_form(client, login, ago, message):
    user = login("volunteer")
    client.get("/en/volunteer/logs/new")
    age_sessions(**ago)
    # The form is sent after the session ended: the person signs in and comes back to it.
    sent = client.post("/en/volunteer/logs/new", data={"note": "typed"}, expect=302)
    location = sent.headers["Location"]
    assert location.startswith("/en/login?next=")
    page = client.get(location).get_data(as_text=True)
    assert message in page
    again = client.post(location, data={"email": user.email, "password": PASSWORD}, expect=302)
    assert again.headers["Location"] == "/en/login/kept"  # what was typed comes first
    kept = soup(client.get("/en/login/kept"))
    form = kept.find("form", action="/en/volunteer/logs/new")
    assert form.find("input", {"name": "note"})["value"] == "typed"
    # Sent again, the form's own checks run and show it with what was typed kept.
    shown = client.post("/en/volunteer/logs/new", data=hidden(form), expect=200)
    assert "typed" in soup(shown).find("textarea", {"name": "note"}).get_text()
    reasons = set(db.session.scalars(select(StaffSession.end_reason)))
    assert reasons == {"idle" if "minutes" in message else "too_long", None}


def hidden(form) -> MultiDict:
    return MultiDict(
        [(i["name"], i.get("value", "")) for i in form.find_all("input", type="hidden")]
    )


def test_a_log_sent_after_the_session_ended_is_saved_once_after_signing_in(app, client, login):
    load_tiny()
    user = login("volunteer")
    data = log_data(soup(client.get("/en/volunteer/logs/new")))
    data["note"] = "Tablet set up; 見守り would help"
    age_sessions(last_seen_at=timedelta(minutes=31))
    client.post("/en/volunteer/logs/new", data=data, expect=302)
    assert db.session.scalar(select(SessionLog.id)) is None
    sealed = db.session.scalar(select(KeptForm.sealed))
    assert "Tablet" not in sealed and "見守り" not in sealed  # kept sealed, not as typed
    client.post("/en/login", data={"email": user.email, "password": PASSWORD}, expect=302)
    form = soup(client.get("/en/login/kept")).find("form", action="/en/volunteer/logs/new")
    saved = client.post("/en/volunteer/logs/new", data=hidden(form), expect=302)
    assert saved.headers["Location"].endswith("/saved")
    [log] = db.session.scalars(select(SessionLog))
    assert log.note == "Tablet set up; 見守り would help" and log.volunteer_id == user.id
    client.post("/en/volunteer/logs/new", data=hidden(form), expect=302)  # sent twice
    assert db.session.scalar(select(func.count(SessionLog.id))) == 1
    assert db.session.scalar(select(KeptForm.id)) is None  # handed over, then gone


def test_a_kept_form_goes_only_to_its_own_person(app, client, login, make_user):
    login("volunteer")
    age_sessions(last_seen_at=timedelta(minutes=31))
    client.post("/en/volunteer/logs/new", data={"note": "mine"}, expect=302)
    other = make_user("volunteer", "other@test.example.jp")
    sent = client.post("/en/login", data={"email": other.email, "password": PASSWORD}, expect=302)
    assert sent.headers["Location"] == "/en/workspace"
    assert client.get("/en/login/kept", expect=302).headers["Location"] == "/en/workspace"
    assert db.session.scalar(select(func.count(KeptForm.id))) == 1  # still waiting for its owner


def test_kept_forms_are_purged_after_a_day(app, client, login):
    login("volunteer")
    age_sessions(last_seen_at=timedelta(minutes=31))
    client.post("/en/volunteer/logs/new", data={"note": "old"}, expect=302)
    earlier = utcnow() - kept_forms.KEEP_FOR - timedelta(minutes=1)
    db.session.execute(update(KeptForm).values(created_at=earlier))
    db.session.commit()
    assert kept_forms.purge_old() == 1


def test_idle_limit_is_configurable(app, client, login):
    app.config["STAFF_SESSION_IDLE_MINUTES"] = 5
    login("staff")
    client.get("/en/workspace")
    age_sessions(last_seen_at=timedelta(minutes=4))
    client.get("/en/workspace")  # within 5 minutes: still signed in (and seen again now)
    age_sessions(last_seen_at=timedelta(minutes=6))
    refused(client, "/en/workspace")
