"""Every page a volunteer or resident opens in やさしい日本語 renders furigana, never raw markup."""

from tests.support.areas import load_tiny
from tests.support.help_sessions import announce
from tests.support.session_logs import new_log
from tests.support.survey_walk import soup, submit, walk


def test_support_pages_in_easy_japanese(client, login):
    load_tiny()
    login("coordinator")
    announce(client)
    new_log(client, follow_up="y")
    for url in (
        "/ja-easy/help-sessions/",
        "/ja-easy/volunteer/sessions/",
        "/ja-easy/volunteer/logs/new",
        "/ja-easy/volunteer/logs/",
        "/ja-easy/followups/",
        "/ja-easy/volunteer/logs/summary",
        "/ja-easy/volunteer/sessions/new",
        "/ja-easy/entry/",
    ):
        page = soup(client.get(url))  # the page checker fails on raw {漢字|かんじ}
        assert page.html["lang"] == "ja"


def test_survey_pages_in_easy_japanese(client):
    load_tiny()
    walk(client, "ja-easy", {"wants_help": "yes"})
    soup(client.get("/ja-easy/survey/check"))
    submit(client, "ja-easy")
    for url in (
        "/ja-easy/survey/thanks",
        "/ja-easy/survey/help",
        "/ja-easy/survey/contact",
        "/ja-easy/survey/paper",
    ):
        soup(client.get(url))
