"""Scripts on the anonymous survey: a honeypot that stores nothing, and a per-address rate limit
whose "wait a moment" page speaks the resident's language and loses none of their answers."""

import pytest
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from limits import parse_many
from sqlalchemy import func, select

from outreach import config as settings
from outreach import create_app
from outreach.errors import SURVEY_WAIT
from outreach.extensions import db
from outreach.models import ContactRequest, SurveyDraft
from tests.support import html
from tests.support.client import NOT_A_SERVER_ERROR
from tests.support.contact import DETAILS, answer_survey
from tests.support.survey_walk import soup, start

SPAM = {"website": "https://cheap-pills.example"}
LIMIT = 3


#: Small limits for the tests that reach them (see the `app_config` fixture in tests/conftest.py).
limited = pytest.mark.parametrize(
    "app_config",
    [{"RATELIMIT_ENABLED": True, "SURVEY_RATE_LIMIT": f"{LIMIT} per minute"}],
    ids=["limited"],
)


def drafts() -> int:
    return db.session.scalar(select(func.count(SurveyDraft.id)))


def in_locale(app, babel_code: str, message) -> str:
    with app.test_request_context(), force_locale(babel_code):
        return str(message)


def test_start_honeypot_is_hidden_from_people(client):
    page = soup(client.get("/en/survey/"))
    trap = page.select_one('input[name="website"]')
    wrapper = trap.find_parent(class_="form-extra")
    assert wrapper["aria-hidden"] == "true", "screen readers do not announce it"
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    assert trap.get("value", "") == ""
    assert page.select_one(f'label[for="{trap["id"]}"]').get_text() == "Leave this empty"


def test_filled_honeypot_starts_nothing_but_looks_ordinary(client, app):
    trapped = client.post("/en/survey/start", data=SPAM, expect=302)
    assert drafts() == 0
    ordinary = app.test_client().post("/en/survey/start", expect=302)
    assert drafts() == 1
    assert trapped.status_code == ordinary.status_code == 302
    assert trapped.headers["Location"] == ordinary.headers["Location"]


def test_filled_honeypot_on_contact_stores_nothing(client):
    answer_survey(client)
    page = soup(client.post("/en/survey/contact", data={**DETAILS, **SPAM}))
    assert page.h1.get_text() == "We will contact you", "the usual answer"
    assert db.session.scalar(select(func.count(ContactRequest.id))) == 0


@limited
@pytest.mark.parametrize("lang", ["ja", "vi"])
def test_limit_shows_wait_page_in_language_and_keeps_the_draft(client, app, lang):
    first = start(client, lang)  # 1
    client.post(first, data={"answer": "weekly", "action": "next"}, expect=302)  # 2
    devices = first.replace("internet_use", "devices")
    client.post(devices, data={"answer": ["tablet"], "action": "next"}, expect=302)  # 3
    refused = client.post(devices, data={"answer": ["pc"], "action": "next"}, expect=429)
    assert refused.status_code == 429
    assert not html.problems(refused.get_data(as_text=True))
    page = soup(refused)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == in_locale(app, lang, SURVEY_WAIT[0])
    back = page.find("a", href=devices)
    assert back is not None, "a way back to the question"
    assert back.get_text() == in_locale(app, lang, _l("Continue where you stopped"))
    assert back.get_text() != "Continue where you stopped", "an existing, translated string"
    draft = db.session.scalar(select(SurveyDraft))
    assert draft.answers == {"internet_use": ["weekly"], "devices": ["tablet"]}
    kept = soup(client.get(devices))
    assert kept.select_one('input[value="tablet"]').has_attr("checked")


@limited
def test_wait_page_links_to_the_start_after_a_post_only_route(client):
    for _ in range(LIMIT):
        client.post("/en/survey/start", expect=302)
    page = soup(client.post("/en/survey/start", expect=429))
    assert page.find("a", href="/en/survey/") is not None


@limited
def test_all_survey_posts_share_one_count(client):
    start(client)  # 1
    client.post("/en/survey/resume", data={"code": "ZZZZ-9999"})  # 2
    client.post("/en/survey/submit", expect=302)  # 3
    client.post("/en/survey/resume", data={"code": "ZZZZ-9999"}, expect=429)
    assert client.get("/en/survey/").status_code == 200, "reading pages is not limited"


@limited
def test_limit_is_per_address(client, app):
    for _ in range(LIMIT):
        client.post("/en/survey/start", expect=302)
    client.post("/en/survey/start", expect=429)
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    other.post("/en/survey/start", expect=302)


@limited
def test_forwarded_address_is_ignored_without_a_trusted_proxy(client):
    codes = [
        client.post(
            "/en/survey/start",
            headers={"X-Forwarded-For": f"192.0.2.{n}"},
            expect=NOT_A_SERVER_ERROR,
        ).status_code
        for n in range(LIMIT + 1)
    ]
    assert codes == [302] * LIMIT + [429], "a script cannot dodge the limit with a header"


PROXIED = {"RATELIMIT_ENABLED": True, "SURVEY_RATE_LIMIT": "2 per minute", "PROXY_FIX_X_FOR": 1}


@pytest.mark.parametrize("app_config", [PROXIED])
def test_behind_a_proxy_each_resident_has_their_own_count(client):
    def post(address: str) -> int:
        headers = {"X-Forwarded-For": address}
        return client.post(
            "/en/survey/start", headers=headers, expect=NOT_A_SERVER_ERROR
        ).status_code

    assert [post("192.0.2.1") for _ in range(3)] == [302, 302, 429]
    assert post("192.0.2.2") == 302, "another resident behind the same proxy"


@pytest.mark.parametrize(
    "app_config", [{"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "1 per minute"}]
)
def test_other_pages_keep_the_general_message(client):
    client.post("/en/login", data={"email": "x@example.jp", "password": "z"})
    page = soup(
        client.post("/en/login", data={"email": "x@example.jp", "password": "z"}, expect=429)
    )
    assert page.h1.get_text() == "Too many attempts"
    assert page.find(string="Continue where you stopped") is None


def test_limits_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("OUTREACH_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SURVEY_RATE_LIMIT", "7 per minute")
    monkeypatch.setenv("PROXY_FIX_X_FOR", "2")
    config = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"}).config
    assert config["SURVEY_RATE_LIMIT"] == "7 per minute"
    assert config["PROXY_FIX_X_FOR"] == 2


def test_default_limit_leaves_room_for_a_pc_room(monkeypatch, tmp_path):
    monkeypatch.delenv("SURVEY_RATE_LIMIT", raising=False)
    limits = parse_many(settings.load(tmp_path, {"SECRET_KEY": "x"})["SURVEY_RATE_LIMIT"])
    per_minute = next(limit for limit in limits if limit.GRANULARITY.name == "minute")
    assert per_minute.amount >= 100, "twenty residents answering at once behind one address"


@pytest.mark.parametrize(
    "app_config",
    [
        {
            "RATELIMIT_ENABLED": True,
            "SURVEY_RATE_LIMIT": f"{LIMIT} per minute",
            # Nothing listens on port 1: the shared storage is down.
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0",
        }
    ],
    ids=["redis-down"],
)
def test_residents_are_served_when_the_shared_limit_storage_is_down(client):
    for _ in range(LIMIT):
        assert start(client)  # counted in the worker's memory instead
    client.post("/en/survey/start", expect=429)
