"""Stop on a shared computer and continue later with a short code, without an account."""

import re

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import SurveyDraft
from tests.support.survey_walk import soup, start


def save_for_later(client) -> str:
    url = start(client)
    client.post(url, data={"answer": "weekly", "action": "next"}, expect=302)
    devices = url.replace("internet_use", "devices")
    page = soup(client.post(devices, data={"answer": ["tablet"], "action": "save"}))
    return page.select_one(".secret code").get_text()


def test_save_gives_a_code_and_forgets_this_computer(client):
    code = save_for_later(client)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    response = client.get("/en/survey/q/internet_use", expect=302)
    assert response.headers["Location"] == "/en/survey/", "the next person does not see the answers"


def test_resume_on_another_computer(app, client):
    code = save_for_later(client)
    other = app.test_client()
    typed = code.lower().replace("-", " ")
    response = other.post("/en/survey/resume", data={"code": typed}, expect=302)
    assert response.headers["Location"] == "/en/survey/q/home_connection", (
        "continues where they left"
    )
    back = soup(other.get("/en/survey/q/devices"))
    assert back.select_one('input[value="tablet"]').has_attr("checked")


def test_code_works_once(app, client):
    code = save_for_later(client)
    app.test_client().post("/en/survey/resume", data={"code": code}, expect=302)
    page = soup(app.test_client().post("/en/survey/resume", data={"code": code}))
    assert "This code was not found" in page.select_one(".error-summary").get_text()


def test_wrong_code_keeps_what_was_typed(client):
    page = soup(client.post("/ko/survey/resume", data={"code": "ZZZZ-9999"}))
    assert page.select_one('input[name="code"]')["value"] == "ZZZZ-9999"
    assert page.select_one(".error-summary") is not None


def test_expired_drafts_are_purged(app, client):
    from datetime import timedelta

    from outreach.models.base import utcnow
    from outreach.services import survey

    save_for_later(client)
    draft = db.session.scalar(select(SurveyDraft))
    draft.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert survey.purge_expired_drafts() == 1
    assert db.session.scalar(select(SurveyDraft)) is None
