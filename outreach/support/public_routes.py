"""Residents find upcoming help sessions: filter without JavaScript, print, or subscribe."""

from flask import Blueprint, Response, render_template, request

from outreach import session_cards
from outreach.access import public
from outreach.security import nothing_private
from outreach.services import sessions
from outreach.support import calendar, presenters

bp = Blueprint("help_sessions", __name__)


@bp.route("/")
@nothing_private
@public
def listing():
    form = presenters.filter_form()
    found, distances = presenters.near(form, sessions.upcoming(presenters.filters_from(form)))
    return render_template(
        "support/public_list.html",
        sessions=found,
        distances=distances,
        filters=form,
        **session_cards.listing_context(),
        # Only the filters travel on to the calendar link (other names could steer url_for).
        query={k: v for k, v in request.args.items() if v and k in form},
    )


@bp.route("/calendar.ics")
@public
def ical():
    form = presenters.filter_form()
    found, _ = presenters.near(form, sessions.upcoming(presenters.filters_from(form)))
    body = calendar.feed(found, presenters.describe, request.host.split(":")[0])
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": "inline; filename=outreach-sessions.ics",
        },
    )
