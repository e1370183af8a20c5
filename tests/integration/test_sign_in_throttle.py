"""No lockout: failures slow the next tries down, per account and address, per address, and per
account from unfamiliar addresses. An attacker at one address cannot stop the owner signing in
from theirs; unknown, wrong and throttled all get the same message; administrators see it all."""

from datetime import timedelta

from sqlalchemy import select, update

from outreach.extensions import db
from outreach.models import AuditEvent, SignInAttempt
from outreach.models.base import utcnow
from tests.support.accounts import PASSWORD

SAME = "The email address or password is not right"
ATTACKER, OWNER = "203.0.113.9", "198.51.100.7"


def sign_in(client, email: str, password: str, address: str):
    return client.post(
        "/en/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
        expect=(200, 302),
    )


def refused(response) -> bool:
    return response.status_code == 200 and SAME in response.get_data(as_text=True)


def audited(action: str) -> list[dict]:
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == action))
    return [event.details for event in events]


def test_failures_make_the_next_try_wait_even_with_the_right_password(app, client, make_user):
    user = make_user()
    for _ in range(3):
        assert refused(sign_in(client, user.email, "wrong", ATTACKER))
    assert refused(sign_in(client, user.email, PASSWORD, ATTACKER)), "too soon: refused alike"
    [throttled] = audited("login.throttled")
    assert throttled["limit"] == "account_address" and throttled["wait"] >= 1
    assert len(audited("login.failed")) == 3


def test_the_owner_signs_in_from_their_address_during_an_attack(app, make_user):
    user = make_user()
    owner, attacker = app.test_client(), app.test_client()
    assert sign_in(owner, user.email, PASSWORD, OWNER).status_code == 302  # now familiar
    owner.post("/en/logout", expect=302)
    for n in range(12):  # one address, then many: every limit is reached
        sign_in(attacker, user.email, "wrong", ATTACKER if n < 6 else f"192.0.2.{n}")
    assert refused(sign_in(attacker, user.email, PASSWORD, ATTACKER))
    assert refused(sign_in(attacker, user.email, PASSWORD, "192.0.2.200")), "account-wide"
    assert {d["limit"] for d in audited("login.throttled")} >= {"account_address", "account"}
    response = sign_in(owner, user.email, PASSWORD, OWNER)
    assert response.status_code == 302, "the owner is not locked out"


def wait_out_every_delay() -> None:
    """Move every try back past the longest wait: a patient attacker, pacing their guesses."""
    earlier = utcnow() - timedelta(seconds=601)
    db.session.execute(update(SignInAttempt).values(at=earlier))
    db.session.commit()


def test_one_patient_address_cannot_stop_the_owner_from_a_new_place(app, make_user):
    user = make_user()
    attacker = app.test_client()
    for _ in range(20):
        assert refused(sign_in(attacker, user.email, "wrong", ATTACKER))
        wait_out_every_delay()
    for _ in range(3):  # and now without waiting: only this address is slowed
        sign_in(attacker, user.email, "wrong", ATTACKER)
    assert {d["limit"] for d in audited("login.throttled")} == {"account_address"}
    owner = app.test_client()  # a place the owner has never signed in from
    assert sign_in(owner, user.email, PASSWORD, "198.51.100.99").status_code == 302


def test_an_ipv6_line_counts_as_one_place(app, client, make_user):
    user = make_user()
    for n in range(1, 6):  # a new address in the same /64 for every guess
        sign_in(client, user.email, "wrong", f"2001:db8:0:1::{n:x}")
    assert refused(sign_in(client, user.email, PASSWORD, "2001:db8:0:1::ff"))
    assert {d["limit"] for d in audited("login.throttled")} == {"account_address"}
    addresses = set(db.session.scalars(select(SignInAttempt.address)))
    assert addresses == {"2001:db8:0:1::/64"}
    owner = app.test_client()
    assert sign_in(owner, user.email, PASSWORD, "2001:db8:0:2::1").status_code == 302


def test_unknown_email_is_answered_and_slowed_like_a_real_account(app, client, make_user):
    user = make_user()
    pages = []
    for email in (user.email, "nobody@test.example.jp"):
        for _ in range(4):
            pages.append(refused(sign_in(client, email, "wrong", f"10.0.0.{len(email)}")))
    assert all(pages)
    assert {d["email"] for d in audited("login.throttled")} == {
        user.email,
        "nobody@test.example.jp",
    }


def test_waits_grow_and_then_let_the_owner_try_again(app, client, make_user):
    user = make_user()
    waits = []
    for _ in range(3):
        sign_in(client, user.email, "wrong", ATTACKER)
    for _ in range(3):
        sign_in(client, user.email, "wrong", ATTACKER)  # refused: too soon
        waits.append(audited("login.throttled")[-1]["wait"])
        earlier = utcnow() - timedelta(seconds=waits[-1] + 1)
        db.session.execute(update(SignInAttempt).values(at=earlier))
        db.session.commit()
        sign_in(client, user.email, "wrong", ATTACKER)  # allowed after the wait: one more failure
    assert waits[0] < waits[1] < waits[2]
    earlier = utcnow() - timedelta(hours=2)
    db.session.execute(update(SignInAttempt).values(at=earlier))
    db.session.commit()
    assert sign_in(client, user.email, PASSWORD, ATTACKER).status_code == 302


def test_administrators_see_failures_and_throttling(app, client, login, make_user):
    user = make_user()
    stranger = app.test_client()
    for _ in range(4):
        sign_in(stranger, user.email, "wrong", ATTACKER)
    login("admin")
    page = client.get("/en/admin/audit/sign-in-failures").get_data(as_text=True)
    assert page.count("login.failed") == 3 and page.count("login.throttled") == 1
    assert user.email in page
