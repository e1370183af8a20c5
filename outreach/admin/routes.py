"""Administrators create, change, disable and reset accounts, and read the audit log."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outreach.access import allow
from outreach.admin.forms import EditUserForm, NewUserForm
from outreach.forms_common import ConfirmForm
from outreach.request_input import positive_int
from outreach.services import audit, users
from outreach.services.passwords import temporary_password
from outreach.vocabulary import Role

bp = Blueprint("admin", __name__)
admin_only = allow(Role.ADMIN)


def _user_or_404(user_id: int):
    return users.by_id(user_id) or abort(404)


@bp.route("/users")
@admin_only
def user_list():
    return render_template("admin/users.html", users=users.all_users(), form=ConfirmForm())


@bp.route("/users/new", methods=["GET", "POST"])
@admin_only
def user_new():
    form = NewUserForm()
    if form.validate_on_submit():
        password = temporary_password()
        try:
            user = users.create_user(
                form.email.data,
                form.display_name.data,
                form.role.data,
                password,
                actor=current_user._get_current_object(),
                must_change_password=True,
            )
        except users.DuplicateEmail:
            form.email.errors.append(_("An account with this email address exists already."))
        else:
            users.commit()
            return render_template("admin/password_issued.html", user=user, password=password)
    return render_template("admin/user_new.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@admin_only
def user_edit(user_id: int):
    user = _user_or_404(user_id)
    form = EditUserForm(obj=user)
    if form.validate_on_submit():
        if user.id == current_user.id and (form.role.data != Role.ADMIN or not form.active.data):
            form.role.errors.append(_("You cannot remove your own administrator access."))
        else:
            users.update_user(
                user,
                current_user._get_current_object(),
                form.display_name.data,
                form.role.data,
                form.active.data,
            )
            users.commit()
            flash(_("The account of %(name)s has been saved.", name=user.display_name))
            return redirect(url_for("admin.user_list"))
    return render_template("admin/user_edit.html", form=form, user=user, reset_form=ConfirmForm())


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
@admin_only
def user_reset_password(user_id: int):
    user = _user_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    password = users.reset_password(user, current_user._get_current_object())
    users.commit()
    return render_template("admin/password_issued.html", user=user, password=password)


@bp.route("/users/<int:user_id>/sign-out-everywhere", methods=["POST"])
@admin_only
def user_sign_out_everywhere(user_id: int):
    user = _user_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    users.sign_out_everywhere(user, current_user._get_current_object())
    users.commit()
    flash(_("%(name)s has been signed out everywhere.", name=user.display_name))
    return redirect(url_for("admin.user_edit", user_id=user.id))


@bp.route("/users/<int:user_id>/reset-two-step", methods=["POST"])
@admin_only
def user_reset_two_step(user_id: int):
    user = _user_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    users.reset_two_step(user, current_user._get_current_object())
    users.commit()
    flash(_("Two-step sign-in of %(name)s has been reset.", name=user.display_name))
    return redirect(url_for("admin.user_edit", user_id=user.id))


@bp.route("/audit")
@admin_only
def audit_log():
    page = request.args.get("page", 1, type=positive_int) or 1
    events, total = audit.recent(page=page)
    return render_template("admin/audit.html", events=events, total=total, page=page, per_page=50)


@bp.route("/audit/sign-in-failures")
@admin_only
def sign_in_failures():
    return render_template("admin/sign_in_failures.html", events=audit.sign_in_failures())
