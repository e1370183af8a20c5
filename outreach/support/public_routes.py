"""Residents find upcoming help sessions: filter without JavaScript, print, or subscribe."""

from flask import Blueprint, Response, render_template, request

from outreach.access import public
from outreach.services import sessions
from outreach.support import calendar, views

bp = Blueprint("help_sessions", __name__)


@bp.route("/")
@public
def listing():
    form = views.filter_form()
    found = sessions.upcoming(views.filters_from(form))
    return render_template(
        "support/public_list.html",
        sessions=found,
        filters=form,
        **views.listing_context(),
        # Only the filters travel on to the calendar link (other names could steer url_for).
        query={k: v for k, v in request.args.items() if v and k in form},
    )


@bp.route("/calendar.ics")
@public
def ical():
    found = sessions.upcoming(views.filters_from(views.filter_form()))
    body = calendar.feed(found, views.describe, request.host.split(":")[0])
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": "inline; filename=outreach-sessions.ics",
        },
    )
