"""Volunteers key in paper forms and phone answers; channels and helpers are recorded."""

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import SurveyResponse
from tests.support.areas import load_tiny
from tests.support.survey_walk import soup, submit, walk


def entry_data(page, **answers) -> dict:
    data = {"submission_key": page.select_one('input[name="submission_key"]')["value"]}
    return {**data, **answers}


def test_volunteer_keys_in_a_paper_form(client, login):
    load_tiny()
    volunteer = login("volunteer")
    page = soup(client.get("/en/entry/"))
    assert len(page.select(".entry-questions > li")) == 22, "every question on one page"
    data = entry_data(
        page,
        channel="paper",
        paper_sheet="A-0001",
        q_internet_use="never",
        q_devices=["none"],
        q_wants_help="no",
        q_neighbourhood="T001",
        q_age_band="75_plus",
        q_home_connection="broadband",
    )
    response = client.post("/en/entry/", data=data, expect=302)
    assert "Saved. Sheet A-0001" in client.get(response.headers["Location"]).get_data(as_text=True)
    [stored] = db.session.scalars(select(SurveyResponse)).all()
    assert (stored.channel, stored.paper_sheet, stored.entered_by_id) == (
        "paper",
        "A-0001",
        volunteer.id,
    )
    assert (stored.area_code, stored.age_band) == ("T001", "75_plus")
    questions = {question for question, _ in stored.answers}
    assert "home_connection" not in questions, "answers to skipped questions are dropped"


def test_resent_entry_is_stored_once(client, login):
    login("volunteer")
    page = soup(client.get("/en/entry/"))
    data = entry_data(
        page, channel="phone", q_internet_use="daily", q_devices=["smartphone"], q_wants_help="no"
    )
    client.post("/en/entry/", data=data, expect=302)
    client.post("/en/entry/", data=data, expect=302)
    assert len(db.session.scalars(select(SurveyResponse)).all()) == 1


def test_duplicate_sheet_number_warns_then_accepts_confirmation(client, login):
    login("coordinator")
    for expected in (1, 1, 2):
        page = soup(client.get("/en/entry/"))
        confirm = {"confirm_duplicate": "y"} if expected == 2 else {}
        data = entry_data(
            page,
            channel="paper",
            paper_sheet="77",
            q_internet_use="daily",
            q_devices=["computer"],
            q_wants_help="no",
            **confirm,
        )
        result = soup(client.post("/en/entry/", data=data, follow_redirects=True))
        count = len(db.session.scalars(select(SurveyResponse)).all())
        assert count == expected
        if expected == 1 and result.select_one(".warning"):
            assert "Sheet 77 was entered before." in result.select_one(".warning").get_text()
            assert result.select_one('input[name="paper_sheet"]')["value"] == "77", "input kept"


def test_paper_needs_a_sheet_number(client, login):
    login("volunteer")
    page = soup(client.get("/en/entry/"))
    result = soup(
        client.post("/en/entry/", data=entry_data(page, channel="paper", q_internet_use="daily"))
    )
    assert "Enter the sheet number" in result.select_one(".error-summary").get_text()
    assert result.select_one('input[name="q_internet_use"][value="daily"]').has_attr("checked")


def test_assisted_web_survey_records_the_volunteer(client, login):
    load_tiny()
    volunteer = login("volunteer")
    response = client.post("/en/survey/start", data={"assisted": "1"}, expect=302)
    assert "/survey/q/" in response.headers["Location"]
    walk_from_started(client, response.headers["Location"])
    submit(client)
    stored = db.session.scalar(select(SurveyResponse))
    assert (stored.channel, stored.entered_by_id) == ("assisted", volunteer.id)


def walk_from_started(client, url: str) -> None:
    from tests.support.survey_walk import default_answer

    while "/q/" in url:
        url = client.post(
            url, data={**default_answer(soup(client.get(url))), "action": "next"}, expect=302
        ).headers["Location"]


def test_anonymous_start_ignores_assisted_flag(client):
    load_tiny()
    walk(client, "en")
    submit(client)
    assert db.session.scalar(select(SurveyResponse)).channel == "web"
