"""Bad input from browsers and scripts: too large, not a form, broken multipart, invalid UTF-8,
control characters, bidi overrides, markup. Either refused with a page in the reader's language,
or stored cleaned and shown inert; never a server error."""

import json
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale, gettext
from sqlalchemy import select

from outreach.errors import CSRF_MESSAGE, MESSAGES
from outreach.extensions import db
from outreach.i18n.locales import BY_URL_CODE
from outreach.models import FollowUp, SessionLog, SurveyDraft, User
from outreach.services.area_import import ImportProblem, apply_import, plan_import
from tests.support.accounts import PASSWORD
from tests.support.areas import HEADER, feature, load_tiny
from tests.support.session_logs import log_data, new_log
from tests.support.survey_walk import soup, start, walk

TWO_MEGABYTES = 2 * 1024 * 1024
MARKUP = "<script>alert(1)</script>"
LIVE = ("<script>alert(1)", "<img src=x")


def in_language(lang: str, message) -> str:
    with force_locale(BY_URL_CODE[lang].babel):
        return str(message)


def assert_error_page(response, status: int, lang: str, title) -> None:
    assert response.status_code == status
    page = soup(response)
    assert page.html["lang"] == BY_URL_CODE[lang].html_lang
    assert page.h1.get_text(strip=True) == in_language(lang, title)


def assert_inert(response) -> None:
    html = response.get_data(as_text=True)
    assert not any(live in html for live in LIVE), "markup from data is live on the page"


# Too large ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "vi"])
def test_oversized_form_gets_a_page_in_the_readers_language(client, lang):
    response = client.post(f"/{lang}/login", data={"email": "x" * TWO_MEGABYTES}, expect=413)
    assert_error_page(response, 413, lang, MESSAGES[413][0])


def test_oversized_upload_gets_the_same_page(client):
    body = b"--b\r\nContent-Disposition: form-data; name=f; filename=a.csv\r\n\r\n"
    response = client.post(
        "/ja/login",
        data=body + b"x" * TWO_MEGABYTES + b"\r\n--b--\r\n",
        content_type="multipart/form-data; boundary=b",
        expect=413,
    )
    assert_error_page(response, 413, "ja", MESSAGES[413][0])


# Not a form -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"email": {"a": 1}, "password": 5}'),
        ("application/json", b"[1, 2"),
        ("text/plain", b"email=a@example.jp\r\npassword=x"),
        ("application/xml", b"<login/>"),
    ],
)
def test_bodies_that_are_not_forms_are_refused_kindly(client, make_user, content_type, body):
    user = make_user()
    response = client.post(
        "/vi/login",
        data=body,
        content_type=content_type,
        headers={"X-CSRFToken": client.csrf_token()},
        expect=415,
    )
    assert_error_page(response, 415, "vi", MESSAGES[400][0])
    assert user.last_login_at is None


# Broken multipart -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name="),
        ("multipart/form-data; boundary=x", b"--x\r\nno headers at all\r\n\r\n--x--\r\n"),
        ("multipart/form-data; boundary=x", b"garbage without any boundary"),
        ("multipart/form-data; boundary=" + "x" * 300, b"--" + b"x" * 300),
    ],
)
def test_broken_multipart_is_a_page_not_an_error(client, content_type, body):
    response = client.post("/ja/login", data=body, content_type=content_type, expect=400)
    # The CSRF token cannot be read from a broken body: the "form expired" page says what to do.
    assert_error_page(response, 400, "ja", CSRF_MESSAGE[0])


def test_multipart_forms_work_and_are_cleaned(client, make_user):
    user = make_user()
    client.post(
        "/en/login",
        data={"email": user.email.upper() + "\x00", "password": PASSWORD},
        content_type="multipart/form-data",
        expect=302,
    )


# Invalid UTF-8 --------------------------------------------------------------------------------


