"""The back button: pages with nothing private may stay in the browser's back/forward cache
(`private, no-cache`); pages with answers, personal details or a signed-in view are never stored."""

import pytest

from tests.support.areas import load_tiny
from tests.support.contact import answer_survey
from tests.support.survey_walk import start

KEEP = "private, no-cache"
PUBLIC_PAGES = [
    "/ja/",
    "/ja-easy/accessibility",
    "/en/language?next=/en/survey/",
    "/ja/survey/",
    "/vi/survey/resume",
    "/ko/survey/paper",
    "/pt-br/help-sessions/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_without_personal_data_may_be_kept_for_the_back_button(client, path):
    load_tiny()
    headers = client.get(path).headers
    assert headers["Cache-Control"] == KEEP
    assert "no-store" not in headers["Cache-Control"]


def test_the_start_page_may_be_kept_with_a_survey_in_progress(client):
    start(client)
    assert client.get("/en/survey/").headers["Cache-Control"] == KEEP


def test_pages_with_answers_are_never_stored(client):
    url = start(client)
    assert client.get(url).headers["Cache-Control"] == "no-store"
    answer_survey(client)
    for path in ("/en/survey/thanks", "/en/survey/help", "/en/survey/contact"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_pages_with_personal_details_are_never_stored(client, login):
    login("admin")
    assert client.get("/en/admin/users").headers["Cache-Control"] == "no-store"


def test_signed_in_visitors_get_no_stored_pages_even_public_ones(client, login):
    login("volunteer")
    for path in ("/en/", "/en/survey/"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_an_error_answer_is_not_kept(client):
    response = client.post("/en/survey/resume", data={"code": "AAAA-2222"})
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/en/no-such-page", expect=404).headers["Cache-Control"] == "no-store"
