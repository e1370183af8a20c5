"""A resident's or volunteer's browser for load tests: keep-alive, cookies, and patience.

Like a person, it tries again when a request fails: after a dropped connection it sends the same
request again (the browser's "resend"); after the "not saved, please try again" page it presses
that page's button, which re-posts what it kept. Every failure it meets is recorded.
"""

import hashlib
import http.client
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bs4 import BeautifulSoup
from flask.sessions import session_json_serializer
from itsdangerous import URLSafeTimedSerializer

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
PATIENCE_SECONDS = 90


@dataclass
class Failures:
    dropped: int = 0  # connection refused or reset: a worker died, the server restarted
    not_saved: int = 0  # 503 pages, each checked to offer "try again" with the input kept
    server_errors: list[str] = field(default_factory=list)  # any other 5xx: never allowed


class Visitor:
    def __init__(self, port: int, secret_key: str, failures: Failures) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.failures = failures
        self.conn = self._connect()
        self.session_reader = URLSafeTimedSerializer(
            secret_key,
            salt="cookie-session",
            serializer=session_json_serializer,
            signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1},
        )

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def session(self) -> dict:
        return self.session_reader.loads(self.cookies["session"])

    def get(self, path: str) -> tuple[int, str, str]:
        return self._patiently("GET", path, None)

    def post(self, path: str, data: dict | None = None, page: str = "") -> tuple[int, str, str]:
        """POST `data` with the CSRF token of `page` (or of the last page seen)."""
        token = TOKEN.search(page or self.last_page)
        return self._patiently("POST", path, {"csrf_token": token.group(1), **(data or {})})

    last_page = ""

    def _patiently(self, method: str, path: str, data: dict | None) -> tuple[int, str, str]:
        deadline = time.monotonic() + PATIENCE_SECONDS
        while True:
            try:
                status, location, text = self._once(method, path, data)
            except (OSError, http.client.HTTPException):
                self.failures.dropped += 1
                status = None
            if status == 503 and method == "POST":
                data = self._try_again_form(text, data)
            elif status is not None and status >= 500 and status != 503:
                self.failures.server_errors.append(f"{method} {path}: HTTP {status}")
            if status is not None and status < 500:
                if status == 200:
                    self.last_page = text
                return status, location, text
            if time.monotonic() > deadline:
                raise TimeoutError(f"{method} {path} still failing after {PATIENCE_SECONDS} s")
            self.conn.close()
            self.conn = self._connect()
            time.sleep(0.2)

    def _try_again_form(self, text: str, sent: dict | None) -> dict:
        """The 503 page's form: it must carry back everything that was sent."""
        self.failures.not_saved += 1
        form = BeautifulSoup(text, "html.parser").select_one('main form[method="post"]')
        kept: dict[str, list[str]] = {}
        for hidden in form.select('input[type="hidden"]'):
            kept.setdefault(hidden["name"], []).append(hidden["value"])
        for name, value in (sent or {}).items():
            values = value if isinstance(value, list) else [str(value)]
            if name != "csrf_token" and kept.get(name) != values:
                self.failures.server_errors.append(f"503 page lost {name}={values!r}")
        return kept

    def _once(self, method: str, path: str, data: dict | None) -> tuple[int, str, str]:
        body = urlencode(data or {}, doseq=True) if method == "POST" else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return response.status, response.headers.get("Location", ""), text
