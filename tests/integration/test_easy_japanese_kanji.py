"""やさしい日本語 on every page type a resident meets: no kanji without its reading, in the text,
the drop-downs and the drawings (issue #21). Failing lists every place."""

from outreach.models import SupportSession
from outreach.services import survey
from tests.support.areas import load_tiny
from tests.support.easy_japanese import bare_kanji
from tests.support.help_sessions import announce
from tests.support.survey_walk import soup, start, submit, walk

RESIDENT_PAGES = (
    "/ja-easy/",
    "/ja-easy/accessibility",
    "/ja-easy/survey/",
    "/ja-easy/survey/thanks",
    "/ja-easy/survey/help",
    "/ja-easy/survey/contact",
    "/ja-easy/survey/paper",
    "/ja-easy/survey/resume",
    "/ja-easy/help-sessions/",
    "/ja-easy/help-sessions/booking",
    "/ja-easy/transparency/",
    "/ja-easy/transparency/method",
    "/ja-easy/transparency/report",
    "/ja-easy/transparency/data-dictionary",
)
PERSON = {"name": "Y. T.", "phone": "072-841-0000"}


def test_no_kanji_without_furigana_on_resident_pages(app, client, login):
    load_tiny()
    login("volunteer")
    session = announce(client, booking_required="y", capacity="1")
    client.post("/ja-easy/logout", expect=302)
    problems = survey_pages(client) + saved_and_resumed(app) + booking_pages(app, session)
    for url in RESIDENT_PAGES:
        problems += bare_kanji(soup(client.get(url)), url)
    missing = client.get("/ja-easy/no-such-page", expect=404)
    problems += bare_kanji(soup(missing), "404")
    assert not problems, "\n".join(problems)


def survey_pages(client) -> list[str]:
    """Every question, the check page, then the survey sent (for the pages after it)."""
    walk(client, "ja-easy", {"wants_help": "yes"})
    problems = bare_kanji(soup(client.get("/ja-easy/survey/check")), "/ja-easy/survey/check")
    for question in survey.instrument().questions:  # every question, before the answers go
        url = f"/ja-easy/survey/q/{question.id}"
        problems += bare_kanji(soup(client.get(url)), url)
    submit(client, "ja-easy")
    return problems


def saved_and_resumed(app) -> list[str]:
    """Saving for later (the page with the code), a mistyped code, and coming back with it."""
    client = app.test_client()
    url = start(client, "ja-easy")
    saved = soup(client.post(url, data={"answer": "weekly", "action": "save"}))
    problems = bare_kanji(saved, "/ja-easy/survey/q/internet_use (saved)")
    code = saved.select_one(".secret code").get_text()
    wrong = client.post("/ja-easy/survey/resume", data={"code": "ZZZZ-9999"})
    problems += bare_kanji(soup(wrong), "/ja-easy/survey/resume (wrong code)")
    back = client.post("/ja-easy/survey/resume", data={"code": code}, follow_redirects=True)
    return problems + bare_kanji(soup(back), "/ja-easy/survey/resume (back)")


def booking_pages(app, session: SupportSession) -> list[str]:
    """The form, its errors, a place, the waiting list, finding a booking and cancelling it."""
    client, url = app.test_client(), f"/ja-easy/help-sessions/{session.id}/book"
    problems = bare_kanji(soup(client.get(url)), url)
    problems += bare_kanji(soup(client.post(url, data={"name": ""})), f"{url} (errors)")
    codes = []
    for turn in ("place", "waiting list"):
        key = soup(client.get(url)).select_one("input[name=submission_key]")["value"]
        page = soup(client.post(url, data={"submission_key": key, **PERSON}, follow_redirects=True))
        problems += bare_kanji(page, f"/ja-easy/help-sessions/booking/… ({turn})")
        codes.append(page.select_one(".booking-code strong").get_text().replace(" ", ""))
    wrong = client.post("/ja-easy/help-sessions/booking", data={"code": "ZZZZ-9999"})
    problems += bare_kanji(soup(wrong), "/ja-easy/help-sessions/booking (wrong code)")
    cancel = f"/ja-easy/help-sessions/booking/{codes[0]}/cancel"
    cancelled = client.post(cancel, follow_redirects=True)
    return problems + bare_kanji(soup(cancelled), "/ja-easy/help-sessions/booking/… (cancelled)")
