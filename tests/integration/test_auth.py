"""Signing in and out: rate limit, fixation, sign-out everywhere (delays: test_sign_in_throttle)."""

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import AuditEvent
from tests.support.accounts import PASSWORD


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_login_success_and_logout(client, make_user):
    user = make_user("staff")
    response = client.post(
        "/en/login", data={"email": user.email.upper(), "password": PASSWORD}, expect=302
    )
    assert response.headers["Location"] == "/en/workspace"
    assert "Signed in as Test staff" in client.get("/en/workspace").get_data(as_text=True)
    client.post("/en/logout", expect=302)
    client.get("/en/workspace", expect=302)
    assert actions()[-2:] == ["login.succeeded", "logout"]


def test_wrong_password_keeps_email_and_explains(client, make_user):
    user = make_user()
    page = client.post("/en/login", data={"email": user.email, "password": "wrong"}).get_data(
        as_text=True
    )
    assert "The email address or password is not right" in page
    assert f'value="{user.email}"' in page
    assert "<title>Error: Sign in" in page
    assert actions()[-1] == "login.failed"


def test_empty_login_names_each_field(client):
    page = client.post("/en/login", data={}).get_data(as_text=True)
    assert 'href="#email"' in page and "Enter your email address." in page
    assert 'href="#password"' in page and "Enter your password." in page


def test_disabled_account_cannot_sign_in(client, make_user):
    from outreach.services import users

    user = make_user()
    user.active = False
    users.commit()
    page = client.post("/en/login", data={"email": user.email, "password": PASSWORD})
    assert "This account has been disabled" in page.get_data(as_text=True)


def test_login_gets_a_fresh_session(client, make_user):
    user = make_user()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    client.post("/en/login", data={"email": user.email, "password": PASSWORD}, expect=302)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_next_only_follows_local_paths(client, make_user):
    user = make_user("staff")
    data = {"email": user.email, "password": PASSWORD}
    response = client.post("/en/login?next=https://evil.example/", data=data, expect=302)
    assert response.headers["Location"] == "/en/workspace"
    client.post("/en/logout", expect=302)
    response = client.post("/en/login?next=/en/areas/", data=data, expect=302)
    assert response.headers["Location"] == "/en/areas/"


def test_password_change_signs_out_other_sessions(app, client, make_user):
    user = make_user()
    other = app.test_client()
    for c in (client, other):
        c.post("/en/login", data={"email": user.email, "password": PASSWORD}, expect=302)
    response = client.post(
        "/en/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "tidal orange lantern",
            "confirm": "tidal orange lantern",
        },
        expect=302,
    )
    assert response.headers["Location"] == "/en/workspace"
    client.get("/en/workspace")
    other.get("/en/workspace", expect=302)


def test_password_rules_are_explained(client, login):
    login()
    page = client.post(
        "/en/account/password",
        data={"current_password": PASSWORD, "new_password": "short", "confirm": "short"},
    ).get_data(as_text=True)
    assert "Use at least 12 characters." in page


def test_login_rate_limit(app_config, database_url, tmp_path_factory, make_user):
    from tests.support.apps import make_app

    limited = make_app(
        database_url,
        tmp_path_factory.getbasetemp(),
        RATELIMIT_ENABLED=True,
        LOGIN_RATE_LIMIT="3 per minute",
    )
    client = limited.test_client()
    wrong = {"email": "x@y.jp", "password": "z"}
    for _ in range(3):
        client.post("/en/login", data=wrong)  # the form again, with its error
    client.post("/en/login", data=wrong, expect=429)
    with limited.app_context():
        db.engine.dispose()
