"""やさしい日本語 on every page type a resident meets: no kanji without its reading, in the text,
the drop-downs and the drawings (issue #21). Failing lists every place."""

from outreach.services import survey
from tests.support.areas import load_tiny
from tests.support.easy_japanese import bare_kanji
from tests.support.help_sessions import announce
from tests.support.survey_walk import soup, submit, walk

RESIDENT_PAGES = (
    "/ja-easy/",
    "/ja-easy/accessibility",
    "/ja-easy/survey/",
    "/ja-easy/survey/thanks",
    "/ja-easy/survey/help",
    "/ja-easy/survey/contact",
    "/ja-easy/help-sessions/",
    "/ja-easy/help-sessions/booking",
    "/ja-easy/transparency/",
    "/ja-easy/transparency/method",
    "/ja-easy/transparency/report",
)


def test_no_kanji_without_furigana_on_resident_pages(app, client, login):
    load_tiny()
    login("volunteer")
    announce(client)
    client.post("/ja-easy/logout", expect=302)
    walk(client, "ja-easy", {"wants_help": "yes"})
    problems = bare_kanji(soup(client.get("/ja-easy/survey/check")), "/ja-easy/survey/check")
    for question in survey.instrument().questions:  # every question, before the answers go
        url = f"/ja-easy/survey/q/{question.id}"
        problems += bare_kanji(soup(client.get(url)), url)
    submit(client, "ja-easy")
    for url in RESIDENT_PAGES:
        problems += bare_kanji(soup(client.get(url)), url)
    missing = client.get("/ja-easy/no-such-page", expect=404)
    problems += bare_kanji(soup(missing), "404")
    assert not problems, "\n".join(problems)
