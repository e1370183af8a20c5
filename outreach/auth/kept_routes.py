"""After signing in again: the form the person sent once their session had ended, offered back
to send now (services.kept_forms). Sending it goes to the form's own route, which checks it as
usual: if anything needs changing, the form shows again with everything typed."""

from flask import redirect, render_template, url_for
from flask_login import current_user

from outreach.access import signed_in
from outreach.auth.blueprint import bp, safe_next
from outreach.services import kept_forms


def landing(user, next_url: str | None) -> str:
    """Where a sign-in leads: the kept form if there is one, else where the person was going."""
    if kept_forms.waiting(user.id):
        return url_for("auth.kept_form")
    return next_url or url_for("public.workspace")


@bp.route("/login/kept")
@signed_in
def kept_form():
    found = kept_forms.take(current_user.id)
    action = safe_next(found[0]) if found else None
    if found is None or action is None:
        return redirect(url_for("public.workspace"))
    return render_template("auth/kept_form.html", action=action, fields=found[1])
