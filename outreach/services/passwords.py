"""Password hashing (Argon2id) and the rules a new password must meet."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

_hasher = PasswordHasher()
MIN_LENGTH = 12
# A small list of what attackers try first; length does the rest of the work.
_COMMON = {"password1234", "123456789012", "qwertyuiop12", "hirakata1234", "outreach1234"}


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def problem(password: str, email: str = "") -> str | None:
    """Why a password is refused (a short code), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if password.lower() in _COMMON or len(set(password)) < 5:
        return "too_common"
    if email and email.split("@")[0].lower() in password.lower():
        return "contains_email"
    return None


def temporary_password() -> str:
    """A one-time password an admin hands over; the user must change it at first login."""
    return "-".join(secrets.token_hex(3) for _ in range(4))
