"""Our own static files: content-hashed URLs cached for a year, served gzipped from memory.

Pages are compressed by Flask-Compress; static files are compressed here once per file version
(Flask-Compress would stream them uncompressed).
"""

import gzip
import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, Response, request, send_from_directory, url_for

from outreach.access import public

STATIC_DIR = Path(__file__).resolve().parent / "static"
YEAR = 365 * 24 * 3600
COMPRESSIBLE = {
    "text/css",
    "application/javascript",
    "text/javascript",
    "image/svg+xml",
    "application/json",
    "application/geo+json",
}


@cache
def _digest(filename: str) -> str:
    return hashlib.sha256((STATIC_DIR / filename).read_bytes()).hexdigest()[:12]


@cache
def _gzipped(filename: str, digest: str) -> bytes:
    return gzip.compress((STATIC_DIR / filename).read_bytes(), compresslevel=9, mtime=0)


def static_url(filename: str) -> str:
    """URL of a static file that changes whenever the file does, so it can be cached for good."""
    return url_for("static", filename=filename, v=_digest(filename))


def _compress(response: Response, filename: str) -> None:
    if "gzip" not in request.accept_encodings or response.mimetype not in COMPRESSIBLE:
        return
    response.close()  # the file send_file opened; we answer from memory instead
    response.direct_passthrough = False
    response.set_data(_gzipped(filename, _digest(filename)))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")


def _prepare(response: Response) -> Response:
    if request.endpoint != "static" or response.status_code != 200 or not request.view_args:
        return response
    _compress(response, request.view_args["filename"])
    if request.args.get("v"):
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    return response


@public
def favicon() -> Response:
    return send_from_directory(STATIC_DIR, "favicon.ico", max_age=7 * 24 * 3600)


def init_app(app: Flask) -> None:
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    app.after_request(_prepare)
