"""The follow-up queue: coordinators assign and close; volunteers see what is assigned to them."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outreach.access import allow
from outreach.forms_common import ConfirmForm
from outreach.request_input import positive_int
from outreach.services import followups, users
from outreach.vocabulary import Role

bp = Blueprint("followups", __name__)


@bp.route("/")
@allow(Role.COORDINATOR, Role.VOLUNTEER)
def queue():
    me = current_user._get_current_object()
    items = followups.open_items(me)
    return render_template(
        "followups/queue.html",
        items=items,
        form=ConfirmForm(),
        volunteers=followups.volunteers() if me.role == Role.COORDINATOR else [],
    )


@bp.route("/<int:follow_up_id>/assign", methods=["POST"])
@allow(Role.COORDINATOR)
def assign(follow_up_id: int):
    follow_up = followups.get(follow_up_id) or abort(404)
    chosen = request.form.get("volunteer", type=positive_int)
    volunteer = users.by_id(chosen) if chosen else None
    followups.assign(follow_up, volunteer, current_user._get_current_object())
    flash(
        _("Assigned to %(name)s.", name=volunteer.display_name) if volunteer else _("Unassigned.")
    )
    return redirect(url_for("followups.queue"))


@bp.route("/<int:follow_up_id>/close", methods=["POST"])
@allow(Role.COORDINATOR, Role.VOLUNTEER)
def close(follow_up_id: int):
    follow_up = followups.get(follow_up_id) or abort(404)
    me = current_user._get_current_object()
    if me.role != Role.COORDINATOR and follow_up.assigned_to_id != me.id:
        abort(403)
    followups.close(follow_up, me)
    flash(_("The follow-up is closed. Any contact details have been deleted."))
    return redirect(url_for("followups.queue"))
