"""Residents book a place at a session, look at their booking with its code, cancel it, and add
it to their calendar. No account: the booking code is the key, typed however it comes."""

import secrets

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from outreach import session_cards
from outreach.access import public
from outreach.extensions import limiter
from outreach.forms_common import ConfirmForm
from outreach.security import keep_for_back_button
from outreach.services import bookings, sessions
from outreach.services.bookings import BookingError, Person
from outreach.support import calendar, presenters
from outreach.support.forms import BookingForm, FindBookingForm

bp = Blueprint("bookings", __name__)

#: Why a session cannot be booked, in the resident's words.
NOT_BOOKABLE = {
    "cancelled": lambda: _("This session is cancelled, so it cannot be booked."),
    "past": lambda: _("This session has already started or is over, so it cannot be booked."),
}


def _bookable_session(session_id: int):
    return sessions.get(session_id) or abort(404)


@bp.route("/<int:session_id>/book", methods=["GET", "POST"])
@public
@limiter.limit("10 per minute", methods=["POST"])
def book(session_id: int):
    session = _bookable_session(session_id)
    form = BookingForm()
    if request.method == "GET":
        form.submission_key.data = secrets.token_urlsafe(24)
    problem = None
    try:
        bookings.check_bookable(session)
    except BookingError as why:
        problem = NOT_BOOKABLE[str(why)]()
    if problem is None and form.validate_on_submit():
        person = Person(form.name.data.strip(), form.phone.data.strip())
        key = form.submission_key.data or secrets.token_urlsafe(24)
        booking, _created = bookings.book(session, person, key)
        return redirect(url_for("bookings.booking", booking_code=booking.code, new=1))
    page = render_template(
        "support/book.html",
        form=form,
        s=session,
        problem=problem,
        places_left=bookings.places_left(session),
        **session_cards.listing_context(),
    )
    return keep_for_back_button(page), (409 if problem and request.method == "POST" else 200)


@bp.route("/booking", methods=["GET", "POST"])
@public
@limiter.limit("20 per minute", methods=["POST"])
def find():
    form = FindBookingForm()
    if form.validate_on_submit():
        found = bookings.by_code(form.code.data)
        if found is not None:
            return redirect(url_for("bookings.booking", booking_code=found.code))
        form.code.errors.append(
            _("No booking has this code. Check the letters and numbers, then try again.")
        )
    return render_template("support/find_booking.html", form=form)


def _booking_or_404(booking_code: str):
    return bookings.by_code(booking_code) or abort(404)


@bp.route("/booking/<booking_code>")
@public
def booking(booking_code: str):
    found = _booking_or_404(booking_code)
    if found.code != booking_code:  # typed in lower case or with spaces: the tidy address
        return redirect(url_for("bookings.booking", booking_code=found.code))
    session = sessions.get(found.session_id) or abort(404)
    return render_template(
        "support/booking.html",
        booking=found,
        s=session,
        turn=bookings.turn(found),
        new=bool(request.args.get("new")),
        form=ConfirmForm(),
        **session_cards.listing_context(),
    )


@bp.route("/booking/<booking_code>/cancel", methods=["POST"])
@public
def cancel(booking_code: str):
    found = _booking_or_404(booking_code)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    bookings.cancel(found)
    flash(_("Your booking is cancelled. Thank you for letting us know."))
    return redirect(url_for("bookings.booking", booking_code=found.code))


@bp.route("/booking/<booking_code>/calendar.ics")
@public
def ical(booking_code: str):
    found = _booking_or_404(booking_code)
    session = sessions.get(found.session_id) or abort(404)
    body = calendar.feed([session], presenters.describe, request.host.split(":")[0])
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": "attachment; filename=outreach-booking.ics"},
    )
