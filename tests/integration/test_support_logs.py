"""Session logs: from a phone in one form, exactly once, no personal details, editing windows."""

import csv
import io
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import AuditEvent, FollowUp, SessionLog
from outreach.models.base import utcnow
from outreach.services import session_logs
from tests.support.accounts import signed_in
from tests.support.areas import load_tiny
from tests.support.session_logs import log_data, new_log
from tests.support.statements import recorded
from tests.support.survey_walk import soup

#: A log as the service stores it (what the form's fields become).
STORED_LOG = {
    "session_id": None,
    "held_on": date.today(),
    "duration_minutes": 30,
    "venue": "Kuzuha community centre",
    "area_code": None,
    "format": "help_desk",
    "people_under_65": 1,
    "people_65_74": 0,
    "people_75_plus": 2,
    "people_age_unknown": 0,
    "languages": ["ja"],
    "note": "",
}


def logs() -> list[SessionLog]:
    return list(db.session.scalars(select(SessionLog)))


def test_log_is_saved_with_outcomes_and_confirmation(client, login):
    load_tiny()
    volunteer = login("volunteer")
    response = new_log(client)
    [log] = logs()
    assert response.headers["Location"] == f"/en/volunteer/logs/{log.id}/saved"
    page = soup(client.get(response.headers["Location"]))
    assert page.h1.get_text() == f"Log {log.id} is saved"
    assert (log.volunteer_id, log.people_75_plus, log.area_code) == (volunteer.id, 3, "T001")
    assert sorted((o.topic, o.outcome) for o in log.outcomes) == [
        ("e_tax", "resolved"),
        ("my_number_card", "referred"),
    ]


def test_resent_log_is_stored_once(client, login):
    load_tiny()
    login("volunteer")
    page = soup(client.get("/en/volunteer/logs/new"))
    data = log_data(page)
    first = client.post("/en/volunteer/logs/new", data=data, expect=302)
    again = client.post("/en/volunteer/logs/new", data=data, expect=302)
    assert len(logs()) == 1
    assert again.headers["Location"].endswith("/saved?again=1")
    assert first.headers["Location"] in again.headers["Location"]
    assert "did not make a copy" in client.get(again.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("Call her back on 090-1234-5678", "looks like a phone number"),
        ("his mail is taro@example.jp", "looks like an email address"),
        ("card number 1234 5678 9012", "looks like a My Number"),
        ("電話 ０７２−８４１−１２２１", "looks like a phone number"),
    ],
)
def test_personal_details_are_refused_and_input_kept(client, login, note, message):
    load_tiny()
    login("volunteer")
    page = soup(new_log(client, note=note, expect=200))
    assert message in page.select_one(".error-summary").get_text()
    assert page.select_one('textarea[name="note"]').get_text().strip() == note
    assert page.select_one('input[name="venue"]')["value"] == "Kuzuha community centre"
    assert logs() == []


def test_nobody_counted_is_refused(client, login):
    login("volunteer")
    page = soup(
        new_log(client, people_under_65="0", people_65_74="0", people_75_plus="0", expect=200)
    )
    assert "Count at least one person helped." in page.select_one(".error-summary").get_text()


def test_flagged_follow_up_joins_the_queue(app, client, login):
    load_tiny()
    login("volunteer")
    new_log(client, follow_up="y", follow_up_about="Finish the My Number renewal")
    follow_up = db.session.scalar(select(FollowUp))
    assert follow_up.summary == "Finish the My Number renewal" and follow_up.log_id == logs()[0].id
    coordinator, _ = signed_in(app, "coordinator", "coord@example.jp")
    assert "Finish the My Number renewal" in coordinator.get("/en/followups/").get_data(
        as_text=True
    )
    coordinator.post(
        f"/en/followups/{follow_up.id}/close", data={"outcome": "resolved"}, expect=302
    )
    db.session.refresh(follow_up)
    assert follow_up.closed_at is not None and follow_up.status == "done"
    assert "Finish the My Number" not in coordinator.get("/en/followups/").get_data(as_text=True)


