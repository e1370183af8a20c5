"""Volunteers key in paper forms and phone answers: every question on one page."""

import secrets

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outreach.access import allow
from outreach.i18n import current_locale
from outreach.security import keep_for_back_button
from outreach.services import survey as surveys
from outreach.survey import presenters
from outreach.survey.forms import entry_form, values_from
from outreach.vocabulary import Channel, Role

bp = Blueprint("entry", __name__)


def _answers(survey, form) -> dict[str, list[str]]:
    answers = {}
    for question in survey.questions:
        postal = getattr(form, f"q_{question.id}_postal", None)
        values = values_from(question, form[f"q_{question.id}"].data, postal.data if postal else "")
        if question.type == "area":  # a code of one neighbourhood is that neighbourhood
            values, _covered = presenters.postal_answer(values)
        if values:
            answers[question.id] = values
    return answers


@bp.route("/", methods=["GET", "POST"])
@allow(Role.VOLUNTEER, Role.COORDINATOR, Role.ADMIN)
def new():
    survey = surveys.instrument()
    form = entry_form(survey, presenters.area_choices())
    if request.method == "GET":
        form.submission_key.data = secrets.token_urlsafe(24)
        form.channel.data = request.args.get("channel", Channel.PAPER.value)
    duplicate = False
    if form.validate_on_submit():
        sheet = (form.paper_sheet.data or "").strip() if form.channel.data == Channel.PAPER else ""
        key = surveys.submission_key(form.submission_key.data or secrets.token_urlsafe(24))
        already = surveys.response_id_for(key)
        duplicate = bool(sheet) and not already and surveys.sheet_already_entered(sheet)
        if not duplicate or form.confirm_duplicate.data:
            try:
                surveys.submit(
                    _answers(survey, form),
                    Channel(form.channel.data),
                    current_locale().url_code,
                    key,
                    entered_by_id=current_user.id,
                    paper_sheet=sheet or None,
                )
            except surveys.Incomplete:
                form.form_errors.append(_("Enter the answers given: this form is empty."))
                return keep_for_back_button(
                    render_template("survey/entry.html", form=form, survey=survey)
                )
            flash(
                _("Saved. Sheet %(sheet)s is in the database.", sheet=sheet)
                if sheet
                else _("Saved.")
            )
            return surveys.count_when_sent(
                redirect(url_for("entry.new", channel=form.channel.data))
            )
    return keep_for_back_button(
        render_template("survey/entry.html", form=form, survey=survey, duplicate=duplicate)
    )
