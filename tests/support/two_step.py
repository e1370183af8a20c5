"""Two-step sign-in in tests: enrol an account and sign it in with real TOTP codes (pyotp)."""

import time

import pyotp

from outreach.extensions import db
from outreach.services import two_step
from outreach.vocabulary import TWO_STEP_REQUIRED
from tests.support.accounts import PASSWORD

#: The secret of each account enrolled here, by user id.
SECRETS: dict[int, str] = {}


def enrol(user) -> str:
    """Turn two-step sign-in on for `user` directly; returns the app's secret."""
    secret = pyotp.random_base32()
    two_step.turn_on(user, secret)
    db.session.commit()
    SECRETS[user.id] = secret
    return secret


def fresh_code(user, secret: str | None = None) -> str:
    """A code the server will accept now: this step's or the next one's (both are), whichever it
    has not seen yet; waits for the next step when both were used."""
    secret = secret or SECRETS[user.id]
    totp = pyotp.TOTP(secret)
    db.session.refresh(user)
    while True:
        now = time.time()
        for moment in (now, now + totp.interval):
            if user.two_step_last_step is None or totp.timecode(moment) > user.two_step_last_step:
                return totp.at(moment)
        time.sleep(totp.interval - now % totp.interval + 0.1)


def sign_in(client, user, password: str = PASSWORD, lang: str = "en"):
    """The whole sign-in: password, then a code when two-step sign-in is on (accounts whose
    role requires it are enrolled first). Returns the last response (a redirect)."""
    if user.role in TWO_STEP_REQUIRED and user.two_step_secret is None:
        enrol(user)
    data = {"email": user.email, "password": password}
    response = client.post(f"/{lang}/login", data=data, expect=302)
    if response.headers["Location"].endswith("/login/code"):
        code = {"code": fresh_code(user)}
        response = client.post(f"/{lang}/login/code", data=code, expect=302)
    return response
