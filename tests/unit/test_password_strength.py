"""New passwords are checked against zxcvbn's list of commonly used passwords, patterns and the
person's own name and email; the reason is a code the forms translate."""

import secrets

import pytest

from outreach.services.password_strength import personal_words
from outreach.services.passwords import problem, temporary_password

EMAIL, NAME = "hanako.yamada@example.jp", "Hanako Yamada"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password123", "common"),  # short too, but being on the list is the useful reason
        ("qwertyuiop", "common"),
        ("asdfghjkl123", "common"),
        ("sakura2024", "too_short"),
        ("sakurasakura123", "pattern"),
        ("sakura123456", "guessable"),  # a common romaji word and a sequence
        ("doraemon1234", "guessable"),
        ("abcdefghijkl", "pattern"),
        ("hirakata1234", "guessable"),  # the city's name is one of the first guesses
        ("hanako.yamada2024", "personal"),  # zxcvbn alone scores this 4
        ("my yamada passphrase", "personal"),
        ("short", "too_short"),
    ],
)
def test_guessable_passwords_are_refused_with_their_reason(password, reason):
    assert problem(password, EMAIL, NAME) == reason


@pytest.mark.parametrize(
    "password", ["tidal orange lantern", "a fine long passphrase", "kamogawa bicycle teapot"]
)
def test_a_few_unrelated_words_are_accepted(password):
    assert problem(password, EMAIL, NAME) is None


def test_generated_passwords_always_pass():
    """Administrators' one-time passwords and the demo's are made by temporary_password."""
    for _ in range(200):
        password = temporary_password()
        assert problem(password, "admin@hirakata.example.jp", "Demo Administrator") is None


def test_short_pieces_of_a_name_are_not_personal_words():
    assert personal_words("ab.cdefg@x.jp", "Ann Lee") == ["ab.cdefg@x.jp", "ab.cdefg", "cdefg"]


def test_only_the_first_characters_are_estimated():
    """zxcvbn's time grows with length; a 200-character password is still judged quickly."""
    assert problem(secrets.token_hex(100), EMAIL, NAME) is None
