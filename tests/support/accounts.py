"""Test accounts: one password for all, and a second signed-in browser beside the `client`."""

from outreach.services import users

PASSWORD = "a long test passphrase"


def signed_in(app, role: str, email: str):
    from tests.support import two_step  # it imports PASSWORD from here

    user = users.create_user(email, email.split("@")[0], role, PASSWORD)
    users.commit()
    browser = app.test_client()
    two_step.sign_in(browser, user)
    return browser, user
