"""Flask's signed-cookie sessions, with the signing serializer made once per key set.

Flask builds a new itsdangerous serializer (which test-serialises a value to learn its type) to
open and again to save the cookie on every request; on the survey's busiest path that was a
measurable share of each request. The serializer depends only on the keys, so it is kept.
"""

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class CookieSessions(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._serializers: dict[tuple, URLSafeTimedSerializer | None] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys not in self._serializers:
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]


def init_app(app: Flask) -> None:
    app.session_interface = CookieSessions()
