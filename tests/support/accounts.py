"""Test accounts: one password for all, and a second signed-in browser beside the `client`."""

from outreach.services import users

PASSWORD = "a long test passphrase"


def signed_in(app, role: str, email: str):
    user = users.create_user(email, email.split("@")[0], role, PASSWORD)
    users.commit()
    browser = app.test_client()
    browser.post("/en/login", data={"email": email, "password": PASSWORD}, expect=302)
    return browser, user
