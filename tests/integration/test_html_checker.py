"""Every page type, in every language, passes the W3C Nu HTML checker with no error.

The pages are rendered with the test client, saved into a folder and checked in one run of the
checker (tests/support/nu_checker.py): the GET pages of the URL map as a role allowed to see
them, every kind of survey question, the pages after sending, and the pages that show errors.
"""

import re

from flask import Flask, url_for

from outreach.access import ANONYMOUS, allowed_roles
from outreach.i18n.locales import LOCALES
from outreach.services import kept_forms
from tests.support import two_step
from tests.support.areas import load_tiny
from tests.support.browser.pages import (
    DOWNLOAD_SUFFIX,
    NOT_PAGES,
    ROLE_PREFERENCE,
    SURVEY_SESSION_PAGES,
)
from tests.support.help_sessions import announce
from tests.support.nu_checker import check
from tests.support.session_logs import new_log
from tests.support.survey_walk import default_answer, soup, start, submit

#: Pages that need a query to show something (otherwise 404).
QUERIES = {"followups.new": "?log=1"}
#: What a volunteer had typed when their session ended: "<&>" and quotes test the escaping.
KEPT = [("note", ['She said "call <after> 3 & ask"']), ("languages", ["ja", "en"])]


class Sample:
    """Saves each page once, under a name saying what it is."""

    def __init__(self, folder) -> None:
        self.folder, self.files = folder, []

    def save(self, name: str, response) -> None:
        path = self.folder / f"{len(self.files):04d}-{re.sub(r'[^a-z0-9_-]+', '_', name)}.html"
        path.write_bytes(response.get_data())
        self.files.append(path)


def _clients(app: Flask, make_user) -> tuple[dict[str, object], dict[str, object]]:
    clients: dict[str, object] = {ANONYMOUS: app.test_client()}
    people: dict[str, object] = {}
    for role in ROLE_PREFERENCE[1:]:
        client = app.test_client()
        people[role] = make_user(role)
        two_step.sign_in(client, people[role])
        clients[role] = client
    return clients, people


def _kept_form_page(client, person, lang: str):
    """The page offering back a form kept after the session ended (auth.kept_form)."""
    kept_forms.keep(person.id, f"/{lang}/volunteer/logs/new", KEPT)
    return client.get(f"/{lang}/login/kept")


def _pages(app: Flask, lang: str, samples: dict[str, object]) -> list[tuple[str, str]]:
    """(role, path) of every GET page with a language, as the first role allowed to open it."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        roles = allowed_roles(app, rule.endpoint) or frozenset()
        if "GET" not in (rule.methods or ()) or "lang" not in rule.arguments or not roles:
            continue
        if rule.endpoint in SURVEY_SESSION_PAGES or rule.endpoint in NOT_PAGES:
            continue
        if DOWNLOAD_SUFFIX.search(rule.rule):
            continue
        values = {arg: lang if arg == "lang" else samples[arg] for arg in rule.arguments}
        with app.test_request_context():
            path = url_for(rule.endpoint, **values)
        path += QUERIES.get(rule.endpoint, "")
        found.append((next(r for r in ROLE_PREFERENCE if r in roles), path))
    return found


def _book_a_place(client) -> str:
    """A resident books a place at session 1; returns the booking code."""
    url = "/en/help-sessions/1/book"
    key = soup(client.get(url)).select_one("input[name=submission_key]")["value"]
    person = {"submission_key": key, "name": "Y. T.", "phone": "072-841-0000"}
    done = client.post(url, data=person, expect=302)
    return done.headers["Location"].split("/booking/")[1].split("?")[0]


def _survey_pages(client, lang: str, sample: Sample) -> None:
    """Each question page (one of each kind, and one with an error), then the pages after."""
    url = start(client, lang)
    sample.save(f"{lang}-question-error", client.post(url, data={"action": "next"}))
    asked = 0
    while "/q/" in url:
        asked += 1
        page = client.get(url)
        sample.save(f"{lang}-{url}", page)
        if url.endswith("/neighbourhood"):  # a postal code of no neighbourhood here
            elsewhere = {"answer": "", "postal_code": "100-0001", "action": "next"}
            sample.save(f"{lang}-postal-error", client.post(url, data=elsewhere))
        data = default_answer(soup(page))
        url = client.post(url, data={**data, "action": "next"}, expect=302).headers["Location"]
    assert asked >= 15, f"{lang}: only {asked} questions were asked"
    sample.save(f"{lang}-check", client.get(url))
    submit(client, lang)
    sample.save(f"{lang}-thanks", client.get(f"/{lang}/survey/thanks"))
    sample.save(f"{lang}-contact", client.get(f"/{lang}/survey/contact"))
    sample.save(f"{lang}-contact-error", client.post(f"/{lang}/survey/contact"))
    sample.save(f"{lang}-help-after", client.get(f"/{lang}/survey/help"))
    start(client, lang)
    saved = client.post(f"/{lang}/survey/q/internet_use", data={"action": "save"})
    sample.save(f"{lang}-saved", saved)
    bad_code = client.post(f"/{lang}/survey/resume", data={"code": "AAAA-2222"})
    sample.save(f"{lang}-resume-error", bad_code)
    sample.save(f"{lang}-not-found", client.get(f"/{lang}/no-such-page", expect=404))


def test_every_page_type_in_every_language_passes_the_nu_html_checker(
    app: Flask, make_user, tmp_path
):
    load_tiny()
    clients, people = _clients(app, make_user)
    announce(clients["coordinator"], booking_required="y")
    new_log(clients["coordinator"], follow_up="y", follow_up_about="Call back about e-Tax")
    samples = {
        "code": "T001",
        "user_id": 1,
        "session_id": 1,
        "log_id": 1,
        "follow_up_id": 1,
        "booking_code": _book_a_place(clients[ANONYMOUS]),
    }
    sample = Sample(tmp_path)
    for locale in LOCALES:
        lang = locale.url_code
        for role, path in _pages(app, lang, samples):
            sample.save(f"{lang}-{role}-{path}", clients[role].get(path))
        kept = _kept_form_page(clients["volunteer"], people["volunteer"], lang)
        sample.save(f"{lang}-kept-form", kept)
        _survey_pages(app.test_client(), lang, sample)
        login_error = app.test_client().post(f"/{lang}/login", data={"email": "", "password": ""})
        sample.save(f"{lang}-login-error", login_error)
    errors = check(sample.files)
    assert not errors, f"{len(errors)} errors in {len(sample.files)} pages:\n" + "\n".join(errors)
