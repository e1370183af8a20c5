"""The database out of reach for a moment: a clear "not saved, try again" page that keeps
everything the visitor sent, nothing half-saved, and trying again stores it exactly once."""

import gc
import warnings

import pytest
from sqlalchemy import create_engine, func, select, text

from outreach.extensions import db
from outreach.models import SessionLog, SurveyDraft, SurveyResponse
from tests.support import survey_walk
from tests.support.areas import load_tiny
from tests.support.session_logs import log_data
from tests.support.statements import failing
from tests.support.survey_walk import soup


def kept_fields(page) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for hidden in page.select('main form[method="post"] input[type="hidden"]'):
        fields.setdefault(hidden["name"], []).append(hidden["value"])
    return fields


def try_again(client, response):
    page = soup(response)
    form = page.select_one('main form[method="post"]')
    # What was kept, sent again: now it is saved, and the visitor is sent on.
    return client.post(form["action"], data=kept_fields(page), csrf=False, expect=302)


def test_an_answer_not_saved_is_kept_and_saved_on_try_again(client):
    url = survey_walk.start(client, "ja")
    with failing("UPDATE", "INSERT"):
        response = client.post(url, data={"answer": "weekly", "action": "next"}, expect=503)
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    page = soup(response)
    assert "Not saved" not in page.get_text()  # in the resident's language
    assert kept_fields(page)["answer"] == ["weekly"]
    assert kept_fields(page)["action"] == ["next"]
    assert db.session.scalar(select(SurveyDraft.answers)) == {}

    again = try_again(client, response)
    assert again.status_code == 302
    assert "/q/" in again.headers["Location"]
    assert db.session.scalar(select(SurveyDraft.answers)) == {
        survey_walk.question_id(url): ["weekly"]
    }


def test_a_survey_not_submitted_is_stored_once_on_try_again(client):
    load_tiny()
    survey_walk.walk(client)
    with failing("INSERT"):
        response = survey_walk.submit(client, expect=503)
    assert response.status_code == 503
    assert "Try again" in soup(response).get_text()
    assert db.session.scalar(select(func.count(SurveyResponse.id))) == 0

    assert try_again(client, response).headers["Location"].endswith("/survey/thanks")
    # A second press of the same button (or the browser's retry) changes nothing.
    assert try_again(client, response).headers["Location"].endswith("/survey/thanks")
    assert db.session.scalar(select(func.count(SurveyResponse.id))) == 1


def test_a_session_log_not_saved_keeps_every_entry(client, login):
    load_tiny()
    login("volunteer")
    data = log_data(soup(client.get("/vi/volunteer/logs/new")), note="Mang theo tài liệu in")
    with failing("INSERT"):
        response = client.post("/vi/volunteer/logs/new", data=data, expect=503)
    assert response.status_code == 503
    kept = kept_fields(soup(response))
    assert kept["note"] == ["Mang theo tài liệu in"]
    assert kept["languages"] == ["ja", "vi"]
    assert kept["submission_key"] == [data["submission_key"]]
    assert db.session.scalar(select(func.count(SessionLog.id))) == 0

    assert try_again(client, response).status_code == 302
    again = try_again(client, response)
    assert again.status_code == 302, again.get_data(as_text=True)
    assert db.session.scalar(select(func.count(SessionLog.id))) == 1


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_page_read_while_the_database_is_away_offers_to_try_again(client, lang):
    survey_walk.start(client, lang)
    with failing("SELECT"):
        response = client.get(f"/{lang}/survey/check", expect=503)
    assert response.status_code == 503
    link = soup(response).select_one("main a.button")
    assert link["href"] == f"/{lang}/survey/check"
    client.get(link["href"])


def test_a_signed_in_page_read_while_the_database_is_away_is_shown_as_to_a_visitor(client, login):
    """Loading the signed-in user needs the database too: the page is made without it, and the
    sign-in is kept for the next request."""
    login("volunteer")
    with failing("SELECT"):
        response = client.get("/en/volunteer/logs/", expect=503)
    page = soup(response)
    assert page.select_one(".site-footer a[href$='/login']")
    assert not page.select_one(".account-nav")
    assert client.get("/en/volunteer/logs/").status_code == 200


def test_passwords_are_never_written_back_into_the_page(client, make_user):
    make_user("volunteer", email="v@example.org")
    with failing("SELECT"):
        response = client.post(
            "/en/login",
            data={"email": "v@example.org", "password": "a long test passphrase"},
            expect=503,
        )
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert "a long test passphrase" not in body
    assert 'value="v@example.org"' in body


def test_the_health_check_tells_the_load_balancer_when_the_database_is_away(client):
    client.get("/healthz")
    with failing("SELECT"):
        client.get("/healthz", expect=503)


def test_a_connection_closed_by_the_server_after_the_page_is_made_is_no_error(tmp_path):
    """A PostgreSQL restart between the last query and the end of the request (the session's
    closing ROLLBACK fails) must not turn a finished page into a 500."""
    from outreach import create_app
    from tests.support.databases import fresh_database

    with fresh_database("postgresql", tmp_path) as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
        with warnings.catch_warnings():
            # SQLAlchemy drops the dead connection without close(); psycopg says so when it is
            # collected. That is the behaviour under test, not a leak of ours.
            warnings.simplefilter("ignore", ResourceWarning)
            with app.app_context():
                backend = db.session.scalar(text("SELECT pg_backend_pid()"))
                killer = create_engine(url, isolation_level="AUTOCOMMIT")
                with killer.connect() as conn:
                    conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
                killer.dispose()
            # The app context ended without an exception; the next one gets a live connection.
            with app.app_context():
                assert db.session.scalar(text("SELECT 1")) == 1
                db.session.remove()
                db.engine.dispose()
            del app
            gc.collect()
