"""Our own static files: content-hashed URLs cached for a year, compression by Flask-Compress."""

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, Response, request, send_from_directory, url_for

from outreach.access import public

STATIC_DIR = Path(__file__).resolve().parent / "static"
YEAR = 365 * 24 * 3600


@cache
def _digest(filename: str) -> str:
    return hashlib.sha256((STATIC_DIR / filename).read_bytes()).hexdigest()[:12]


def static_url(filename: str) -> str:
    """URL of a static file that changes whenever the file does, so it can be cached for good."""
    return url_for("static", filename=filename, v=_digest(filename))


def _long_cache(response: Response) -> Response:
    if request.endpoint == "static" and request.args.get("v") and response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    return response


@public
def favicon() -> Response:
    return send_from_directory(STATIC_DIR, "favicon.ico", max_age=7 * 24 * 3600)


def init_app(app: Flask) -> None:
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    app.after_request(_long_cache)
    app.jinja_env.globals["static_url"] = static_url
