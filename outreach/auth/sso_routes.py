"""Signing in with the city's directory (OpenID Connect): off unless OIDC_ISSUER is set."""

from authlib.integrations.base_client import OAuthError
from flask import abort, current_app, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import login_user

from outreach.access import public
from outreach.auth.blueprint import bp
from outreach.auth.directory import (
    DirectoryError,
    client,
    enabled,
    groups_of,
    role_for,
    used_two_step,
)
from outreach.auth.kept_routes import landing
from outreach.extensions import limiter
from outreach.services import audit, staff_sessions, users
from outreach.vocabulary import TWO_STEP_REQUIRED

#: The session says who signed this person in: the directory's two-step sign-in stands in for ours.
SIGNED_IN_WITH = "signed_in_with"

REFUSALS = {
    "no_group": lambda detail: _(
        "Your city account is not in a group that may use Outreach (your groups: %(groups)s). Ask the administrator to add you.",
        groups=detail or "—",
    ),
    "no_email": lambda detail: _(
        "The city's sign-in did not give an email address. Ask the administrator."
    ),
    "no_mfa": lambda detail: _(
        "Your role can see residents' details, so the city's sign-in must use two-step verification. Sign in there with it and try again."
    ),
    "disabled": lambda detail: _("This account has been disabled. Ask an administrator."),
    "failed": lambda detail: _("The city's sign-in did not complete. Try again."),
}


@bp.route("/login/directory")
@public
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
def directory_login():
    if not enabled(current_app):
        abort(404)
    return client().authorize_redirect(url_for("auth.directory_callback", _external=True))


@bp.route("/login/directory/callback")
@public
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
def directory_callback():
    if not enabled(current_app):
        abort(404)
    try:
        claims = client().authorize_access_token().get("userinfo") or {}
        user = _account(claims)
    except OAuthError:
        return _refused("failed", "")
    except DirectoryError as why:
        return _refused(why.reason, why.detail)
    session.clear()  # a fresh session on sign-in prevents session fixation
    login_user(user)
    session[staff_sessions.COOKIE_KEY] = staff_sessions.start(user)
    session[SIGNED_IN_WITH] = "directory"
    audit.record("user.signed_in_with_directory", user, ("user", user.id))
    users.commit()
    return redirect(landing(user, None))


def _account(claims: dict):
    config = current_app.config
    groups = groups_of(claims, config["OIDC_GROUPS_CLAIM"])
    role = role_for(groups, current_app.extensions["outreach_role_groups"])
    if role is None:
        raise DirectoryError("no_group", ", ".join(groups))
    if not claims.get("email"):
        raise DirectoryError("no_email")
    if role in TWO_STEP_REQUIRED and not used_two_step(claims, config["OIDC_MFA_AMR"]):
        raise DirectoryError("no_mfa")
    user = users.from_directory(str(claims["email"]), str(claims.get("name") or ""), role)
    if user is None:
        raise DirectoryError("disabled")
    return user


def _refused(reason: str, detail: str):
    audit.record("user.directory_refused", None, None, reason=reason)
    users.commit()
    message = REFUSALS[reason](detail)
    return render_template("auth/directory_refused.html", message=message), 403
