"""Volunteers log sessions from a phone; coordinators correct and export; staff see totals only."""

import secrets
from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outreach import session_cards
from outreach.access import allow
from outreach.request_input import positive_int
from outreach.security import keep_for_back_button
from outreach.services import bookings, session_logs, sessions
from outreach.services.session_logs import LogData
from outreach.support import presenters
from outreach.support.forms import log_form, topic_choices
from outreach.vocabulary import Role

bp = Blueprint("logs", __name__)
LOGGERS = allow(Role.VOLUNTEER, Role.COORDINATOR)
#: The list's filters, carried on to the export link (other names could steer url_for).
LOG_FILTERS = ("from", "to", "area")


def _data(form) -> LogData:
    values = {key: getattr(form, key).data for key in session_logs.FIELDS if key != "session_id"}
    linked = _session(form.session_id.data or "")
    values["session_id"] = linked.id if linked else None
    values["area_code"] = form.area_code.data or None
    values["note"] = (form.note.data or "").strip()
    about = (form.follow_up_about.data or "").strip()
    follow_up = (about or _("Follow-up needed")) if form.follow_up.data else ""
    return LogData(values, form.outcomes(), follow_up)


def _areas() -> list:
    return presenters.area_choices(_("No neighbourhood"))


def _session(session_id: str):
    """The session a log is about; None when the id is not one (an old or altered form)."""
    try:
        return sessions.get(positive_int(session_id))
    except ValueError:
        return None


def _prefill(form, session_id: str) -> None:
    session = _session(session_id)
    if session is not None:
        form.session_id.data = str(session.id)
        form.held_on.data = sessions.local(session.starts_at).date()
        form.format.data, form.venue.data = session.format, session.venue_name
        form.area_code.data = session.area_code or ""
        form.duration_minutes.data = int(
            (session.ends_at - session.starts_at).total_seconds() // 60
        )
        came = bookings.attended_count(session.id)
        if came:  # the attendance ticks: ages are not asked when booking
            form.people_age_unknown.data = came


@bp.route("/new", methods=["GET", "POST"])
@LOGGERS
def new():
    form = log_form(_areas())
    me = current_user._get_current_object()
    last = session_logs.last_by(me)
    if request.method == "GET":
        form.submission_key.data = secrets.token_urlsafe(24)
        _prefill(form, request.args.get("session", ""))
        if last is not None and request.args.get("same") == "last":
            _same_as(form, last)
    if form.validate_on_submit():
        log_id, created = session_logs.create(
            _data(form),
            me,
            form.submission_key.data or secrets.token_urlsafe(24),
        )
        return redirect(url_for("logs.saved", log_id=log_id, again=None if created else 1))
    page = render_template(
        "support/log_form.html", form=form, editing=None, last=last, frequent=_frequent()
    )
    return keep_for_back_button(page)


def _same_as(form, last) -> None:
    """ "Same as my last session": where, how and in which languages; never the people."""
    form.venue.data, form.area_code.data = last.venue, last.area_code or ""
    form.format.data, form.languages.data = last.format, list(last.languages)
    form.duration_minutes.data = last.duration_minutes


@bp.route("/<int:log_id>/saved")
@LOGGERS
def saved(log_id: int):
    log = session_logs.get(log_id) or abort(404)
    if not session_logs.can_view(log, current_user._get_current_object()):
        abort(403)
    return render_template("support/log_saved.html", log=log, again=bool(request.args.get("again")))


@bp.route("/")
@LOGGERS
def listing():
    me = current_user._get_current_object()
    everyone = me.role == Role.COORDINATOR
    start, end = _date_arg("from"), _date_arg("to")
    area = request.args.get("area", "")
    logs = session_logs.listing(None if everyone else me, start, end, area)
    return render_template(
        "support/log_list.html",
        logs=logs,
        everyone=everyone,
        can_edit=lambda log: session_logs.can_edit(log, me),
        **session_cards.listing_context(),
        query={k: v for k, v in request.args.items() if v and k in LOG_FILTERS},
        area_choices=_areas(),
    )


def _date_arg(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


@bp.route("/<int:log_id>/edit", methods=["GET", "POST"])
@LOGGERS
def edit(log_id: int):
    log = session_logs.get(log_id) or abort(404)
    me = current_user._get_current_object()
    if not session_logs.can_view(log, me):
        abort(403)
    if not session_logs.can_edit(log, me):
        flash(
            _(
                "This log can no longer be changed: logs can be edited for %(days)d days. Ask a coordinator to correct it.",
                days=session_logs.edit_window().days,
            )
        )
        return redirect(url_for("logs.listing"))
    form = log_form(_areas(), obj=log if request.method == "GET" else None)
    if request.method == "GET":
        form.area_code.data = log.area_code or ""
        form.topics.data = [outcome.topic for outcome in log.outcomes]
        for outcome in log.outcomes:
            form[f"topic_{outcome.topic}"].data = outcome.outcome
    if form.validate_on_submit():
        session_logs.update(log, _data(form), me)
        flash(_("Log %(number)d is saved.", number=log.id))
        return redirect(url_for("logs.listing"))
    return render_template(
        "support/log_form.html", form=form, editing=log, last=None, frequent=_frequent()
    )


def _frequent() -> list[str]:
    """Topics shown unfolded: the most logged ones, or the list's first ones at the start."""
    return session_logs.frequent_topics() or [str(c.value) for c in topic_choices()[:6]]


@bp.route("/export.csv")
@allow(Role.COORDINATOR)
def export():
    start, end, area = _date_arg("from"), _date_arg("to"), request.args.get("area", "")
    logs = session_logs.listing(None, start, end, area, with_outcomes=True)
    filters = {"from": str(start or ""), "to": str(end or ""), "area": area}
    body = session_logs.export_csv(logs, current_user._get_current_object(), filters)
    return Response(
        body,
        mimetype="text/csv",
        headers={
            "Content-Disposition": "attachment; filename=session-logs.csv",
        },
    )


@bp.route("/summary")
@allow(Role.STAFF, Role.COORDINATOR, Role.ADMIN)
def summary():
    """Totals only: policy staff never see a single log."""
    start, end = _date_arg("from"), _date_arg("to")
    return render_template(
        "support/summary.html",
        by_month=session_logs.totals_by("month", start, end),
        by_area=session_logs.totals_by("area", start, end),
        by_format=session_logs.totals_by("format", start, end),
        outcomes=session_logs.outcomes_by_topic(),
        **session_cards.listing_context(),
    )