def test_follow_up_text_is_checked_for_personal_details(client, login):
    login("volunteer")
    page = soup(new_log(client, follow_up="y", follow_up_about="call 06-1234-5678", expect=200))
    assert "looks like a phone number" in page.select_one(".error-summary").get_text()


def test_volunteers_edit_their_own_logs_within_the_window(app, client, login):
    load_tiny()
    login("volunteer")
    new_log(client)
    log = logs()[0]
    page = soup(client.get(f"/en/volunteer/logs/{log.id}/edit"))
    ticked = {i["value"] for i in page.select("input[name=topics][checked]")}
    assert ticked == {"e_tax", "my_number_card"}
    assert page.select_one("input[name=topic_my_number_card][checked]")["value"] == "referred"
    client.post(
        f"/en/volunteer/logs/{log.id}/edit", data=log_data(page, people_75_plus="4"), expect=302
    )
    db.session.refresh(log)
    assert log.people_75_plus == 4
    log.created_at = utcnow() - timedelta(days=app.config["LOG_EDIT_DAYS"] + 1)
    db.session.commit()
    response = client.get(f"/en/volunteer/logs/{log.id}/edit", expect=302)
    assert response.headers["Location"] == "/en/volunteer/logs/"
    assert "can no longer be changed" in client.get("/en/volunteer/logs/").get_data(as_text=True)


def test_other_volunteers_cannot_see_or_edit(app, client, login):
    load_tiny()
    login("volunteer")
    new_log(client)
    log = logs()[0]
    other, _ = signed_in(app, "volunteer", "other@example.jp")
    other.get(f"/en/volunteer/logs/{log.id}/edit", expect=403)
    other.get(f"/en/volunteer/logs/{log.id}/saved", expect=403)
    assert "Kuzuha" not in other.get("/en/volunteer/logs/").get_data(as_text=True)


def test_coordinator_corrections_are_audited(app, client, login):
    load_tiny()
    login("volunteer")
    new_log(client)
    log = logs()[0]
    log.created_at = utcnow() - timedelta(days=60)
    db.session.commit()
    coordinator, _ = signed_in(app, "coordinator", "coord@example.jp")
    page = soup(coordinator.get(f"/en/volunteer/logs/{log.id}/edit"))
    coordinator.post(
        f"/en/volunteer/logs/{log.id}/edit", data=log_data(page, duration_minutes="45"), expect=302
    )
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "log.corrected"))
    assert event.details["changes"]["duration_minutes"] == [90, 45]


def test_staff_see_only_totals(app, client, login):
    load_tiny()
    login("volunteer")
    new_log(client)
    new_log(client, people_under_65="4", area_code="T002")
    staff, _ = signed_in(app, "staff", "staff@example.jp")
    staff.get("/en/volunteer/logs/", expect=403)
    staff.get(f"/en/volunteer/logs/{logs()[0].id}/edit", expect=403)
    page = soup(staff.get("/en/volunteer/logs/summary"))
    month = page.select("table")[0].select("tbody tr")[0]
    cells = [c.get_text(strip=True) for c in month.find_all(["th", "td"])]
    assert cells == [date.today().strftime("%Y-%m"), "2", "15", "3.0"]
    assert "Kuzuha" not in page.get_text()


def test_csv_export_for_coordinators(app, client, login):
    load_tiny()
    login("volunteer")
    new_log(client)
    new_log(client, area_code="T002", held_on=(date.today() - timedelta(days=40)).isoformat())
    coordinator, _ = signed_in(app, "coordinator", "coord@example.jp")
    response = coordinator.get("/en/volunteer/logs/export.csv?area=T001")
    assert response.data.startswith(b"\xef\xbb\xbf"), "a BOM for Excel"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][0] == "log_id" and len(rows) == 2
    assert rows[1][rows[0].index("area_code")] == "T001"
    since = (date.today() - timedelta(days=10)).isoformat()
    recent = coordinator.get(f"/en/volunteer/logs/export.csv?from={since}").data.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(recent)))) == 2
    assert (
        db.session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action == "export.session_logs")
        )
        == 2
    )
    client.get("/en/volunteer/logs/export.csv", expect=403)


