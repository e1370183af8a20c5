"""Administrators manage accounts; every change lands in the audit log."""

import re

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import AuditEvent, User
from tests.support import two_step
from tests.support.accounts import PASSWORD


def last_event() -> AuditEvent:
    return db.session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()))


def issued_password(page: str) -> str:
    return re.search(r"<code>([0-9a-f-]+)</code>", page).group(1)


def test_admin_creates_account_with_one_time_password(app, client, login):
    admin = login("admin")
    page = client.post(
        "/en/admin/users/new",
        data={"display_name": "Hanako", "email": "Hanako@Example.jp", "role": "volunteer"},
    ).get_data(as_text=True)
    password = issued_password(page)
    user = db.session.scalar(select(User).where(User.email == "hanako@example.jp"))
    assert user.role == "volunteer" and user.must_change_password
    event = last_event()
    assert (event.action, event.actor_id, event.target_id) == (
        "user.created",
        admin.id,
        str(user.id),
    )
    assert password not in str(event.details)

    newcomer = app.test_client()
    newcomer.post(
        "/en/login", data={"email": "hanako@example.jp", "password": password}, expect=302
    )
    response = newcomer.get("/en/workspace", expect=302)
    assert response.headers["Location"] == "/en/account/password", "must choose a password first"


def test_duplicate_email_is_explained_and_input_kept(client, login, make_user):
    login("admin")
    make_user(email="taken@example.jp")
    page = client.post(
        "/en/admin/users/new",
        data={"display_name": "Taro", "email": "taken@example.jp", "role": "staff"},
    ).get_data(as_text=True)
    assert "An account with this email address exists already." in page
    assert 'value="Taro"' in page
    assert re.search(r'value="staff"[^>]*checked|checked[^>]*value="staff"', page)


def test_invalid_email_message(client, login):
    login("admin")
    page = client.post(
        "/en/admin/users/new", data={"display_name": "A", "email": "nope", "role": "staff"}
    )
    assert "Enter an email address like name@example.jp." in page.get_data(as_text=True)


def test_disable_account_ends_its_sessions(app, client, login, make_user):
    login("admin")
    user = make_user("coordinator")
    theirs = app.test_client()
    two_step.sign_in(theirs, user)
    theirs.get("/en/workspace")
    client.post(
        f"/en/admin/users/{user.id}",
        data={"display_name": user.display_name, "role": "coordinator"},
        expect=302,
    )
    theirs.get("/en/workspace", expect=302)
    event = last_event()
    assert event.action == "user.updated" and event.details["changes"]["active"] == [True, False]


def test_admin_cannot_remove_own_admin_role(client, login):
    admin = login("admin")
    page = client.post(
        f"/en/admin/users/{admin.id}", data={"display_name": "X", "role": "staff", "active": "y"}
    )
    assert "You cannot remove your own administrator access." in page.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.role == "admin"


def test_reset_password_signs_out_and_unlocks(app, client, login, make_user):
    login("admin")
    user = make_user()
    theirs = app.test_client()
    theirs.post("/en/login", data={"email": user.email, "password": PASSWORD}, expect=302)
    page = client.post(f"/en/admin/users/{user.id}/reset-password").get_data(as_text=True)
    temporary = issued_password(page)
    theirs.get("/en/workspace", expect=302)
    theirs.post("/en/login", data={"email": user.email, "password": temporary}, expect=302)
    assert last_event().action == "login.succeeded"


def test_audit_log_lists_events_newest_first(client, login):
    login("admin")
    page = client.get("/en/admin/audit").get_data(as_text=True)
    assert page.index("login.succeeded") < page.index("user.created")


def test_unknown_user_is_not_found(client, login):
    login("admin")
    client.get("/en/admin/users/9999", expect=404)
