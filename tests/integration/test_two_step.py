"""Two-step sign-in with real TOTP codes (pyotp): enrolment, the code after the password, no
code twice, recovery codes once, the administrator's reset, who must and who may use it."""

import time

import pyotp
from bs4 import BeautifulSoup
from sqlalchemy import select

from outreach.auth import pending
from outreach.extensions import db
from outreach.models import AuditEvent, RecoveryCode
from tests.support import two_step
from tests.support.accounts import PASSWORD


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def password_step(client, user):
    data = {"email": user.email, "password": PASSWORD}
    response = client.post("/en/login", data=data, expect=302)
    assert response.headers["Location"] == "/en/login/code"


def code_refused(client, code: str, field: str = "code", path: str = "/en/login/code") -> str:
    page = soup(client.post(path, data={field: code}))
    return page.select_one(f"#{field}-error-1").get_text(" ", strip=True)


def enrol_through_the_pages(client) -> tuple[str, list[str]]:
    page = soup(client.get("/en/account/two-step"))
    assert page.select_one("figure.qr svg title"), "an inline SVG QR code with a name"
    assert not page.select("script")
    shown = page.select_one(".secret code").get_text()
    assert all(len(group) == 4 for group in shown.split()), "the key in groups of four"
    secret = shown.replace(" ", "")
    code = page.select_one("input#code")
    assert (code["autocomplete"], code["inputmode"]) == ("one-time-code", "numeric")
    assert page.select_one("label[for=code]")
    assert "not right" in code_refused(client, "000000", path="/en/account/two-step")
    done = soup(client.post("/en/account/two-step", data={"code": pyotp.TOTP(secret).now()}))
    return secret, [c.get_text() for c in done.select(".recovery-codes code")]


def test_enrolment_shows_ten_recovery_codes_once_and_seals_the_secret(client, login):
    user = login("volunteer")
    secret, codes = enrol_through_the_pages(client)
    assert len(set(codes)) == 10
    db.session.refresh(user)
    assert user.two_step_secret and secret not in user.two_step_secret, "sealed at rest"
    stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10 and not set(codes) & set(stored), "only hashes are kept"
    status = soup(client.get("/en/account/two-step"))
    assert "10 recovery codes left" in status.get_text() and not status.select(".secret")
    assert "two_step.enrolled" in actions()


def test_sign_in_needs_the_code_and_nothing_opens_before_it(client, make_user):
    user = make_user("coordinator")
    secret = two_step.enrol(user)
    password_step(client, user)
    client.get("/en/followups/", expect=302)  # half signed in is signed out
    client.get("/en/workspace", expect=302)
    right = pyotp.TOTP(secret).now()
    assert "not right" in code_refused(client, f"{(int(right) + 1) % 1_000_000:06d}")
    response = client.post("/en/login/code", data={"code": pyotp.TOTP(secret).now()}, expect=302)
    assert response.headers["Location"] == "/en/workspace"
    assert actions()[-3:] == ["login.code_requested", "login.code_failed", "login.succeeded"]
    client.get("/en/followups/")


def test_the_code_is_wanted_in_the_right_shape(client, make_user):
    user = make_user("volunteer")
    two_step.enrol(user)
    password_step(client, user)
    assert "6 digits" in code_refused(client, "12345")
    assert "Enter the 6-digit code" in code_refused(client, "")


def test_a_code_is_accepted_once(app, client, make_user):
    user = make_user("admin")
    secret = two_step.enrol(user)
    code = pyotp.TOTP(secret).now()
    password_step(client, user)
    client.post("/en/login/code", data={"code": code}, expect=302)
    other = app.test_client()
    password_step(other, user)
    assert "has been used" in code_refused(other, code)
    other.get("/en/workspace", expect=302)


def test_a_recovery_code_works_once(app, client, login):
    user = login("volunteer")
    _, codes = enrol_through_the_pages(client)
    client.post("/en/logout", expect=302)
    password_step(client, user)
    recovery = "/en/login/code?with=recovery"
    assert soup(client.get(recovery)).select_one("input#recovery_code")
    client.post(recovery, data={"recovery_code": codes[3].lower()}, expect=302)
    client.get("/en/workspace")
    other = app.test_client()
    password_step(other, user)
    assert "has been used" in code_refused(other, codes[3], "recovery_code", recovery)
    assert "9 recovery codes left" in soup(client.get("/en/account/two-step")).get_text()


def test_wrong_codes_are_slowed_like_wrong_passwords(client, make_user):
    user = make_user("coordinator")
    secret = two_step.enrol(user)
    password_step(client, user)
    for _ in range(5):
        client.post("/en/login/code", data={"code": "000000"})
    assert "not right" in code_refused(client, pyotp.TOTP(secret).now()), "too soon: refused alike"
    assert actions()[-1] == "login.throttled"


def test_the_code_step_expires_after_five_minutes(client, make_user):
    user = make_user("coordinator")
    secret = two_step.enrol(user)
    password_step(client, user)
    with client.session_transaction() as session:
        state = session[pending.KEY]
        session[pending.KEY] = {**state, "at": int(time.time()) - pending.MAX_AGE - 1}
    page = soup(client.post("/en/login/code", data={"code": pyotp.TOTP(secret).now()}))
    assert page.select_one("main a[href='/en/login']"), "asked to sign in again"
    client.get("/en/workspace", expect=302)


def test_a_coordinator_must_enrol_before_anything_else(client, make_user):
    user = make_user("coordinator")
    client.post("/en/login", data={"email": user.email, "password": PASSWORD}, expect=302)
    for path in ("/en/followups/", "/en/workspace", "/en/volunteer/logs/"):
        response = client.get(path, expect=302)
        assert response.headers["Location"] == "/en/account/two-step", path
    assert "need two-step sign-in" in soup(client.get("/en/account/two-step")).get_text()
    enrol_through_the_pages(client)
    client.get("/en/followups/")


def test_a_volunteer_may_turn_it_on_and_off(client, login):
    user = login("volunteer")
    client.get("/en/volunteer/logs/")  # optional: nothing asks for it
    enrol_through_the_pages(client)
    client.post("/en/account/two-step/off", expect=302)
    db.session.refresh(user)
    assert user.two_step_secret is None
    assert db.session.scalars(select(RecoveryCode)).all() == []
    assert actions()[-1] == "two_step.turned_off"


def test_an_administrator_cannot_turn_it_off(client, login):
    login("admin")
    page = soup(client.get("/en/account/two-step"))
    assert not page.select("form[action$='/two-step/off']")
    client.post("/en/account/two-step/off", expect=403)


def test_an_administrator_resets_a_lost_device(app, client, login):
    from tests.support.accounts import signed_in

    admin = login("admin")
    coordinator_browser, coordinator = signed_in(app, "coordinator", "c@test.example.jp")
    coordinator_browser.get("/en/followups/")
    client.post(f"/en/admin/users/{coordinator.id}/reset-two-step", expect=302)
    coordinator_browser.get("/en/followups/", expect=302)  # signed out everywhere
    db.session.refresh(coordinator)
    assert coordinator.two_step_secret is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.two_step_reset"))
    assert (event.actor_id, event.target_id) == (admin.id, str(coordinator.id))
    data = {"email": coordinator.email, "password": PASSWORD}
    coordinator_browser.post("/en/login", data=data, expect=302)
    response = coordinator_browser.get("/en/followups/", expect=302)
    assert response.headers["Location"] == "/en/account/two-step", "sets it up again"
