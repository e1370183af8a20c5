"""The resident's survey on the web: one question per page, resumable, submitted exactly once."""

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from outreach.access import allow, public
from outreach.extensions import limiter
from outreach.i18n import current_locale
from outreach.instrument import flow
from outreach.security import nothing_private
from outreach.services import survey as surveys
from outreach.survey import presenters
from outreach.survey.forms import (
    ResumeForm,
    StartForm,
    SubmitForm,
    data_for,
    question_form,
    values_from,
)
from outreach.survey.spam import caught, survey_limit
from outreach.vocabulary import Channel, Role

bp = Blueprint("survey", __name__)
DRAFT, DONE = "survey_draft", "survey_done"


def _draft_or_restart():
    draft = surveys.find_draft(session.get(DRAFT))
    if draft is None:
        flash(
            _(
                "Your answers on this computer were not found. Start again, or continue with your code."
            )
        )
    return draft


@bp.route("/")
@nothing_private
@public
def start():
    survey = surveys.instrument()
    has_draft = surveys.find_draft(session.get(DRAFT)) is not None
    return render_template(
        "survey/start.html", survey=survey, form=StartForm(), has_draft=has_draft
    )


@bp.route("/start", methods=["POST"])
@survey_limit
@public
def begin():
    if caught(StartForm()):  # a script: the usual redirect, but no draft behind it
        first = flow.next_question(surveys.instrument(), {}, None)
        return redirect(url_for("survey.question", question_id=first.id))
    channel, helper = Channel.WEB, None
    if request.form.get("assisted") and current_user.is_authenticated:
        channel, helper = Channel.ASSISTED, current_user.id
    draft = surveys.start_draft(channel, helper)
    session[DRAFT] = draft.token
    first = flow.next_question(surveys.instrument(), {}, None)
    return redirect(url_for("survey.question", question_id=first.id))


@bp.route("/q/<question_id>", methods=["GET", "POST"])
@survey_limit
@public
def question(question_id: str):
    survey = surveys.instrument()
    draft = _draft_or_restart()
    if draft is None:
        return redirect(url_for("survey.start"))
    asked = next((q for q in survey.visible(draft.answers) if q.id == question_id), None)
    if asked is None:
        abort(404)
    areas = presenters.area_choices() if asked.type == "area" else None
    if request.method == "GET":
        form = question_form(asked, areas, data=data_for(asked, draft.answers.get(asked.id, [])))
    else:
        form = question_form(asked, areas)
    covered = None
    if form.validate_on_submit():
        postal = form.postal_code.data if "postal_code" in form else ""
        values, covered = presenters.postal_answer(values_from(asked, form.answer.data, postal))
        leaving = request.form.get("action") == "save"
        if covered is None or leaving:
            surveys.save_answer(draft, asked.id, values)
            return (
                _save_for_later(draft)
                if leaving
                else redirect(_after(survey, draft.answers, asked.id))
            )
        form = _ask_again_for_area(asked, form, covered)
    if request.method == "POST" and request.form.get("action") == "save":
        return _save_for_later(draft)  # leaving: keep what was valid before, issue the code
    return render_template(
        "survey/question.html",
        form=form,
        question=asked,
        survey=survey,
        progress=flow.progress(survey, draft.answers, asked.id),
        back=_back_url(survey, draft.answers, asked.id),
        postal_choices=bool(covered),
    )


def _ask_again_for_area(asked, form, covered):
    """A postal code of no neighbourhood here: say so, keep it. Of several: offer just those."""
    typed = form.postal_code.data
    if not covered:
        form.postal_code.errors.append(
            _(
                "%(code)s is not a postal code of Hirakata City. Check it, or choose your neighbourhood from the list.",
                code=presenters.shown_postal_code(typed),
            )
        )
        form.postal_code.data = (form.postal_code.raw_data or [typed])[0]  # as typed: ５７３…
        return form
    return question_form(
        asked, presenters.area_choices(only=covered), formdata=None, data={"postal_code": typed}
    )


