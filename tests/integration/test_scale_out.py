"""Two app processes behind one proxy, as when the city scales out: same PostgreSQL database,
same SECRET_KEY, rate limits counted in Redis. Whatever process a request lands on, the resident
and the volunteer see one site.

Plain HTTP with a cookie jar, no browser. Each client sends its own X-Forwarded-For, as the proxy
would (PROXY_FIX_X_FOR=1), so each test counts against fresh addresses in the shared Redis.
"""

import http.client
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
import redis
from bs4 import BeautifulSoup

from outreach.models import Role
from tests.support import run_servers
from tests.support.databases import fresh_database
from tests.support.live import LiveServer, environment, load_demo, run

LIMIT = 5
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
RESUME_CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}\b")


@pytest.fixture(scope="module")
def redis_url() -> str:
    """OUTREACH_TEST_REDIS_URL, else a Redis started for this run."""
    return run_servers.redis_url()


@pytest.fixture(scope="module")
def pair(redis_url: str, tmp_path_factory) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Processes A and B: one database, one instance folder (keys), one Redis."""
    workdir = tmp_path_factory.mktemp("scale-out")
    with fresh_database("postgresql", workdir) as url:
        env = environment(
            url,
            workdir / "instance",
            RATELIMIT_STORAGE_URI=redis_url,
            PROXY_FIX_X_FOR="1",
            SURVEY_RATE_LIMIT=f"{LIMIT} per hour",
            LOGIN_RATE_LIMIT=f"{LIMIT} per hour",
        )
        load_demo(env)
        with run(env, workdir / "a.log") as a, run(env, workdir / "b.log") as b:
            yield a, b


@dataclass
class Reply:
    status: int
    location: str
    text: str

    def token(self) -> str:
        found = TOKEN.search(self.text)
        assert found, f"no CSRF token in the page:\n{self.text[:2000]}"
        return found.group(1)


class Visitor:
    """One browser behind the proxy: its own cookies and address, on whichever process."""

    def __init__(self) -> None:
        # A documentation address (RFC 3849), new for every visitor and every run.
        self.address = "2001:db8::" + ":".join(secrets.token_hex(2) for _ in range(3))
        self.cookies: dict[str, str] = {}

    def get(self, server: LiveServer, path: str) -> Reply:
        return self._send(server, "GET", path, None)

    def post(self, server: LiveServer, path: str, data: dict | None = None) -> Reply:
        return self._send(server, "POST", path, urlencode(data or {}, doseq=True))

    def _send(self, server: LiveServer, method: str, path: str, body: str | None) -> Reply:
        headers = {"X-Forwarded-For": self.address}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            reply = Reply(
                response.status,
                response.getheader("Location", ""),
                response.read().decode("utf-8", "replace"),
            )
            self._keep(response.headers.get_all("Set-Cookie") or [])
        finally:
            connection.close()
        return reply

    def _keep(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


def test_resume_code_from_one_process_works_on_the_other(pair):
    a, b = pair
    resident = Visitor()
    token = resident.get(a, "/en/survey/").token()
    first = resident.post(b, "/en/survey/start", {"csrf_token": token}).location
    assert first == "/en/survey/q/internet_use", "a token from A is valid on B"
    devices = resident.post(a, first, {"csrf_token": token, "answer": "weekly", "action": "next"})
    assert devices.location == "/en/survey/q/devices", "the draft started on B continues on A"
    saved = resident.post(
        b, devices.location, {"csrf_token": token, "answer": "tablet", "action": "save"}
    )
    code = RESUME_CODE.search(saved.text)
    assert saved.status == 200 and code, saved.text[:2000]

    later = Visitor()  # another day, another computer, the other process
    token = later.get(a, "/en/survey/resume").token()
    resumed = later.post(b, "/en/survey/resume", {"csrf_token": token, "code": code.group(0)})
    assert resumed.location == "/en/survey/q/home_connection"
    kept = BeautifulSoup(later.get(a, "/en/survey/q/devices").text, "html.parser")
    assert kept.select_one('input[value="tablet"]').has_attr("checked")


def sign_in(visitor: Visitor, server: LiveServer, email: str, password: str) -> None:
    token = visitor.get(server, "/en/login").token()
    reply = visitor.post(
        server, "/en/login", {"csrf_token": token, "email": email, "password": password}
    )
    assert reply.location == "/en/workspace", reply.text[:2000]


def test_sign_in_and_sign_out_hold_on_both_processes(pair):
    a, b = pair
    email, password = a.credentials(Role.VOLUNTEER)
    desk, laptop = Visitor(), Visitor()
    sign_in(desk, a, email, password)
    sign_in(laptop, b, email, password)
    assert desk.get(b, "/en/workspace").status == 200, "signed in on A, valid on B"
    assert laptop.get(a, "/en/workspace").status == 200, "signed in on B, valid on A"

    token = desk.get(a, "/en/account/password").token()
    new = "a fresh passphrase for scale-out tests"
    changed = desk.post(
        a,
        "/en/account/password",
        {"csrf_token": token, "current_password": password, "new_password": new, "confirm": new},
    )
    assert changed.location == "/en/workspace", changed.text[:2000]
    assert desk.get(b, "/en/workspace").status == 200, "this session goes on"
    for server in (a, b):
        ended = laptop.get(server, "/en/workspace")
        assert ended.status == 302 and "/en/login" in ended.location, "signed out everywhere else"

    token = desk.get(b, "/en/workspace").token()
    assert desk.post(a, "/en/logout", {"csrf_token": token}).status == 302
    ended = desk.get(b, "/en/workspace")
    assert ended.status == 302 and "/en/login" in ended.location, "signed out on A, out on B"


#: (page with the form, where it posts, what it sends, the status while under the limit)
LIMITED_FORMS = {
    "survey": ("/ja/survey/", "/ja/survey/start", {}, 302),
    "login": ("/ja/login", "/ja/login", {"email": "nobody@example.jp", "password": "wrong"}, 200),
}


@pytest.mark.parametrize("form", LIMITED_FORMS.values(), ids=LIMITED_FORMS.keys())
def test_rate_limits_are_counted_across_processes(pair, redis_url, form):
    a, b = pair
    page, action, data, allowed = form
    resident = Visitor()
    token = resident.get(a, page).token()
    sent = {"csrf_token": token, **data}
    alternating = [resident.post((a, b)[n % 2], action, sent).status for n in range(LIMIT)]
    assert alternating == [allowed] * LIMIT
    for server in (a, b):
        refused = resident.post(server, action, sent)
        assert refused.status == 429, "the shared count is used up on both processes"
        assert '<html lang="ja"' in refused.text

    neighbour = Visitor()  # same proxy, another resident
    token = neighbour.get(b, page).token()
    assert neighbour.post(a, action, {**sent, "csrf_token": token}).status == allowed
    store = redis.Redis.from_url(redis_url)
    try:
        assert any(store.scan_iter(match=f"*{resident.address}*")), "the counter lives in Redis"
    finally:
        store.close()
