"""Arbitrary values thrown at every form each role can reach: never a server error, the answers
given are shown again with the problems, and the problems are told in the reader's language.

Forms are found, not listed: every GET route of the route table is opened as each role and each
`method=post` form on it is fuzzed field by field (text in any script, control characters, bidi
overrides, markup, numbers out of range, very long text, unknown options, missing and repeated
fields). The resident's survey is walked question by question.
"""

import pytest
from hypothesis import example, given, settings

from outreach.access import ANONYMOUS
from tests.support import answer_checks as checks
from tests.support import fuzz
from tests.support.client import NOT_A_SERVER_ERROR
from tests.support.route_access import EXPECTED
from tests.support.survey_walk import default_answer, start

#: Buttons whose value ends what the test walks through: the survey's "save and finish later".
NEVER_PRESSED = {"action": frozenset({"save"})}


def forms_of(app, client, role: str, lang: str, samples: dict) -> list[fuzz.FormSpec]:
    """The POST forms on every page the role may open (signing out left aside)."""
    found = []
    for endpoint, (method, allowed) in EXPECTED.items():
        if method != "GET" or role not in allowed:
            continue
        page_url = fuzz.url(app, endpoint, lang, samples)
        response = client.get(page_url, expect=NOT_A_SERVER_ERROR)  # some pages redirect
        if response.status_code == 200 and response.mimetype == "text/html":
            html = response.get_data(as_text=True)
            found += fuzz.post_forms(page_url, html)
        response.close()
    return [f for f in found if not f.action.endswith("/logout")]


def throw_at(client, spec: fuzz.FormSpec, lang: str, after=None, examples: int = 25) -> None:
    def post(data):
        response = client.post(spec.action, data=data, expect=NOT_A_SERVER_ERROR)
        assert response.status_code < 500, f"{spec}: {response.status_code} for {data!r}"
        problems = answer_problems(response, spec, data, lang)
        assert not problems, f"{spec}: {problems}\nsent: {data!r}"
        if after:
            after(response)

    run = given(data=fuzz.form_data(spec, NEVER_PRESSED))(post)
    for probe in fuzz.probes(list(spec.controls), NEVER_PRESSED):
        run = example(data=probe)(run)
    settings(fuzz.FUZZ, max_examples=examples)(run)()


def answer_problems(response, spec: fuzz.FormSpec, sent: dict, lang: str) -> list[str]:
    if response.status_code >= 400:
        return checks.live_markup(response) + checks.error_page_problems(response, lang)
    if response.status_code != 200 or response.mimetype != "text/html":
        return []
    if b"error-summary" not in response.data:
        return checks.live_markup(response)
    page = checks.soup(response)
    if not page.select_one(".error-summary"):
        return checks.live_markup(response)
    return (
        checks.live_markup(response)
        + checks.kept_problems(spec, sent, page)
        + checks.english_problems(page, lang)
    )


@pytest.mark.parametrize("role", fuzz.ROLES)
def test_every_form_takes_arbitrary_values(app, client, make_user, role):
    world = fuzz.build_world(make_user)
    lang = fuzz.LANGUAGE_OF[role]
    if role != ANONYMOUS:
        fuzz.sign_in(client, world.users[role])
    forms = forms_of(app, client, role, lang, world.samples)
    assert forms, f"no forms found for {role}"
    for spec in forms:
        throw_at(client, spec, lang)


def test_every_survey_question_takes_arbitrary_values(app, client, make_user):
    fuzz.build_world(make_user)
    lang = fuzz.LANGUAGE_OF[ANONYMOUS]
    url = start(client, lang)
    while "/q/" in url:
        page = client.get(url)
        [spec] = fuzz.post_forms(url, page.get_data(as_text=True))
        answer = {**default_answer(checks.soup(page)), "action": "next"}

        def answer_again(response, url=url, answer=answer):
            # A fuzzed answer taken may hide later questions; the usual one brings them back.
            if response.status_code == 302:
                client.post(url, data=answer, expect=302)

        throw_at(client, spec, lang, after=answer_again, examples=15)
        response = client.post(url, data=answer, expect=302)
        url = response.headers["Location"]
    check = client.get(url)
    for spec in fuzz.post_forms(url, check.get_data(as_text=True)):
        if not spec.action.endswith("/logout"):
            throw_at(client, spec, lang)
    contact_url = f"/{lang}/survey/contact"
    page = client.get(contact_url)
    [spec] = fuzz.post_forms(contact_url, page.get_data(as_text=True))
    throw_at(client, spec, lang)