def test_csv_export_sends_as_many_statements_for_30_logs_as_for_3(app, make_user):
    """Outcomes are loaded for all logs at once, not with one query per log."""
    volunteer = make_user("volunteer")
    coordinator, _ = signed_in(app, "coordinator", "coord@example.jp")

    def export_after_adding(count: int) -> tuple[list[str], list[list[str]]]:
        for minutes in range(10, 10 + count):  # logs that differ: none is taken for a resend
            outcomes = [("e_tax", "resolved"), ("my_number_card", "referred")]
            values = {**STORED_LOG, "duration_minutes": minutes + len(logs())}
            data = session_logs.LogData(values=values, outcomes=outcomes)
            session_logs.create(data, volunteer, uuid.uuid4().hex)
        with recorded() as statements:
            body = coordinator.get("/en/volunteer/logs/export.csv").data.decode("utf-8-sig")
        return statements, list(csv.reader(io.StringIO(body)))

    few, few_rows = export_after_adding(3)
    many, many_rows = export_after_adding(27)
    assert (len(few_rows), len(many_rows)) == (1 + 3, 1 + 30)
    column = many_rows[0].index("topic_outcomes")
    assert {row[column] for row in many_rows[1:]} == {"e_tax:resolved my_number_card:referred"}
    assert many == few


def test_log_prefilled_from_a_session(client, login):
    from tests.support.help_sessions import announce

    load_tiny()
    login("volunteer")
    session = announce(client)
    page = soup(client.get(f"/en/volunteer/logs/new?session={session.id}"))
    assert page.select_one('input[name="venue"]')["value"] == "Hirakata City Hall"
    assert page.select_one('input[name="duration_minutes"]')["value"] == "120"
    client.post(
        "/en/volunteer/logs/new",
        data=log_data(page, venue="Hirakata City Hall", session_id=str(session.id)),
        expect=302,
    )
    assert logs()[0].session_id == session.id


def test_log_form_can_come_back_with_its_key(client, login):
    """The back button must restore the same one-time key, so the form is kept (not stored)."""
    login("volunteer")
    assert client.get("/en/volunteer/logs/new").headers["Cache-Control"] == "private, no-cache"
    assert client.get("/en/survey/").headers["Cache-Control"] == "no-store", (
        "residents' pages stay unstored"
    )


def test_same_log_sent_again_with_a_new_form_is_kept_once(client, login):
    load_tiny()
    login("volunteer")
    new_log(client)
    again = new_log(client)  # a fresh form (new key), the same content: the back button case
    assert len(logs()) == 1
    assert again.headers["Location"].endswith("?again=1")
    new_log(client, people_75_plus="5")
    assert len(logs()) == 2, "a different log is a new log"


def test_each_ticked_topic_ends_as_chosen_for_it_resolved_unless_changed(client, login):
    load_tiny()
    login("volunteer")
    page = soup(client.get("/en/volunteer/logs/new"))
    topics = ["e_tax", "smartphone_basics", "video_calls"]
    data = log_data(page, topics=topics, topic_smartphone_basics="partly")
    del data["topic_e_tax"]  # a ticked topic sent without an outcome keeps the default
    client.post("/en/volunteer/logs/new", data=data, expect=302)
    [log] = logs()
    assert {(o.topic, o.outcome) for o in log.outcomes} == {
        ("e_tax", "resolved"),
        ("smartphone_basics", "partly"),
        ("video_calls", "resolved"),
    }


def test_an_outcome_for_an_unticked_topic_is_not_counted(client, login):
    load_tiny()
    login("volunteer")
    new_log(
        client,
        topics=["e_tax"],
        topic_e_tax="partly",
        topic_my_number_card="referred",  # a hidden choice left on a topic not ticked
    )
    [log] = logs()
    assert [(o.topic, o.outcome) for o in log.outcomes] == [("e_tax", "partly")]


