"""Password hashing (Argon2id) and the rules a new password must meet."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

from outreach.services.password_strength import weakness

_hasher = PasswordHasher()
MIN_LENGTH = 12


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def problem(password: str, email: str = "", name: str = "") -> str | None:
    """Why a password is refused (a short code), or None when it is acceptable: "too_short",
    or what password_strength.weakness finds. A password on the list of the most used ones is
    called that even when it is also short: that is the more useful thing to know."""
    reason = weakness(password, email, name)
    if len(password) < MIN_LENGTH and reason != "common":
        return "too_short"
    return reason


def temporary_password() -> str:
    """A one-time password an admin hands over; the user must change it at first login."""
    return "-".join(secrets.token_hex(3) for _ in range(4))
