"""Follow-ups as cases: the flagging volunteer sees one at once; status, due dates, notes and an
outcome on closing, each step in the history; several per log; overdue cases first and marked;
bad input kept with a message; a second click changes nothing."""

from datetime import date, timedelta

from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import CaseEvent, FollowUp
from tests.support.accounts import signed_in
from tests.support.areas import load_tiny
from tests.support.session_logs import new_log
from tests.support.survey_walk import soup


def flagged(app, about: str = "Finish the My Number renewal"):
    """A volunteer logs a session with a follow-up; returns (volunteer client, user, case)."""
    load_tiny()
    volunteer, user = signed_in(app, "volunteer", "vol@example.jp")
    new_log(volunteer, follow_up="y", follow_up_about=about)
    return volunteer, user, db.session.scalars(select(FollowUp)).one()


def test_the_volunteer_who_flagged_it_sees_it_at_once(app):
    volunteer, user, case = flagged(app)
    assert (case.status, case.flagged_by_id, case.assigned_to_id) == ("new", user.id, None)
    queue = soup(volunteer.get("/en/followups/"))
    assert "Finish the My Number renewal" in queue.get_text()
    other, _ = signed_in(app, "volunteer", "other@example.jp")
    assert "Finish the My Number" not in other.get("/en/followups/").get_data(as_text=True)
    other.get(f"/en/followups/{case.id}", expect=403)


def test_a_case_goes_from_new_to_closed_with_its_history(app):
    volunteer, user, case = flagged(app)
    coordinator, _coord = signed_in(app, "coordinator", "coord@example.jp")
    coordinator.post(
        f"/en/followups/{case.id}/assign",
        data={"volunteer": user.id, "back": "case"},
        expect=302,
    )
    volunteer.post(f"/en/followups/{case.id}/start", expect=302)
    due = (date.today() + timedelta(days=7)).isoformat()
    volunteer.post(f"/en/followups/{case.id}/due", data={"due": due}, expect=302)
    volunteer.post(f"/en/followups/{case.id}/note", data={"note": "Called, no answer"}, expect=302)
    db.session.refresh(case)
    assert (case.status, case.due_on.isoformat()) == ("in_progress", due)
    volunteer.post(
        f"/en/followups/{case.id}/close",
        data={"outcome": "no_contact", "closing_note": "Three calls, two visits"},
        expect=302,
    )
    db.session.refresh(case)
    assert (case.status, case.outcome) == ("no_contact", "no_contact")
    kinds = db.session.scalars(select(CaseEvent.kind).order_by(CaseEvent.id)).all()
    assert kinds == ["flagged", "assigned", "started", "due", "note", "closed"]
    page = soup(coordinator.get(f"/en/followups/{case.id}")).select_one(".history").get_text()
    assert "vol: added a note" in " ".join(page.split()) and "Called, no answer" in page
    assert "coord: assigned it to vol" in " ".join(page.split())
    assert "closed it: Could not reach the person" in " ".join(page.split())


def test_closing_needs_an_outcome_and_keeps_the_note(app):
    volunteer, _, case = flagged(app)
    page = soup(
        volunteer.post(
            f"/en/followups/{case.id}/close", data={"closing_note": "Sorted at home"}, expect=400
        )
    )
    assert "Choose how the follow-up ended." in page.select_one(".error-summary").get_text()
    assert page.select_one("textarea[name=closing_note]").get_text().strip() == "Sorted at home"
    db.session.refresh(case)
    assert case.closed_at is None


def test_a_note_with_a_phone_number_is_refused_and_kept(app):
    volunteer, _, case = flagged(app)
    typed = "Her daughter: 090-1234-5678"
    page = soup(volunteer.post(f"/en/followups/{case.id}/note", data={"note": typed}, expect=400))
    assert "looks like a phone number" in page.select_one(".error-summary").get_text()
    assert page.select_one("textarea[name=note]").get_text().strip() == typed
    assert db.session.scalar(select(func.count()).where(CaseEvent.kind == "note")) == 0


def test_a_due_date_in_the_past_or_unreadable_is_refused(app):
    volunteer, _, case = flagged(app)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    for typed, message in ((yesterday, "from today on"), ("next week", "year-month-day")):
        page = soup(volunteer.post(f"/en/followups/{case.id}/due", data={"due": typed}, expect=400))
        assert message in page.select_one(".error-summary").get_text()
        assert page.select_one("input[name=due]")["value"] == typed
    db.session.refresh(case)
    assert case.due_on is None


def test_overdue_cases_come_first_and_say_so(app):
    _volunteer, _, late = flagged(app, "Late one")
    coordinator, _ = signed_in(app, "coordinator", "coord@example.jp")
    log_id = late.log_id
    coordinator.post(
        f"/en/followups/new?log={log_id}",
        data={"summary": "Second person, same session"},
        expect=302,
    )
    late.due_on = date.today() - timedelta(days=2)  # set directly: the form refuses past dates
    db.session.commit()
    queue = soup(coordinator.get("/en/followups/"))
    cards = queue.select(".request")
    assert "Late one" in cards[0].get_text() and "request-overdue" in cards[0]["class"]
    assert "Overdue since" in cards[0].select_one(".badge-overdue").get_text()
    assert "Second person, same session" in cards[1].get_text()
    assert not cards[1].select(".badge-overdue")


def test_several_follow_ups_per_log_each_once(app):
    volunteer, _, first = flagged(app)
    url = f"/en/followups/new?log={first.log_id}"
    assert soup(volunteer.get(url)).h1.get_text() == f"Add a follow-up to log {first.log_id}"
    for _ in range(2):  # a double click
        volunteer.post(url, data={"summary": "Set up the bank app"}, expect=302)
    summaries = db.session.scalars(select(FollowUp.summary).order_by(FollowUp.id)).all()
    assert summaries == ["Finish the My Number renewal", "Set up the bank app"]
    other, _ = signed_in(app, "volunteer", "other@example.jp")
    other.get(url, expect=404)  # not their log


def test_a_second_note_or_close_click_changes_nothing(app):
    volunteer, _, case = flagged(app)
    for _ in range(2):
        volunteer.post(f"/en/followups/{case.id}/note", data={"note": "Booked"}, expect=302)
        volunteer.post(f"/en/followups/{case.id}/close", data={"outcome": "resolved"}, expect=302)
    kinds = db.session.scalars(select(CaseEvent.kind).order_by(CaseEvent.id)).all()
    assert kinds == ["flagged", "note", "closed"]


def test_adding_a_follow_up_starts_from_choosing_the_log(app):
    volunteer, _, case = flagged(app)
    page = soup(volunteer.get("/en/followups/new"))
    links = [a["href"] for a in page.select("main ul a")]
    assert links == [f"/en/followups/new?log={case.log_id}"]