def post_raw(client, body: bytes, expect: int = 200):
    return client.post(
        "/ja/login",
        data=b"csrf_token=" + client.csrf_token().encode() + b"&" + body,
        content_type="application/x-www-form-urlencoded",
        expect=expect,
    )


def test_invalid_utf8_in_a_form_is_answered_with_the_form(client):
    response = post_raw(client, b"email=%FF%FE&password=%C3%28")
    assert soup(response).select_one(".error-summary")


def test_a_form_body_that_is_not_utf8_at_all_is_the_expired_form_page(client):
    # Browsers percent-encode; raw bytes come from scripts, and nothing of the body can be read.
    response = post_raw(client, b"email=\xff\xfe&password=\xc3(", expect=400)
    assert_error_page(response, 400, "ja", CSRF_MESSAGE[0])


def test_invalid_utf8_in_query_strings_is_ignored(client):
    load_tiny()
    client.get("/ja/help-sessions/?area=%FF&topic=%C3%28&date_from=%FE")
    client.get("/ja/help-sessions/", environ_overrides={"QUERY_STRING": "area=\xff\xfe"})


@pytest.mark.parametrize("path", ["/ja/areas/%FF%FE", "/ja/areas/T0%C3%28", "/%FF%FE/areas/"])
def test_invalid_utf8_in_paths_is_not_found(client, login, path):
    load_tiny()
    login("staff")
    client.get("/ja/")  # a path without a language is answered in the remembered one
    assert_error_page(client.get(path, expect=404), 404, "ja", MESSAGES[404][0])


# Control characters and numbers too large in URLs ---------------------------------------------


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("staff", "/ja/areas/T0%0001"),
        ("staff", "/ja/areas/T001%1B"),
        ("anonymous", "/ja/survey/q/internet_use%00"),
        ("admin", "/ja/admin/users/99999999999999999999"),
        ("volunteer", "/ja/volunteer/logs/99999999999999999999/edit"),
        ("volunteer", "/ja/volunteer/sessions/2147483648/edit"),
    ],
)
def test_urls_no_row_can_match_are_not_found(client, login, role, path):
    load_tiny()
    if role != "anonymous":
        login(role)
    client.get("/ja/")  # a URL that matches no route is answered in the remembered language
    assert_error_page(client.get(path, expect=404), 404, "ja", MESSAGES[404][0])


def test_unusual_http_errors_get_a_page_with_their_own_status(client):
    from outreach.static_files import static_url

    with client.application.test_request_context():
        url = static_url("css/site.css")
    response = client.get(url, headers={"Range": "bytes=99999999-"}, expect=416)
    assert_error_page(response, 416, "ja", MESSAGES[400][0])


# Query values that used to steer url_for or the database ---------------------------------------


STEERING = "endpoint=x&_external=1&_scheme=javascript&_anchor=y&_method=POST"


def test_query_names_stay_query_values_in_the_language_switcher(client):
    page = soup(client.get(f"/en/?{STEERING}"))
    languages = soup(client.get(page.select_one("header a.language-link")["href"]))
    links = [a["href"] for a in languages.select(".lang-switcher a")]
    assert all(link.startswith("/") and "endpoint=x" in link for link in links), links


def test_query_names_do_not_reach_download_links(client, login):
    load_tiny()
    calendar = soup(client.get(f"/en/help-sessions/?area=T001&{STEERING}"))
    assert calendar.select_one('a[href$="calendar.ics?area=T001"]')
    login("coordinator")
    logs = soup(client.get(f"/en/volunteer/logs/?area=T001&{STEERING}"))
    assert logs.select_one('a[href="/en/volunteer/logs/export.csv?area=T001"]')
    dashboard = soup(client.get(f"/en/insights/?layer=score&{STEERING}"))
    exports = [a["href"] for a in dashboard.select('a[href*="/export."]')]
    assert exports and all(href.startswith("/en/insights/export.") for href in exports)


