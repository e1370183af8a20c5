"""Arbitrary query strings on every GET route: never a server error, and a bad filter is
ignored or explained in the reader's language.

Each route is opened by the first role allowed to (anonymous first), with the parameters routes
read (filters, pages, weights …), the names of the page's own GET forms, names `url_for` treats
specially, and names made up, each with arbitrary values.
"""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from hypothesis import example, given
from hypothesis import strategies as st

from tests.support import answer_checks as checks
from tests.support import fuzz
from tests.support.client import NOT_A_SERVER_ERROR
from tests.support.route_access import EXPECTED

#: What views read from request.args, and names `url_for` would treat as its own arguments.
READ = [
    "page",
    "next",
    "from",
    "to",
    "area",
    "session",
    "again",
    "channel",
    "method",
    "layer",
    "age_band",
    "v",
    "lang",
    "_scheme",
    "_external",
    "_anchor",
    "_method",
    "endpoint",
]
SPECIAL_VALUES = ["1", "0", "-1", "y", "true", "zscore", "minmax", "T001", "//evil.example/x"]


def first_role(allowed: set[str]) -> str:
    return next(role for role in fuzz.ROLES if role in allowed)


#: Each GET route with the first role allowed to open it.
OPENED_BY = {
    endpoint: first_role(allowed)
    for endpoint, (method, allowed) in EXPECTED.items()
    if method == "GET"
}


def get_form_names(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    return [
        control["name"]
        for form in page.find_all("form")
        if (form.get("method") or "get").lower() == "get"
        for control in form.select("[name]")
    ]


def parameters(names: list[str]) -> st.SearchStrategy:
    name = st.one_of(st.sampled_from(names), st.text(max_size=12))
    value = st.one_of(st.sampled_from(SPECIAL_VALUES), fuzz.TEXT)
    return st.lists(st.tuples(name, value), max_size=6)


def throw_at(client, url: str, names: list[str], lang: str) -> None:
    def get(params):
        response = client.get(f"{url}?{urlencode(params)}", expect=NOT_A_SERVER_ERROR)
        assert response.status_code < 500, f"{url}: {response.status_code} for {params!r}"
        problems = checks.live_markup(response)
        if response.status_code >= 400:
            problems += checks.error_page_problems(response, lang)
        elif response.status_code == 200 and response.mimetype == "text/html":
            problems += checks.english_problems(checks.soup(response), lang)
        response.close()
        assert not problems, f"{url}: {problems}\nparams: {params!r}"

    run = given(params=parameters(names))(get)
    for probe in fuzz.probes(names, {}):
        run = example(params=[(name, values[0]) for name, values in probe.items()])(run)
    fuzz.FUZZ(run)()


@pytest.mark.parametrize("role", sorted(set(OPENED_BY.values())))
def test_every_page_takes_arbitrary_query_strings(app, client, make_user, role):
    world = fuzz.build_world(make_user)
    lang = fuzz.LANGUAGE_OF[role]
    if role != "anonymous":
        fuzz.sign_in(client, world.users[role])
    risk = app.extensions["outreach_risk"]
    weights = [f"w_{part.id}" for part in (*risk.components, *risk.indicators)]
    for endpoint in (e for e, opener in OPENED_BY.items() if opener == role):
        url = fuzz.url(app, endpoint, lang, world.samples)
        # Some of these redirect (the root to a language), so any status but a 5xx.
        response = client.get(url, expect=NOT_A_SERVER_ERROR)
        html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        response.close()
        throw_at(client, url, READ + weights + get_form_names(html), lang)
