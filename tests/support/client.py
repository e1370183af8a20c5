"""The test client every app test uses: it reads each page the way the page rules say."""

import hashlib
import os
from collections.abc import Container

from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from werkzeug.test import TestResponse

from outreach.extensions import db
from tests.support import html

#: Any answer but a 5xx: for tests that judge each status themselves.
NOT_A_SERVER_ERROR = range(100, 500)


class PageCheckingClient(FlaskClient):
    """A test client that fails the test when a response is not what the test expects.

    Every request expects HTTP 200 unless the test says otherwise: `client.get(url)` fails on a
    302 or a 404, `client.post(url, data=..., expect=302)` fails on anything but a redirect. With
    `follow_redirects=True` the status is the final page's. Tests that judge the status themselves
    (the fuzzers, the route matrix) pass a set of statuses, such as `NOT_A_SERVER_ERROR`. An HTML page must also follow the page
    rules (tests/support/html.py). Like a browser, its POSTs carry the session's CSRF token, unless
    called with `csrf=False`.
    """

    _depth = 0  # > 0 while werkzeug follows a redirect through open() itself

    def open(self, *args, expect: int | Container[int] = 200, csrf: bool = True, **kwargs):
        if csrf and kwargs.get("method") == "POST" and isinstance(kwargs.get("data"), dict):
            kwargs["data"] = {"csrf_token": self.csrf_token(), **kwargs["data"]}
        # Each request gets its own app context (own `g`, own session), as on a real server;
        # the test's setup is committed first and its objects re-read afterwards.
        db.session.commit()
        self._depth += 1
        try:
            with self.application.app_context():
                response = super().open(*args, **kwargs)
        finally:
            self._depth -= 1
        db.session.expire_all()
        if self._depth == 0:
            expected = (expect,) if isinstance(expect, int) else expect
            assert response.status_code in expected, unexpected(response, expect)
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


def unexpected(response: TestResponse, expect: int | Container[int]) -> str:
    """Which request got which status, and where it pointed or what the page said."""
    request = response.request
    where = f"{request.method} {request.full_path.rstrip('?')}"
    said = response.headers.get("Location") or _page_text(response)
    return f"{where}: expected HTTP {expect}, got {response.status_code}: {said}"


def _page_text(response: TestResponse, limit: int = 300) -> str:
    if not response.mimetype.startswith("text/"):
        return f"({response.mimetype})"
    text = response.get_data(as_text=True)
    if response.mimetype == "text/html":
        page = BeautifulSoup(text, "html.parser")
        text = (page.main or page).get_text(" ")
    return " ".join(text.split())[:limit]