@pytest.mark.parametrize("page", ["99999999999999999999999", "-5", "0", "٣", "²"])
def test_audit_log_pages_out_of_range(client, login, page):
    login("admin")
    client.get(f"/en/admin/audit?page={page}")


def test_assigning_a_follow_up_to_an_impossible_volunteer(client, login):
    load_tiny()
    login("volunteer")
    new_log(client, follow_up="y", follow_up_about="Card renewal")
    client.post("/en/logout", expect=302)
    login("coordinator")
    follow_up = db.session.scalars(select(FollowUp)).one()
    url = f"/en/followups/{follow_up.id}/assign"
    for volunteer in ["99999999999999999999", "²", "-1", "abc"]:
        client.post(url, data={"volunteer": volunteer}, expect=302)


@pytest.mark.parametrize("session_id", ["²", "٣", "999999", "99999999999999999999", "-1"])
def test_a_log_with_a_session_that_cannot_exist_is_saved_without_it(client, login, session_id):
    load_tiny()
    login("volunteer")
    client.get(f"/en/volunteer/logs/new?session={session_id}")
    response = new_log(client, session_id=session_id)
    assert response.status_code == 302
    [log] = db.session.scalars(select(SessionLog)).all()
    assert log.session_id is None


@pytest.mark.parametrize("answer", ["²", pytest.param("9" * 5000, id="5000-digits"), "٣٣٣"])
def test_numbers_python_reads_oddly_are_refused_with_the_question(client, answer):
    load_tiny()
    walk(client, "vi")  # answers every question, so household_size is open
    response = client.post("/vi/survey/q/household_size", data={"answer": answer, "action": "next"})
    assert soup(response).select_one(".error-message")


def test_odd_digits_in_area_statistics_are_a_problem_not_a_crash(app):
    geojson = json.dumps({"type": "FeatureCollection", "features": [feature("T001", "A")]})
    rows = "\n".join([HEADER, "T001,２０２０,Src,²,1,1,1,1,1,1"])
    with pytest.raises(ImportProblem) as problem:
        plan_import(geojson, rows)
    assert "pop_0_14 '²' is not a whole number" in str(problem.value)
    with pytest.raises(ImportProblem):
        plan_import("[1, 2]", rows)


# Control characters and bidi overrides in free text -------------------------------------------


def test_log_notes_are_stored_without_controls_or_overrides(client, login):
    load_tiny()
    login("volunteer")
    note = "Bring guides\x00\x07 \u202etxt.exe\u202c\r\nsecond line\tend\u2066x\u2069"
    assert new_log(client, note=note).status_code == 302
    [log] = db.session.scalars(select(SessionLog)).all()
    assert log.note == "Bring guides txt.exe\nsecond line\tendx"
    page = client.get(f"/en/volunteer/logs/{log.id}/edit").get_data(as_text=True)
    assert "\u202e" not in page and "txt.exe\nsecond line" in page


def test_survey_free_text_is_stored_cleaned(client):
    load_tiny()
    walk(client, "en", choices={"comments": "Hello\x00\x1b[0m\u202ednah\r\nbye\u0085"})
    draft = db.session.scalars(select(SurveyDraft)).one()
    assert draft.answers["comments"] == ["Hello[0mdnah\nbye"]


def test_names_are_stored_cleaned_and_shown_escaped(client, login):
    login("admin")
    name = f"Hanako\u202e\x1b {MARKUP}"
    client.post(
        "/en/admin/users/new",
        data={"email": "hanako@test.example.jp", "display_name": name, "role": "volunteer"},
    )
    user = db.session.scalars(select(User).where(User.email == "hanako@test.example.jp")).one()
    assert user.display_name == f"Hanako {MARKUP}"
    listing = client.get("/en/admin/users")
    assert_inert(listing)
    assert f"Hanako {MARKUP}" in soup(listing).get_text()


