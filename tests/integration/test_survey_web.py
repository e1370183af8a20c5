"""The web survey through its HTML: every language, skip logic, validation, back, exactly once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.i18n.locales import LOCALES
from outreach.models import SurveyDraft, SurveyResponse, SurveyTally
from outreach.services import survey as surveys
from tests.support.areas import load_tiny
from tests.support.statements import recorded
from tests.support.survey_walk import soup, start, submit, walk


def responses() -> list[SurveyResponse]:
    return list(db.session.scalars(select(SurveyResponse)))


def stored_answers() -> dict[str, list[str]]:
    (response,) = responses()
    return surveys.answers_of(response.id)


@pytest.mark.parametrize("loc", LOCALES, ids=lambda loc: loc.url_code)
def test_complete_survey_in_every_language(client, loc):
    load_tiny()
    asked = walk(client, loc.url_code, {"wants_help": "yes"})
    check = soup(client.get(f"/{loc.url_code}/survey/check"))
    assert len(check.select(".summary-row")) == len(asked)
    response = submit(client, loc.url_code)
    assert response.headers["Location"] == f"/{loc.url_code}/survey/thanks"
    thanks = soup(client.get(response.headers["Location"]))
    assert thanks.html["lang"] == loc.html_lang
    [stored] = responses()
    assert (stored.channel, stored.locale, stored.entered_by_id) == ("web", loc.url_code, None)
    assert stored.area_code == "T002" or stored.area_code == "T001"
    questions = {question for question, _ in stored.answers}
    assert questions == set(asked) - {"comments"}, "every answered question is stored"
    assert db.session.scalar(select(func.count(SurveyDraft.id))) == 0, "the draft is gone"


def test_translated_question_and_progress(client):
    url = start(client, "ja")
    page = soup(client.get(url))
    assert (
        page.h1.get_text() == "過去12か月間に、インターネットをどのくらいの頻度で利用しましたか。"
    )
    english = soup(client.get(url.replace("/ja/", "/en/")))
    assert english.select_one(".progress").get_text() == "Question 1 · at most 21 more questions"


def test_no_internet_skips_online_questions(client):
    load_tiny()
    asked = walk(client, "en", {"internet_use": "never", "devices": "none", "wants_help": "no"})
    assert "home_connection" not in asked and "online_city_services" not in asked
    assert "skills" not in asked and "help_topics" not in asked
    assert "barriers" in asked


def test_required_question_error_in_residents_language(client):
    url = start(client, "vi")
    page = soup(client.post(url, data={"action": "next"}))
    summary = page.select_one(".error-summary")
    assert summary is not None and summary.get("autofocus") is not None
    link = summary.select_one("a")
    assert link["href"] == "#answer-0"
    assert "Select how often" not in link.get_text(), "the message is translated"
    assert page.title.get_text().startswith("Lỗi")


def test_conflicting_choices_keep_what_was_ticked(client):
    url = start(client)
    client.post(url, data={"answer": "daily", "action": "next"}, expect=302)
    devices = url.replace("internet_use", "devices")
    page = soup(client.post(devices, data={"answer": ["smartphone", "none"], "action": "next"}))
    assert "cannot be combined" in page.select_one(".error-summary").get_text()
    ticked = {i["value"] for i in page.select('input[name="answer"][checked]')}
    assert ticked == {"smartphone", "none"}


def test_number_out_of_range_keeps_input(client):
    load_tiny()
    walk(client, "en")
    url = "/en/survey/q/household_size?from=check"
    page = soup(client.post(url, data={"answer": "99", "action": "next"}))
    assert "Enter a number from 1 to 20." in page.get_text()
    assert page.select_one('input[name="answer"]')["value"] == "99"
    response = client.post(url, data={"answer": "３", "action": "next"}, expect=302)
    assert response.headers["Location"] == "/en/survey/check", "full-width digits are accepted"


def test_back_link_keeps_answers(client):
    url = start(client)
    response = client.post(url, data={"answer": "weekly", "action": "next"}, expect=302)
    second = soup(client.get(response.headers["Location"]))
    back = second.select_one("a.back-link")["href"]
    first = soup(client.get(back))
    assert first.select_one('input[value="weekly"]').has_attr("checked")


def test_changing_an_answer_from_check_returns_to_check(client):
    load_tiny()
    walk(client, "en")
    response = client.post(
        "/en/survey/q/age_band?from=check", data={"answer": "75_plus", "action": "next"}, expect=302
    )
    assert response.headers["Location"] == "/en/survey/check"
    assert "75 or older" in client.get("/en/survey/check").get_data(as_text=True)


def test_stored_exactly_once_on_double_submit(client):
    load_tiny()
    walk(client, "en")
    first, second = submit(client), submit(client)
    assert first.headers["Location"] == second.headers["Location"] == "/en/survey/thanks"
    assert len(responses()) == 1


def test_an_expired_draft_is_not_submitted(client):
    from datetime import timedelta

    from outreach.models.base import utcnow

    load_tiny()
    walk(client, "en")
    draft = db.session.scalar(select(SurveyDraft))
    draft.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert submit(client).headers["Location"] == "/en/survey/"
    assert responses() == []
    assert db.session.scalar(select(func.count(SurveyDraft.id))) == 1, "left for the purge"


def test_hidden_answers_are_not_stored(client):
    load_tiny()
    url = start(client)
    client.post(url, data={"answer": "daily", "action": "next"}, expect=302)
    client.post(
        url.replace("internet_use", "home_connection"),
        data={"answer": "broadband", "action": "next"},
        expect=302,
    )
    client.post(url, data={"answer": "never", "action": "next"}, follow_redirects=False, expect=302)
    walk_rest = client.get("/en/survey/check")
    assert "How do you connect" not in walk_rest.get_data(as_text=True)


def test_answers_hidden_by_a_changed_answer_are_not_submitted(client):
    load_tiny()
    walk(client, "en", {"internet_use": "daily"})
    changed = client.post(
        "/en/survey/q/internet_use?from=check",
        data={"answer": "never", "action": "next"},
        expect=302,
    )
    assert changed.headers["Location"] == "/en/survey/check"
    assert submit(client).headers["Location"] == "/en/survey/thanks"
    stored = stored_answers()
    assert stored["internet_use"] == ["never"]
    assert "home_connection" not in stored and "mynaportal" not in stored


def test_a_submission_reads_the_draft_then_stores_it_and_deletes_it(client):
    """The same Core statements on SQLite and PostgreSQL, committed together: read the draft,
    store the response, delete the draft, queue the response for counting."""
    load_tiny()
    walk(client, "en")
    with recorded() as statements:
        assert submit(client).headers["Location"] == "/en/survey/thanks"
    assert statements == ["SELECT", "INSERT", "DELETE", "INSERT"]
    assert len(stored_answers()) > 10
    assert db.session.scalar(select(func.count(SurveyDraft.id))) == 0


def test_a_submission_is_counted_once_the_resident_has_their_page(client):
    """The server calls the response's close after sending it (the buffered test client does
    the same); only then are the figures brought up to date, by the submission, not a reader."""
    from outreach.services import tallies

    load_tiny()
    walk(client, "en")
    sent = client.post("/en/survey/submit", buffered=True, expect=302)
    assert sent.headers["Location"] == "/en/survey/thanks"
    assert tallies.pending() == 0
    counted = db.session.scalar(
        select(func.sum(SurveyTally.n)).where(SurveyTally.question == "", SurveyTally.month == "*")
    )
    assert counted == 1


def test_a_burst_of_submissions_is_counted_once_then_by_the_timer(app, client):
    """After a count, a worker leaves the next submissions to its next count or to the timer
    (`outreach insights refresh`), so a burst does not queue for the write lock."""
    from outreach.services import survey, tallies

    load_tiny()
    for _ in range(2):
        walk(client, "en")
        client.post("/en/survey/submit", buffered=True, expect=302)
    assert tallies.pending() == 1, "the first was counted at once, the second waits"
    assert tallies.refresh(survey.instruments()) == 1


def test_two_submissions_at_once_store_one_response(app, client):
    load_tiny()
    walk(client, "en")
    twin = app.test_client()
    twin.set_cookie("session", client.get_cookie("session").value)
    together = threading.Barrier(2)

    def send(browser):
        together.wait()
        with app.app_context():
            return submit(browser).headers["Location"]

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(send, (client, twin))) == ["/en/survey/thanks"] * 2
    assert len(responses()) == 1


def test_nothing_identifying_is_stored(client):
    load_tiny()
    marker_agent, marker_ip = "MarkerBrowser/9.9", "203.0.113.77"
    client.environ_base.update({"HTTP_USER_AGENT": marker_agent, "REMOTE_ADDR": marker_ip})
    walk(client, "en")
    submit(client)
    rows = db.session.execute(select(SurveyResponse.__table__)).all()
    text = repr(rows)
    assert marker_agent not in text and marker_ip not in text
    columns = {c.name for c in SurveyResponse.__table__.columns}
    assert not columns & {"ip", "ip_address", "user_agent", "name", "created_at"}


def test_no_draft_sends_back_to_start(client):
    response = client.get("/en/survey/q/internet_use", expect=302)
    assert response.headers["Location"] == "/en/survey/"


def test_unknown_or_skipped_question_is_not_found(client):
    url = start(client)
    client.get(url.replace("internet_use", "nope"), expect=404)
    client.get(url.replace("internet_use", "help_topics"), expect=404)
