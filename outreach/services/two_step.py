"""Two-step sign-in with an authenticator app (TOTP, RFC 6238) and one-time recovery codes.

A code is accepted one time step (30 s) either side of now, for phones whose clock is a little
off, and never twice: the last accepted step is stored and only a later one passes, checked by
one conditional UPDATE so two requests with the same code cannot both win. Wrong codes are slowed
by the same growing delays as wrong passwords (sign_in_throttle). The shared secret is sealed
with TWO_STEP_KEY: a copy of the database alone cannot make codes.
"""

import hashlib
import secrets
import time

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from flask import current_app
from sqlalchemy import delete, select, update

from outreach.extensions import db
from outreach.models import RecoveryCode, User
from outreach.models.base import utcnow
from outreach.services import audit, sign_in_throttle
from outreach.services.rows import affected

ISSUER = "Outreach"
RECOVERY_CODES = 10
#: Letters and digits that cannot be mistaken for one another when read off paper.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_RECOVERY_HALF = 5


def _fernet() -> Fernet:
    return Fernet(current_app.config["TWO_STEP_KEY"].encode())


def new_secret() -> str:
    """A fresh shared secret, 32 base32 characters (160 bits)."""
    return pyotp.random_base32()


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str | None:
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None


def setup_uri(secret: str, email: str) -> str:
    """The otpauth:// link an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def _matching_step(secret: str, code: str, after: int | None) -> int | None:
    """The time step (now ±1) whose code is `code`, if later than `after`."""
    totp, now = pyotp.TOTP(secret), time.time()
    for offset in (-1, 0, 1):
        moment = now + offset * totp.interval
        step = totp.timecode(moment)
        if (after is None or step > after) and secrets.compare_digest(totp.at(moment), code):
            return step
    return None


def enrol(user: User, secret: str, code: str) -> list[str] | None:
    """Turn two-step sign-in on when `code` proves the app has `secret`; returns the new
    recovery codes (shown once, stored hashed), or None for a wrong code. The caller commits."""
    step = _matching_step(secret, _digits(code), None)
    if step is None:
        return None
    turn_on(user, secret)
    user.two_step_last_step = step
    return _new_recovery_codes(user)


def turn_on(user: User, secret: str) -> None:
    """Store the sealed secret, unchecked: `enrol` checks it first; the demo's accounts are set
    up this way (their keys are printed by `outreach demo`). The caller commits."""
    user.two_step_secret = seal(secret)
    user.two_step_enrolled_at = utcnow()
    audit.record("two_step.enrolled", user, ("user", user.id))


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(code)) for code in codes)
    return codes


def _recovery_code() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(2 * _RECOVERY_HALF))
    return f"{chars[:_RECOVERY_HALF]}-{chars[_RECOVERY_HALF:]}"


def _hash(code: str) -> str:
    normal = "".join(ch for ch in code.upper() if ch in _ALPHABET)
    return hashlib.sha256(normal.encode()).hexdigest()


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())


def check(user: User, code: str, address: str, recovery: bool = False) -> bool:
    """The second step of signing in from `address`: an app code, or a recovery code when
    `recovery`. Refused alike when wrong, reused or too soon after failures; audited. The caller
    commits."""
    if sign_in_throttle.wait(user.email, address):
        audit.record("login.throttled", None, None, email=user.email, step="code")
        return False
    accepted = _use_recovery_code(user, code) if recovery else _use_app_code(user, code)
    sign_in_throttle.record(user.email, address, succeeded=accepted)
    if not accepted:
        audit.record("login.code_failed", user, ("user", user.id), recovery=recovery)
        return False
    user.last_login_at = utcnow()
    audit.record("login.succeeded", user, ("user", user.id), recovery=recovery)
    return True


def _use_app_code(user: User, code: str) -> bool:
    secret = unseal(user.two_step_secret or "")
    step = _matching_step(secret, _digits(code), user.two_step_last_step) if secret else None
    if step is None:
        return False
    later = (User.two_step_last_step.is_(None)) | (User.two_step_last_step < step)
    claimed = db.session.execute(
        update(User).where(User.id == user.id, later).values(two_step_last_step=step)
    )
    return affected(claimed) == 1


def _use_recovery_code(user: User, code: str) -> bool:
    claimed = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash(code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
    )
    return affected(claimed) == 1


def recovery_codes_left(user: User) -> int:
    unused = select(RecoveryCode.id).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
    )
    return len(db.session.scalars(unused).all())


def turn_off(user: User, actor: User, action: str) -> None:
    """Forget the secret and the recovery codes. The caller ends sessions if it must, and
    commits."""
    user.two_step_secret = None
    user.two_step_last_step = None
    user.two_step_enrolled_at = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    audit.record(action, actor, ("user", user.id))