# Very long text -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "ne"])
def test_long_notes_are_refused_in_the_readers_language_and_kept(client, login, lang):
    load_tiny()
    login("volunteer")
    page = soup(client.get(f"/{lang}/volunteer/logs/new"))
    note = "長" * 1500
    response = client.post(f"/{lang}/volunteer/logs/new", data=log_data(page, note=note))
    shown = soup(response)
    with force_locale(BY_URL_CODE[lang].babel):
        expected = gettext(
            "Use %(max)d characters or fewer (you have %(count)d).", max=1000, count=1500
        )
    assert expected in shown.select_one(".error-message").get_text()
    assert shown.select_one('textarea[name="note"]').get_text().strip() == note


@pytest.mark.parametrize("field", ["email", "password"])
def test_long_sign_in_values_are_refused_in_vietnamese(client, field):
    values = {"email": "a@example.jp", "password": "x", field: "x" * 300}
    response = client.post("/vi/login", data=values)
    messages = soup(response).select_one(".error-message").get_text()
    assert "Field cannot be longer" not in messages and "300" in messages


# Markup in data: names from the areas import, instrument texts, translations ------------------


def load_markup_areas() -> None:
    hostile = feature("T003", MARKUP)
    hostile["properties"]["name_romaji"] = "<img src=x onerror=alert(1)>"
    hostile["properties"]["name_kana"] = "<!--<script>"
    geojson = json.dumps(
        {"type": "FeatureCollection", "features": [feature("T001", "試験町"), hostile]}
    )
    rows = [HEADER, "T001,2020,Src,10,50,20,20,40,5,1", "T003,2020,Src,10,50,20,20,40,5,1"]
    apply_import(plan_import(geojson, "\n".join(rows) + "\n"), synthetic=True)
    db.session.commit()


@pytest.mark.parametrize(
    "path",
    [
        "/en/areas/",
        "/en/areas/T003",
        "/ja-easy/areas/T003",
        "/en/help-sessions/",
        "/ja/help-sessions/",
        "/en/insights/",
        "/ja/insights/?area=T003",
        "/en/transparency/",
    ],
)
def test_markup_in_neighbourhood_names_is_shown_as_text(client, login, path):
    load_markup_areas()
    login("staff")
    response = client.get(path)
    assert_inert(response)
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    for svg in page.select("svg.chart-svg"):
        # Names reach the drawings as text only (SVG <title>s of the map's areas, labels).
        assert not svg.select("script, img, foreignObject"), "markup from data inside a chart"


def test_markup_in_neighbourhood_names_in_the_survey(client):
    load_markup_areas()
    walk(client, "en", choices={"neighbourhood": "T003"})
    for url in ("/en/survey/q/neighbourhood", "/en/survey/check"):
        response = client.get(url)
        assert_inert(response)
        assert MARKUP in soup(response).get_text()


def test_markup_in_instrument_texts_is_shown_as_text(app, client):
    survey = app.extensions["outreach_instruments"][app.config["SURVEY_INSTRUMENT"]]
    first = replace(survey.questions[0], text=f"{MARKUP} & <b>bold</b>", hint=MARKUP)
    changed = replace(survey, questions=(first, *survey.questions[1:]))
    app.extensions["outreach_instruments"][survey.id] = changed
    try:
        response = client.get(start(client, "en"))
    finally:
        app.extensions["outreach_instruments"][survey.id] = survey
    assert_inert(response)
    assert soup(response).h1.get_text(strip=True) == f"{MARKUP} & <b>bold</b>"


def test_markup_in_translations_is_shown_as_text(client, monkeypatch):
    import outreach.i18n

    real = outreach.i18n.get_translations

    class Hostile:
        def ugettext(self, message):
            return MARKUP if message == "Skip to main content" else real().ugettext(message)

        def ungettext(self, singular, plural, n):
            return real().ungettext(singular, plural, n)

    monkeypatch.setattr(outreach.i18n, "get_translations", Hostile)
    response = client.get("/ja/")
    assert_inert(response)
    assert soup(response).select_one(".skip-link").get_text() == MARKUP
