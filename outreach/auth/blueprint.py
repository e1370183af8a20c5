"""The auth blueprint, shared by its route modules (password sign-in and two-step sign-in)."""

from urllib.parse import urlsplit

from flask import Blueprint

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str | None:
    """Only follow a `next` that stays on this site."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
