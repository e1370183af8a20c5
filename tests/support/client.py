"""The test client every app test uses: it reads each page the way the page rules say."""

import hashlib
import os

from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer

from outreach.extensions import db
from tests.support import html


class PageCheckingClient(FlaskClient):
    """A test client that fails the test when an HTML page breaks the page rules.

    Like a browser, its POSTs carry the session's CSRF token, unless called with `csrf=False`.
    """

    def open(self, *args, csrf: bool = True, **kwargs):
        if csrf and kwargs.get("method") == "POST" and isinstance(kwargs.get("data"), dict):
            kwargs["data"] = {"csrf_token": self.csrf_token(), **kwargs["data"]}
        # Each request gets its own app context (own `g`, own session), as on a real server;
        # the test's setup is committed first and its objects re-read afterwards.
        db.session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        if response.mimetype == "text/html" and response.status_code < 300:
            found = html.problems(response.get_data(as_text=True))
            assert not found, f"{response.request.path}: {found}"
        return response

    def post(self, *args, **kwargs):
        kwargs.setdefault("data", {})
        return self.open(*args, method="POST", **kwargs)

    def csrf_token(self) -> str:
        """A valid token for this client's session, made as Flask-WTF makes it."""
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", hashlib.sha1(os.urandom(64)).hexdigest())  # noqa: S324 - as Flask-WTF makes its token
        serializer = URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token")
        return serializer.dumps(raw)
