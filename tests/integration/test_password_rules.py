"""A new password is refused when it is commonly used, a pattern or the person's own name, with
the reason in the person's language; zxcvbn's English feedback never reaches the page."""

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale

from outreach.auth.forms import PASSWORD_PROBLEMS
from outreach.services import users
from tests.support.accounts import PASSWORD


def change(client, lang: str, new: str) -> BeautifulSoup:
    data = {"current_password": PASSWORD, "new_password": new, "confirm": new}
    page = client.post(f"/{lang}/account/password", data=data).get_data(as_text=True)
    return BeautifulSoup(page, "html.parser")


def error_of(page: BeautifulSoup) -> str:
    return page.select_one("#new_password-error-1").get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("new", "reason"),
    [("password123", "common"), ("qwertyuiop", "common"), ("sakura123456", "guessable")],
)
def test_common_passwords_are_refused_in_japanese(client, login, new, reason):
    login()
    page = change(client, "ja", new)
    with force_locale("ja"):
        expected = str(PASSWORD_PROBLEMS[reason])
    assert expected in error_of(page)
    assert "common password" not in page.get_text(), "zxcvbn's own English stays out"
    assert page.select_one("a[href='#new_password']"), "the summary links to the field"


def test_the_email_and_name_are_refused(client, login):
    user = login(email="kawabata.yasunari@test.example.jp")
    page = change(client, "en", "Kawabata loves snow country")
    assert error_of(page).endswith("Avoid your name or email address in the password.")
    page = change(client, "en", f"{user.display_name.split()[1]} harbour lantern")  # "volunteer"
    assert "Avoid your name or email address" in error_of(page)


def test_a_passphrase_is_accepted(client, login):
    user = login()
    new = "kamogawa bicycle teapot"
    data = {"current_password": PASSWORD, "new_password": new, "confirm": new}
    client.post("/en/account/password", data=data, expect=302)
    assert users.verify_password(users.by_id(user.id).password_hash, new)


def test_cli_refuses_a_common_password(app):
    result = app.test_cli_runner().invoke(
        args=["user", "add", "y@example.jp", "--name", "Y", "--role", "staff"],
        input="password1234\npassword1234\n",
    )
    assert result.exit_code != 0 and "password refused (common)" in result.output
    assert users.by_email("y@example.jp") is None
