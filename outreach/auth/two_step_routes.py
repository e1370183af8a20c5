"""Two-step sign-in: the code after the password, turning it on (and off, where optional)."""

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outreach.access import allow, public, signed_in
from outreach.auth import pending
from outreach.auth.blueprint import bp
from outreach.auth.kept_routes import landing
from outreach.auth.qr import grouped, qr_svg
from outreach.auth.two_step_forms import CodeForm, RecoveryForm
from outreach.extensions import limiter
from outreach.forms_common import ConfirmForm
from outreach.services import two_step as totp
from outreach.services import users
from outreach.vocabulary import TWO_STEP_REQUIRED, Role

#: The secret being set up, sealed (TWO_STEP_KEY), in the signed session: showing the setup
#: page writes nothing to the database, and the secret never travels in the clear.
SETUP_KEY = "two_step_setup"


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
@public
def two_step():
    if current_user.is_authenticated:
        return redirect(url_for("public.workspace"))
    person = pending.user()
    if person is None:  # never signed in with a password, or more than 5 minutes ago
        return render_template("auth/two_step.html", form=None, expired=True)
    recovery = request.args.get("with") == "recovery"
    form = RecoveryForm() if recovery else CodeForm()
    if form.validate_on_submit():
        code = form.recovery_code.data if recovery else form.code.data
        if totp.check(person, code, request.remote_addr or "", recovery):
            next_url = pending.finish(person)
            users.commit()
            return redirect(landing(person, next_url))
        users.commit()  # the failure and its audit record count
        field = form.recovery_code if recovery else form.code
        field.errors.append(_wrong_code(recovery))
    return render_template("auth/two_step.html", form=form, recovery=recovery, expired=False)


def _wrong_code(recovery: bool) -> str:
    if recovery:
        return _("This recovery code is not right or has been used. Check it and try again.")
    return _(
        "This code is not right or has been used. Wait for the next code in your app and enter it."
    )


@bp.route("/account/two-step", methods=["GET", "POST"])
@signed_in
def two_step_setup():
    user = current_user._get_current_object()
    if user.two_step_secret is not None:
        return _status_page(user)
    secret = _setup_secret()
    form = CodeForm()
    if form.validate_on_submit():
        codes = totp.enrol(user, secret, form.code.data)
        if codes:
            users.commit()
            session.pop(SETUP_KEY, None)
            return render_template("auth/recovery_codes.html", codes=codes)
        form.code.errors.append(_("This code is not right. Enter the code your app shows now."))
    uri = totp.setup_uri(secret, user.email)
    return render_template(
        "auth/two_step_setup.html",
        form=form,
        qr=qr_svg(uri, _("QR code to scan with your authenticator app")),
        secret=grouped(secret),
        required=user.role in TWO_STEP_REQUIRED,
    )


def _setup_secret() -> str:
    """The secret of this setup, the same on every try until it succeeds."""
    secret = totp.unseal(session.get(SETUP_KEY, ""))
    if secret is None:
        secret = totp.new_secret()
        session[SETUP_KEY] = totp.seal(secret)
    return secret


def _status_page(user):
    return render_template(
        "auth/two_step_status.html",
        left=totp.recovery_codes_left(user),
        optional=user.role not in TWO_STEP_REQUIRED,
        form=ConfirmForm(),
    )


@bp.route("/account/two-step/off", methods=["POST"])
@allow(Role.STAFF, Role.VOLUNTEER)
def two_step_off():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    user = current_user._get_current_object()
    if user.two_step_secret is not None:
        totp.turn_off(user, user, "two_step.turned_off")
        users.commit()
        flash(_("Two-step sign-in is off. You sign in with your password only."))
    return redirect(url_for("auth.two_step_setup"))
