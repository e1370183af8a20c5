"""Consent to be contacted: optional, separate, encrypted, coordinator-only, purged."""

from datetime import timedelta

from sqlalchemy import func, inspect, select

from outreach.extensions import db
from outreach.models import AuditEvent, ContactRequest, FollowUp
from outreach.models.base import utcnow
from outreach.services import contacts
from tests.support.accounts import signed_in
from tests.support.contact import DETAILS, answer_survey
from tests.support.survey_walk import soup


def count() -> int:
    return db.session.scalar(select(func.count(ContactRequest.id)))


def test_consent_is_stored_sealed_and_apart(client):
    answer_survey(client)
    page = soup(client.post("/en/survey/contact", data=DETAILS))
    assert page.h1.get_text() == "We will contact you"
    stored = db.session.scalar(select(ContactRequest))
    assert "花子" not in stored.sealed and "072" not in stored.sealed
    assert stored.preferred_language == "vi"
    assert not inspect(ContactRequest).relationships, "no link to the answers in the schema"
    assert {fk.column.table.name for fk in ContactRequest.__table__.foreign_keys} == set()
    days = (stored.purge_after - stored.created_at).days
    assert days in (89, 90)


def test_one_request_per_survey(client):
    answer_survey(client)
    client.post("/en/survey/contact", data=DETAILS)
    client.post("/en/survey/contact", data=DETAILS)
    assert count() == 1


def test_consent_form_errors_keep_input(client):
    answer_survey(client)
    page = soup(client.post("/en/survey/contact", data={**DETAILS, "consent": "", "phone": ""}))
    text = page.select_one(".error-summary").get_text()
    assert "Tick the box to agree" in text
    assert "Enter a phone number or an address" in text
    assert page.select_one('input[name="name"]')["value"] == "枚方 花子"
    assert count() == 0


def test_contact_form_needs_a_finished_survey(client):
    assert client.get("/en/survey/contact", expect=302).headers["Location"] == "/en/survey/"


def test_consent_joins_the_follow_up_queue(app, client):
    answer_survey(client)
    client.post("/en/survey/contact", data=DETAILS)
    coordinator, _ = signed_in(app, "coordinator", "coord@example.jp")
    volunteer, helper = signed_in(app, "volunteer", "vol@example.jp")
    page = soup(coordinator.get("/en/followups/"))
    assert page.select_one(".request h2").get_text(strip=True) == "枚方 花子"
    assert "072-841-0000" in page.get_text()
    assert "枚方 花子" not in volunteer.get("/en/followups/").get_data(as_text=True), (
        "not assigned yet"
    )
    follow_up = db.session.scalar(select(FollowUp))
    coordinator.post(
        f"/en/followups/{follow_up.id}/assign", data={"volunteer": helper.id}, expect=302
    )
    assert "072-841-0000" in volunteer.get("/en/followups/").get_data(as_text=True)
    assert "followups.viewed" in db.session.scalars(select(AuditEvent.action)).all()


def test_opening_a_case_with_contact_details_is_audited(app, client):
    answer_survey(client)
    client.post("/en/survey/contact", data=DETAILS)
    coordinator, coord = signed_in(app, "coordinator", "coord@example.jp")
    follow_up = db.session.scalar(select(FollowUp))
    viewed = select(AuditEvent).where(AuditEvent.action == "followup.viewed")
    assert db.session.scalars(viewed).all() == [], (
        "nothing opened yet (the queue is audited as followups.viewed)"
    )
    page = soup(coordinator.get(f"/en/followups/{follow_up.id}"))
    assert "072-841-0000" in page.get_text()
    [event] = db.session.scalars(viewed).all()
    assert (event.actor_id, event.target_type, event.target_id) == (
        coord.id,
        "follow_up",
        str(follow_up.id),
    )


def test_closing_the_follow_up_deletes_the_contact(app, client):
    answer_survey(client)
    client.post("/en/survey/contact", data=DETAILS)
    coordinator, _ = signed_in(app, "coordinator", "coord@example.jp")
    follow_up = db.session.scalar(select(FollowUp))
    coordinator.post(
        f"/en/followups/{follow_up.id}/close", data={"outcome": "referred"}, expect=302
    )
    assert count() == 0
    db.session.refresh(follow_up)  # the case stays, without the details, to count outcomes
    assert (follow_up.contact_request_id, follow_up.outcome) == (None, "referred")
    assert follow_up.source == "survey" and follow_up.closed_at is not None
    assert "contacts.closed" in db.session.scalars(select(AuditEvent.action)).all()


def test_staff_and_admin_cannot_see_contacts(app, client):
    answer_survey(client)
    client.post("/en/survey/contact", data=DETAILS)
    for role in ("staff", "admin"):
        browser, _ = signed_in(app, role, f"{role}@example.jp")
        browser.get("/en/followups/", expect=403)


def test_details_are_purged_after_the_retention_period(client):
    answer_survey(client)
    client.post("/en/survey/contact", data=DETAILS)
    stored = db.session.scalar(select(ContactRequest))
    stored.purge_after = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert contacts.purge_expired() == 1
    assert count() == 0


def test_details_past_retention_are_not_shown_before_the_purge_runs(app, client):
    answer_survey(client)
    client.post("/en/survey/contact", data=DETAILS)
    coordinator, _ = signed_in(app, "coordinator", "coord@example.jp")
    assert "072-841-0000" in coordinator.get("/en/followups/").get_data(as_text=True)
    db.session.scalar(select(ContactRequest)).purge_after = utcnow() - timedelta(seconds=1)
    db.session.commit()
    page = coordinator.get("/en/followups/").get_data(as_text=True)
    assert "072-841-0000" not in page and "枚方 花子" not in page
    assert count() == 1, "the page only reads: `outreach purge` deletes"


def test_purge_command(app, client):
    answer_survey(client)
    client.post("/en/survey/contact", data=DETAILS)
    db.session.scalar(select(ContactRequest)).purge_after = utcnow() - timedelta(days=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "1 contact request" in result.output
    assert count() == 0
