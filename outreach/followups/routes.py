"""Coordinators see who asked to be contacted, and close each request (which deletes it)."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outreach.access import allow
from outreach.admin.forms import ConfirmForm
from outreach.models import Role
from outreach.services import contacts

bp = Blueprint("followups", __name__)
COORDINATORS = allow(Role.COORDINATOR)


@bp.route("/contacts")
@COORDINATORS
def contact_list():
    requests = contacts.open_requests(current_user._get_current_object())
    return render_template("followups/contacts.html", requests=requests, form=ConfirmForm())


@bp.route("/contacts/<int:request_id>/close", methods=["POST"])
@COORDINATORS
def contact_close(request_id: int):
    if not contacts.close(request_id, current_user._get_current_object()):
        abort(404)
    flash(_("The request is closed and the contact details have been deleted."))
    return redirect(url_for("followups.contact_list"))
