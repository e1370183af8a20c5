"""Signing in and out, and changing one's own password."""

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from outreach.access import public, signed_in
from outreach.auth import pending
from outreach.auth.blueprint import bp, safe_next
from outreach.auth.directory import enabled as directory_enabled
from outreach.auth.forms import ChangePasswordForm, LoginForm
from outreach.auth.kept_routes import landing
from outreach.extensions import limiter
from outreach.services import staff_sessions, users
from outreach.services.passwords import verify_password

LOGIN_MESSAGES = {
    "bad_credentials": lambda: _(
        "The email address or password is not right. Check them and try again."
    ),
    "disabled": lambda: _("This account has been disabled. Ask an administrator."),
}


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("public.workspace"))
    form = LoginForm()
    if form.validate_on_submit():
        result = users.authenticate(form.email.data, form.password.data, request.remote_addr or "")
        next_url = safe_next(request.args.get("next"))
        if result.outcome == "needs_code":
            pending.begin(result.user, next_url)
        elif result.user:
            session.clear()  # a fresh session on login prevents session fixation
            login_user(result.user)
            session[staff_sessions.COOKIE_KEY] = staff_sessions.start(result.user)
        users.commit()
        if result.outcome == "needs_code":
            return redirect(url_for("auth.two_step"))
        if result.user:
            return redirect(landing(result.user, next_url))
        form.form_errors.append(LOGIN_MESSAGES[result.outcome]())
    return render_template("auth/login.html", form=form, directory=directory_enabled(current_app))


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    users.sign_out(current_user._get_current_object(), session.get(staff_sessions.COOKIE_KEY))
    users.commit()
    logout_user()
    session.clear()
    flash(_("You have signed out."))
    return redirect(url_for("public.home"))


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    form.email_hint, form.name_hint = user.email, user.display_name
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("The current password is not right."))
        else:
            secret = users.change_password(user, form.new_password.data)
            users.commit()
            login_user(user)  # the session carries the new token; every other session ended
            session[staff_sessions.COOKIE_KEY] = secret
            flash(_("Your password has been changed. You have been signed out everywhere else."))
            return redirect(url_for("public.workspace"))
    return render_template("auth/change_password.html", form=form)


# The two-step routes join this blueprint when it is imported.
from outreach.auth import sso_routes, two_step_routes  # noqa: E402, F401
