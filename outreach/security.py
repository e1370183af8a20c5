"""Security headers on every response, and the client's real address behind proxies."""

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, make_response, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

F = TypeVar("F", bound=Callable)
#: Pages the browser may keep for the back button (bfcache) but must check before reusing.
REVALIDATE = "private, no-cache"

#: One policy for every page. Charts are SVG drawn on the server with presentation attributes
#: (no inline styles, no plotly.js), so chart pages need nothing more than the others.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)


def nothing_private(view: F) -> F:
    """Mark a view whose page holds no personal data (no answers, no names): for visitors who
    are not signed in it is sent `private, no-cache` instead of `no-store`, so the back button
    brings it back at once (browsers keep no `no-store` page in their back/forward cache).
    """
    view.nothing_private = True  # type: ignore[attr-defined]
    return view


def _may_keep(endpoint: str | None, status: int) -> bool:
    from flask import current_app

    view = current_app.view_functions.get(endpoint or "")
    return (
        getattr(view, "nothing_private", False)
        and request.method in {"GET", "HEAD"}
        and status == 200
        and not current_user.is_authenticated
    )


def keep_for_back_button(body: str) -> Response:
    """A volunteer's form page that the browser may keep for the back button (but not share).

    Going back after saving must bring back the same one-time key, so that saving again finds
    the first copy instead of making a second. `no-store` would make the browser fetch a fresh
    form with a fresh key; `private, no-cache` lets it restore the page it had.
    """
    response = make_response(body)
    response.headers["Cache-Control"] = REVALIDATE
    return response


def _headers(response: Response) -> Response:
    from flask import current_app

    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "same-origin"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
    if current_app.config["HSTS"]:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    if request.endpoint != "static" and "Cache-Control" not in headers:
        # Pages may hold personal data and shared computers are common: never keep them, unless
        # the view says it has nothing private.
        private = not _may_keep(request.endpoint, response.status_code)
        headers["Cache-Control"] = "no-store" if private else REVALIDATE
    return response


def _trust_proxies(app: Flask) -> None:
    """Take the client's address from X-Forwarded-For, written by PROXY_FIX_X_FOR proxies.

    Rate limits are kept per address: without this, everyone behind the proxy shares one.
    """
    hops = app.config["PROXY_FIX_X_FOR"]
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops)  # type: ignore[method-assign]


def init_app(app: Flask) -> None:
    _trust_proxies(app)
    app.after_request(_headers)
