"""Security baseline: headers, CSRF, cookies, request size, production settings."""

import pytest
from cryptography.fernet import Fernet

from outreach import create_app
from outreach.config import ConfigError


def test_security_headers_on_pages(client):
    response = client.get("/en/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "private, no-cache", "nothing private on it"
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_and_secure_cookies_in_production(monkeypatch, database_url, tmp_path):
    monkeypatch.setenv("OUTREACH_INSTANCE_PATH", str(tmp_path))
    app = create_app(
        {
            "OUTREACH_ENV": "production",
            "SECRET_KEY": "x" * 40,
            "CONTACT_KEY": Fernet.generate_key().decode(),
            "TWO_STEP_KEY": Fernet.generate_key().decode(),
            "SQLALCHEMY_DATABASE_URI": database_url,
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    response = app.test_client().get("/en/", base_url="https://outreach.example.jp")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_production_refuses_to_start_without_secrets(monkeypatch, tmp_path):
    monkeypatch.setenv("OUTREACH_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("CONTACT_KEY", raising=False)
    monkeypatch.delenv("TWO_STEP_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"OUTREACH_ENV": "production"})
    with pytest.raises(ConfigError, match="CONTACT_KEY"):
        create_app({"OUTREACH_ENV": "production", "SECRET_KEY": "x" * 40})
    contact_key = Fernet.generate_key().decode()
    with pytest.raises(ConfigError, match="TWO_STEP_KEY"):
        create_app(
            {"OUTREACH_ENV": "production", "SECRET_KEY": "x" * 40, "CONTACT_KEY": contact_key}
        )


def test_development_key_is_generated_once(monkeypatch, tmp_path):
    monkeypatch.setenv("OUTREACH_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app().config["SECRET_KEY"]
    assert first == create_app().config["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_post_without_csrf_token_is_refused(client, make_user):
    from tests.support.accounts import PASSWORD

    user = make_user()
    response = client.post(
        "/en/login", data={"email": user.email, "password": PASSWORD}, csrf=False, expect=400
    )
    assert "This form has expired" in response.get_data(as_text=True)
    client.get("/en/workspace", expect=302)


def test_logout_without_csrf_token_is_refused(client, make_user):
    from tests.support.accounts import PASSWORD

    user = make_user()
    client.post("/en/login", data={"email": user.email, "password": PASSWORD}, expect=302)
    client.get("/en/workspace")
    client.post("/en/logout", csrf=False, expect=400)
    client.get("/en/workspace")


def test_oversized_request_is_refused(client):
    response = client.post("/en/login", data={"email": "x" * (2 * 1024 * 1024)}, expect=413)
    assert "too large" in response.get_data(as_text=True)


def test_session_cookie_flags(client, make_user):
    from tests.support.accounts import PASSWORD

    user = make_user()
    response = client.post(
        "/en/login", data={"email": user.email, "password": PASSWORD}, expect=302
    )
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_static_files_are_cached_and_compressed(client):
    from outreach.static_files import static_url

    with client.application.test_request_context():
        url = static_url("css/site.css")
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert response.headers["Content-Encoding"] == "gzip"
    response.close()


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.data[:4] == b"\x00\x00\x01\x00"
    response.close()


def test_a_new_secret_key_ends_old_sessions_unless_kept_as_a_fallback(app, client):
    """The session serializer is made once per key set: a key change must still take effect."""
    from tests.support.survey_walk import start

    question = start(client)
    client.get(question)
    old_key, old_cookie = app.secret_key, client.get_cookie("session").value
    app.config["SECRET_KEY"] = app.secret_key = "a brand new key " * 3
    refused = client.get(question, expect=302)
    assert refused.headers["Location"] == "/en/survey/", "old cookie refused"
    app.config["SECRET_KEY_FALLBACKS"] = [old_key]
    client.set_cookie("session", old_cookie)
    client.get(question)  # the old cookie is accepted with the fallback
