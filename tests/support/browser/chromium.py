"""Browser helpers: Chromium settings, the axe runner, page checks and signing in."""

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

from tests.support.browser.find_chromium import ENVIRONMENT, find_chromium, where_we_looked
from tests.support.live import ROOT, LiveServer

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}}
#: 320 CSS px is what a 1280 px window shows at 400 % zoom (and 640 px at 200 %): WCAG 1.4.10.
REFLOW_VIEWPORT = {"width": 320, "height": 640}
TIMEOUT_MS = 15_000
_OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(-3).map(el => el.outerHTML.slice(0, 120))"""


def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        pytest.fail(f"{where_we_looked()}: apt-get install -y chromium, or set {ENVIRONMENT}")
    return path


def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run npm ci in {ROOT}")
    return AXE.read_text(encoding="utf-8")


def run_axe(page: Page, source: str, label: str) -> list[str]:
    """axe's WCAG 2.2 A/AA violations on the current page, one line per failing node."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source)
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{label}: axe {rule['id']} ({rule['impact']}): {rule['help']}\n"
        f"    {node['target']} {node['html'][:200]}"
        for rule in results["violations"]
        for node in rule["nodes"]
    ]


def reflow_problems(page: Page, label: str) -> list[str]:
    """A page must not scroll sideways in a 320 px viewport."""
    width, viewport = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    if width <= viewport + 1:
        return []
    return [f"{label}: scrolls sideways ({width} > {viewport} px): {page.evaluate(_OVERFLOWING)}"]


class Watcher:
    """Console errors, failed requests and HTTP errors seen by one page since the last take()."""

    def __init__(self, page: Page) -> None:
        self._seen: list[tuple[str, str]] = []
        page.on("console", self._console)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            url = message.location.get("url", "")
            self._seen.append((url, f"console error: {message.text} ({url})"))

    def _failed(self, request: Request) -> None:
        self._seen.append((request.url, f"request failed: {request.url} ({request.failure})"))

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self._seen.append((response.url, f"HTTP {response.status}: {response.url}"))

    def take(self, label: str, expected_error_url: str | None = None) -> list[str]:
        """Problems so far (except those of a page that is meant to fail); then start afresh."""
        seen, self._seen = self._seen, []
        return [f"{label}: {text}" for url, text in seen if url != expected_error_url]


class Tab:
    """One page in its own browser context, with a watcher on it."""

    def __init__(self, browser: Browser, **context_options: object) -> None:
        self.context = browser.new_context(**context_options)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.watcher = Watcher(self.page)

    def close(self) -> None:
        self.context.close()


def sign_in(page: Page, server: LiveServer, role: str, lang: str = "en") -> None:
    """Through the login form, as the demo account of `role`; ends on the workspace."""
    email, password = server.credentials(role)
    page.goto(f"{server.url}/{lang}/login")
    form = page.locator("main form")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    code = server.sign_in_code(role)
    if code:  # administrators and coordinators: the second step
        page.wait_for_url(f"{server.url}/{lang}/login/code")
        page.locator("main form input[name=code]").fill(code)
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{server.url}/{lang}/workspace")


class RoleTabs:
    """One signed-in tab per role, opened on first use and reused across pages and locales."""

    def __init__(self, browser: Browser, server: LiveServer) -> None:
        self._browser, self._server = browser, server
        self._tabs: dict[str, Tab] = {}

    def get(self, role: str) -> Tab:
        if role not in self._tabs:
            tab = Tab(self._browser, viewport=REFLOW_VIEWPORT)
            if role != "anonymous":
                sign_in(tab.page, self._server, role)
            problems = tab.watcher.take(f"signing in as {role}")
            assert not problems, "\n".join(problems)
            self._tabs[role] = tab
        return self._tabs[role]

    def close(self) -> None:
        for tab in self._tabs.values():
            tab.close()
