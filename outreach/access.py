"""Who may open which route. Every view declares its roles; an undeclared view is refused.

`tests/integration/test_route_access.py` walks every registered endpoint with every role, so a
new route without a decision fails the suite.
"""

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, abort, redirect, request, session, url_for
from flask_login import current_user

from outreach.vocabulary import TWO_STEP_REQUIRED, Role

F = TypeVar("F", bound=Callable)

ANONYMOUS = "anonymous"
EVERYONE = frozenset({ANONYMOUS, *Role})
SIGNED_IN = frozenset(Role)
#: Flask's own endpoints, which serve public files.
FRAMEWORK_ENDPOINTS = frozenset({"static"})


def allow(*roles: str) -> Callable[[F], F]:
    """Mark a view as open to these roles (use ANONYMOUS for the public)."""

    def mark(view: F) -> F:
        view.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return view

    return mark


public = allow(*EVERYONE)
signed_in = allow(*SIGNED_IN)


def allowed_roles(app: Flask, endpoint: str) -> frozenset[str] | None:
    if endpoint in FRAMEWORK_ENDPOINTS:
        return EVERYONE
    return getattr(app.view_functions.get(endpoint), "allowed_roles", None)


def _role() -> str:
    return current_user.role if current_user.is_authenticated else ANONYMOUS


def _check():
    from flask import current_app

    if request.endpoint is None:
        return None  # 404 / 405 are answered by Flask
    roles = allowed_roles(current_app, request.endpoint) or frozenset()
    role = _role()
    if role in roles:
        if role != ANONYMOUS and current_user.must_change_password:
            return _force_password_change()
        # Signed in by the city's directory, which did the two-step sign-in (auth.sso_routes).
        from_directory = session.get("signed_in_with") == "directory"
        if (
            role in TWO_STEP_REQUIRED
            and current_user.two_step_secret is None
            and not from_directory
        ):
            return _force_two_step_enrolment()
        return None
    if role == ANONYMOUS:
        if request.method == "POST":
            _keep_typed_form()
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    abort(403)


def _keep_typed_form() -> None:
    """A form sent after the sender's session ended by itself is kept for them until they sign
    in again (outreach.auth sets the marker when the session ends)."""
    from outreach.services import kept_forms

    user_id = session.get("expired_user")
    if isinstance(user_id, int):
        path = request.full_path.rstrip("?")
        kept_forms.keep(user_id, path, [(k, request.form.getlist(k)) for k in request.form])


def _force_password_change():
    if request.endpoint in {"auth.change_password", "auth.logout"}:
        return None
    return redirect(url_for("auth.change_password"))


def _force_two_step_enrolment():
    """A role that can read residents' details sees nothing before two-step sign-in is on."""
    if request.endpoint in {"auth.two_step_setup", "auth.logout", *FRAMEWORK_ENDPOINTS}:
        return None
    return redirect(url_for("auth.two_step_setup"))


def init_app(app: Flask) -> None:
    app.before_request(_check)