# "from" is a Python keyword, so it reaches url_for as **values (typed Any, as url_for's are).
_FROM_CHECK: dict[str, Any] = {"from": "check"}


def _after(survey, answers, question_id: str) -> str:
    if request.args.get("from") == "check":
        pending = flow.first_unanswered(survey, answers)
        return (
            url_for("survey.question", question_id=pending.id, **_FROM_CHECK)
            if pending
            else url_for("survey.check")
        )
    following = flow.next_question(survey, answers, question_id)
    return (
        url_for("survey.question", question_id=following.id)
        if following
        else url_for("survey.check")
    )


def _back_url(survey, answers, question_id: str) -> str:
    if request.args.get("from") == "check":
        return url_for("survey.check")
    previous = flow.previous_question(survey, answers, question_id)
    return (
        url_for("survey.question", question_id=previous.id) if previous else url_for("survey.start")
    )


def _save_for_later(draft):
    code = surveys.issue_resume_code(draft)
    session.pop(DRAFT, None)  # the next person at this computer starts afresh
    return render_template("survey/saved.html", code=f"{code[:4]}-{code[4:]}")


@bp.route("/resume", methods=["GET", "POST"])
@nothing_private
@limiter.limit("10 per minute", methods=["POST"])
@survey_limit
@public
def resume():
    form = ResumeForm()
    if form.validate_on_submit():
        draft = surveys.resume(form.code.data)
        if draft is not None:
            session[DRAFT] = draft.token
            pending = flow.first_unanswered(surveys.instrument(), draft.answers)
            flash(_("Welcome back. Your earlier answers are kept."))
            if pending is None:
                return redirect(url_for("survey.check"))
            return redirect(url_for("survey.question", question_id=pending.id))
        form.code.errors.append(
            _(
                "This code was not found. Check it and try again. Codes can be used once and last %(days)d days.",
                days=current_app.config["SURVEY_DRAFT_DAYS"],
            )
        )
    return render_template("survey/resume.html", form=form)


@bp.route("/check")
@public
def check():
    survey = surveys.instrument()
    draft = _draft_or_restart()
    if draft is None:
        return redirect(url_for("survey.start"))
    rows = presenters.answer_rows(survey, draft.answers)
    return render_template("survey/check.html", rows=rows, form=SubmitForm(), survey=survey)


@bp.route("/submit", methods=["POST"])
@survey_limit
@public
def submit():
    token = session.get(DRAFT)
    try:
        submitted = surveys.submit_by_token(token, current_locale().url_code) if token else None
    except surveys.Incomplete as missing:
        # Reached by sending the form out of order or straight from a script: nothing is stored.
        flash(_("Answer this question to finish the survey. Your other answers are kept."))
        return redirect(url_for("survey.question", question_id=missing.question_id, **_FROM_CHECK))
    if submitted is None:
        return redirect(url_for("survey.start"))
    key, response_id = submitted
    session[DONE] = {"key": key, "response": response_id}
    return surveys.count_when_sent(redirect(url_for("survey.thanks")))


@bp.route("/thanks")
@public
def thanks():
    if DONE not in session:
        return redirect(url_for("survey.start"))
    session.pop(DRAFT, None)
    return render_template("survey/thanks.html")


@bp.route("/help")
@public
def help_page():
    done = session.get(DONE)
    answers = surveys.answers_of(done["response"]) if done else {}
    return render_template(
        "survey/help.html", **presenters.help_context(surveys.instrument(), answers)
    )


@bp.route("/paper")
@nothing_private
@public
def paper():
    survey = surveys.instrument()
    return render_template(
        "survey/paper.html", survey=survey, questions=presenters.paper_questions(survey)
    )


@bp.route("/assist")
@allow(Role.VOLUNTEER, Role.COORDINATOR, Role.ADMIN)
def assist():
    """A volunteer starts the one-question-per-page survey beside a resident."""
    return render_template("survey/assist.html", form=SubmitForm())