def test_each_topic_asks_its_outcome_right_after_its_box(client, login):
    """Every topic box is followed by its own outcome group (site.css hides it while unticked),
    named by the topic and the question; there is no outcome for all topics at once."""
    load_tiny()
    login("volunteer")
    form = soup(client.get("/en/volunteer/logs/new")).select_one("form.log-form")
    items = form.select(".topic-item")
    assert len(items) == 14
    for item in items:
        box = item.select_one(".choice > input[name=topics]")
        group = item.select_one("fieldset.topic-outcome")
        radios = group.select("input[type=radio]")
        assert {r["name"] for r in radios} == {f"topic_{box['value']}"}
        assert [r["value"] for r in radios if r.has_attr("checked")] == ["resolved"]
        label, legend = group["aria-labelledby"].split()
        assert form.select_one(f"#{label}").get_text() == item.select_one("label").get_text()
        assert form.select_one(f"#{legend}").get_text() == "How did it end?"
    assert not form.select("[name=outcome_all]")


def test_a_refused_log_keeps_its_topics_and_their_outcomes(client, login):
    load_tiny()
    login("volunteer")
    changes = {"topics": ["e_tax", "video_calls"], "topic_video_calls": "partly"}
    page = soup(new_log(client, 200, note="call 090-1234-5678", topic_e_tax="referred", **changes))
    assert page.select_one(".error-summary")
    form = page.select_one("form.log-form")
    assert {i["value"] for i in form.select("input[name=topics][checked]")} == {
        "e_tax",
        "video_calls",
    }
    assert form.select_one("input[name=topic_e_tax][checked]")["value"] == "referred"
    assert form.select_one("input[name=topic_video_calls][checked]")["value"] == "partly"
    assert form.select_one("input[name=topic_my_number_card][checked]")["value"] == "referred"
    assert logs() == []


def test_an_altered_outcome_is_refused_only_for_a_ticked_topic(client, login):
    load_tiny()
    login("volunteer")
    page = soup(new_log(client, topic_e_tax="not-an-outcome", expect=200))
    link = page.select_one(".error-summary a")
    assert link.get_text() == "Select one of the answers shown."
    target = page.select_one(link["href"])
    assert (target["name"], target["value"]) == ("topic_e_tax", "resolved")
    assert target.find_parent("fieldset")["aria-describedby"] == "topic_e_tax-error-1"
    assert logs() == []
    new_log(client, topic_video_calls="not-an-outcome")  # not ticked: ignored, not refused
    assert {o.topic for o in logs()[0].outcomes} == {"e_tax", "my_number_card"}


def test_same_as_my_last_session_fills_place_format_and_languages_not_people(client, login):
    load_tiny()
    login("volunteer")
    assert "Same place as my last session" not in client.get("/en/volunteer/logs/new").get_data(
        as_text=True
    )
    new_log(
        client, format="class", venue="Makino library", area_code="T002", languages=["ja", "ne"]
    )
    page = soup(client.get("/en/volunteer/logs/new"))
    assert not page.select("form.log-form select[name=area_code] option[selected]"), (
        "a fresh form names no neighbourhood, so the one below comes from the last log"
    )
    link = page.find("a", string=lambda s: s and "Same place as my last session" in s)
    assert "Makino library" in link.get_text()
    form = soup(client.get(link["href"])).select_one("form.log-form")
    assert form.select_one("input[name=venue]")["value"] == "Makino library"
    neighbourhood = form.select("select[name=area_code] option[selected]")
    assert [option["value"] for option in neighbourhood] == ["T002"]
    assert form.select_one("input[name=format][value=class]").has_attr("checked")
    checked = {i["value"] for i in form.select("input[name=languages][checked]")}
    assert checked == {"ja", "ne"}
    assert form.select_one("input[name=people_75_plus]")["value"] == "0"


def test_every_topic_is_offered_once_with_the_most_logged_unfolded(client, login):
    load_tiny()
    login("volunteer")
    for _ in range(2):
        new_log(client, topics=["video_calls"])
    [rare, *_] = logs()
    form = soup(client.get(f"/en/volunteer/logs/{rare.id}/edit")).select_one("form.log-form")
    values = [i["value"] for i in form.select("input[name=topics]")]
    assert len(values) == len(set(values)) == 14
    unfolded = form.select(".topic-choices > .choices input[name=topics]")
    assert unfolded[0]["value"] == "video_calls" and unfolded[0].has_attr("checked")
    assert len(form.select(".fold-topics input[name=topics]")) == 14 - len(unfolded)
