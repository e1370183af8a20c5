"""Single sign-on with the city's directory, end to end against a real OpenID Connect provider
(oidc-provider-mock, serving HTTP on a thread): groups give roles, the directory's two-step
sign-in stands in for ours, and what cannot sign anyone in says why."""

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests
from oidc_provider_mock import run_server_in_thread
from sqlalchemy import select

from outreach.extensions import db
from outreach.models import User
from outreach.services import users
from tests.support.survey_walk import soup

GROUPS = "admin=it-admins,staff=seisaku,coordinator=outreach-coord,volunteer=outreach-vol"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def app_config(provider: str) -> dict:
    return {
        "OIDC_ISSUER": provider,
        "OIDC_CLIENT_ID": "outreach",
        "OIDC_CLIENT_SECRET": "client-secret",
        "OIDC_ROLE_GROUPS": GROUPS,
    }


def sign_in(client, provider: str, sub: str, **claims):
    """The person `sub` with these claims signs in at the directory; returns our last answer."""
    answer = requests.put(f"{provider}/users/{sub}", json=claims, timeout=10)
    assert answer.status_code == 204
    start = client.get("/en/login/directory", expect=302)
    authorize = start.headers["Location"]
    assert authorize.startswith(f"{provider}/oauth2/authorize")
    chosen = requests.post(authorize, data={"sub": sub}, allow_redirects=False, timeout=10)
    back = urlsplit(chosen.headers["Location"])
    assert back.path == "/en/login/directory/callback"
    return client.get(f"{back.path}?{back.query}", expect={302, 403})


def test_a_volunteer_signs_in_with_the_city_account(app, client, provider):
    page = soup(client.get("/en/login"))
    assert page.select_one("a[href='/en/login/directory']")
    answer = sign_in(client, provider, "u1", email="hana@city.example.jp", name="Hana",
                     groups=["outreach-vol", "all-staff"])  # fmt: skip
    assert answer.status_code == 302 and answer.headers["Location"] == "/en/workspace"
    user = users.by_email("hana@city.example.jp")
    assert (user.role, user.display_name) == ("volunteer", "Hana")
    client.get("/en/volunteer/logs/", expect=200)


def test_the_directory_decides_the_role_at_every_sign_in(app, client, provider):
    users.create_user("ken@city.example.jp", "Ken", "volunteer", "a long pass phrase 2026")
    users.commit()
    sign_in(client, provider, "u2", email="ken@city.example.jp", groups=["seisaku"])
    assert users.by_email("ken@city.example.jp").role == "staff"
    client.get("/en/insights/", expect=200)


def test_a_coordinator_needs_the_directorys_two_step_sign_in(app, client, provider):
    refused = sign_in(client, provider, "u3", email="c@city.example.jp",
                      groups=["outreach-coord"], amr=["pwd"])  # fmt: skip
    assert refused.status_code == 403 and "two-step verification" in refused.get_data(as_text=True)
    answer = sign_in(client, provider, "u3", email="c@city.example.jp",
                     groups=["outreach-coord"], amr=["pwd", "mfa"])  # fmt: skip
    assert answer.headers["Location"] == "/en/workspace"
    # No enrolment in our own two-step sign-in: the directory's stands in for it.
    client.get("/en/followups/", expect=200)


def test_someone_in_no_mapped_group_is_refused_with_their_groups(app, client, provider):
    refused = sign_in(client, provider, "u4", email="x@city.example.jp", groups=["kaikei"])
    text = refused.get_data(as_text=True)
    assert refused.status_code == 403 and "kaikei" in text
    assert db.session.scalar(select(User).where(User.email == "x@city.example.jp")) is None
    client.get("/en/volunteer/logs/", expect=302)  # not signed in


def test_a_disabled_account_stays_out(app, client, provider):
    user = users.create_user("old@city.example.jp", "Old", "volunteer", "a long pass phrase 2026")
    user.active = False
    users.commit()
    refused = sign_in(client, provider, "u5", email="old@city.example.jp", groups=["outreach-vol"])
    assert refused.status_code == 403 and "disabled" in refused.get_data(as_text=True)
