"""Volunteers and coordinators announce sessions, change, move or cancel them."""

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from outreach import session_cards
from outreach.access import allow
from outreach.forms_common import ConfirmForm
from outreach.request_input import positive_int
from outreach.security import keep_for_back_button
from outreach.services import bookings, session_helpers, session_series, sessions
from outreach.services.bookings import BookingError, Person
from outreach.support import presenters
from outreach.support.forms import BookingForm, CancelForm, session_form
from outreach.vocabulary import Role

bp = Blueprint("sessions", __name__)
ORGANISERS = allow(Role.VOLUNTEER, Role.COORDINATOR)


def _editable_or_403(session_id: int):
    session = sessions.get(session_id) or abort(404)
    me = current_user._get_current_object()
    if me.role != Role.COORDINATOR and session.created_by_id != me.id:
        abort(403)
    return session


def _form_values(form) -> dict:
    return {key: getattr(form, key).data for key in sessions.EDITABLE} | {
        "area_code": form.area_code.data or None,
    }


@bp.route("/")
@ORGANISERS
def manage():
    me = current_user._get_current_object()
    everyone = me.role == Role.COORDINATOR
    found = sessions.managed_by(me, everyone=everyone)
    # Volunteers also see the sessions others announced, to sign up to help at them.
    others = [] if everyone else sessions.needing_helpers(me)
    return render_template(
        "support/manage.html",
        sessions=found,
        others=others,
        helpers=session_helpers.helpers_of([*found, *others]),
        me=me,
        form=ConfirmForm(),
        **session_cards.listing_context(),
    )


@bp.route("/new", methods=["GET", "POST"])
@ORGANISERS
def new():
    form = session_form(presenters.area_choices(_("No neighbourhood (phone or online)")))
    if request.method == "GET":
        form.submission_key.data = secrets.token_urlsafe(24)
    if form.validate_on_submit():
        made, created = session_series.create(
            _form_values(form),
            form.day.data,
            (form.start_time.data, form.end_time.data),
            form.repeat.data or "once",
            form.repeat_until.data,
            current_user._get_current_object(),
            form.submission_key.data or secrets.token_urlsafe(24),
        )
        flash(
            _published(len(made))
            if created
            else _("This was already published: sending the form again did not make a copy.")
        )
        return redirect(url_for("sessions.manage", _anchor=f"session-{made[0].id}"))
    page = render_template("support/session_form.html", form=form, editing=None)
    # Back after publishing brings the same key, so publishing again finds the first.
    return keep_for_back_button(page)


def _published(count: int) -> str:
    if count == 1:
        return _("The session is published. Residents can see it now.")
    return ngettext(
        "%(num)d session is published. Residents can see it now.",
        "%(num)d sessions are published, one for each date. Residents can see them now.",
        count,
    )


def _CANCELLED() -> str:
    return _("This session is cancelled. Reinstate it before you change it.")


@bp.route("/<int:session_id>/edit", methods=["GET", "POST"])
@ORGANISERS
def edit(session_id: int):
    session = _editable_or_403(session_id)
    if session.cancelled and request.method == "GET":
        flash(_CANCELLED())
        return redirect(url_for("sessions.manage", _anchor=f"session-{session.id}"))
    start, end = sessions.local(session.starts_at), sessions.local(session.ends_at)
    data = {k: getattr(session, k) for k in sessions.EDITABLE} | {
        "day": start.date(),
        "start_time": start.time(),
        "end_time": end.time(),
        "area_code": session.area_code or "",
    }
    form = session_form(
        presenters.area_choices(_("No neighbourhood (phone or online)")),
        data=None if request.method == "POST" else data,
    )
    if session.cancelled:  # cancelled by someone else while this form was open: keep it
        form.form_errors.append(_CANCELLED())
    elif form.validate_on_submit():
        change = (
            session_series.update_following
            if session.series_id and form.scope.data == "following"
            else sessions.update
        )
        change(
            session,
            _form_values(form),
            sessions.at(form.day.data, form.start_time.data),
            sessions.at(form.day.data, form.end_time.data),
            current_user._get_current_object(),
        )
        flash(_("The session is updated. Residents see the change now."))
        return redirect(url_for("sessions.manage"))
    return render_template("support/session_form.html", form=form, editing=session)


@bp.route("/<int:session_id>/helpers", methods=["POST"])
@ORGANISERS
def helpers(session_id: int):
    """Sign up to staff a session, or withdraw."""
    session = sessions.get(session_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    me = current_user._get_current_object()
    if request.form.get("withdraw"):
        session_helpers.withdraw(session, me)
        flash(_("You are no longer down to help at this session."))
    else:
        session_helpers.sign_up(session, me)
        flash(_("Thank you: you are down to help at this session."))
    return redirect(url_for("sessions.manage", _anchor=f"session-{session.id}"))


def _bookings_or_403(session_id: int):
    """The session's bookings are for its organiser, its helpers and coordinators."""
    session = sessions.get(session_id) or abort(404)
    me = current_user._get_current_object()
    organiser = me.role == Role.COORDINATOR or session.created_by_id == me.id
    if not organiser and not session_helpers.is_helper(session, me):
        abort(403)
    return session, me


@bp.route("/<int:session_id>/bookings", methods=["GET", "POST"])
@ORGANISERS
def bookings_page(session_id: int):
    """Who is booked or waiting (every view audited), to print; a booking taken by phone."""
    session, me = _bookings_or_403(session_id)
    form = BookingForm()
    if request.method == "GET":
        form.submission_key.data = secrets.token_urlsafe(24)
    if form.validate_on_submit():
        person = Person(form.name.data.strip(), form.phone.data.strip())
        try:
            booking, _made = bookings.book(session, person, form.submission_key.data or "", me)
        except BookingError:  # the form comes back with the name and phone as typed
            form.form_errors.append(
                _("This session is cancelled or has started: it cannot be booked.")
            )
        else:
            flash(_("Booked. Give the resident their booking code: %(code)s.", code=booking.code))
            return redirect(url_for("sessions.bookings_page", session_id=session.id))
    return render_template(
        "support/bookings.html",
        s=session,
        rows=bookings.for_session(session, me),
        form=form,
        places_left=bookings.places_left(session),
        **session_cards.listing_context(),
    )


@bp.route("/<int:session_id>/attendance", methods=["POST"])
@ORGANISERS
def attendance(session_id: int):
    session, me = _bookings_or_403(session_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    present = set(request.form.getlist("present", type=positive_int))
    came = bookings.mark_attended(session, present, me)
    flash(ngettext("%(num)d person came.", "%(num)d people came.", came))
    return redirect(url_for("sessions.bookings_page", session_id=session.id))


@bp.route("/<int:session_id>/cancel", methods=["POST"])
@ORGANISERS
def cancel(session_id: int):
    session = _editable_or_403(session_id)
    form = CancelForm()
    if not form.validate_on_submit():
        abort(400)
    cancelled = form.change.data == "cancel"
    sessions.set_cancelled(session, cancelled, current_user._get_current_object())
    flash(
        _("The session is marked as cancelled on the public list.")
        if cancelled
        else _("The session is back on.")
    )
    return redirect(url_for("sessions.manage"))
