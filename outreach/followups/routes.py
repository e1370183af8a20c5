"""Follow-ups as cases: coordinators assign; the person who has one starts it, adds notes and a
due date, and closes it with an outcome; a volunteer sees what they flagged at once."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from outreach.access import allow
from outreach.followups.forms import CloseForm, DueForm, FlagForm, NoteForm
from outreach.forms_common import ConfirmForm
from outreach.request_input import positive_int
from outreach.services import follow_up_cases, followups, session_logs, users
from outreach.vocabulary import Role

bp = Blueprint("followups", __name__)
CASE_WORKERS = allow(Role.COORDINATOR, Role.VOLUNTEER)


def _me():
    return current_user._get_current_object()


@bp.route("/")
@CASE_WORKERS
def queue():
    me = _me()
    return render_template(
        "followups/queue.html",
        items=followups.open_items(me),
        form=ConfirmForm(),
        volunteers=followups.volunteers() if me.role == Role.COORDINATOR else [],
    )


def _case_or_404(follow_up_id: int, work: bool = False):
    follow_up = followups.get(follow_up_id) or abort(404)
    me = _me()
    allowed = followups.can_work if work else followups.can_see
    if not allowed(follow_up, me):
        abort(403)
    return follow_up


def _case_page(follow_up, status: int = 200, **forms):
    me = _me()
    item, history = followups.case(follow_up, me)
    forms = {
        "note_form": NoteForm(formdata=None),
        "due_form": DueForm(formdata=None, data={"due": follow_up.due_on}),
        "close_form": CloseForm(formdata=None),
        **forms,
    }
    failed = next((f for f in forms.values() if f.errors), None)
    helpers = followups.volunteers()
    page = render_template(
        "followups/case.html",
        failed=failed,
        item=item,
        history=history,
        can_work=followups.can_work(follow_up, me) and follow_up_cases.is_open(follow_up),
        volunteers=helpers if me.role == Role.COORDINATOR else [],
        form=ConfirmForm(),
        names={u.id: u.display_name for u in helpers},
        **forms,
    )
    return page, status


@bp.route("/<int:follow_up_id>")
@CASE_WORKERS
def case(follow_up_id: int):
    return _case_page(_case_or_404(follow_up_id))


@bp.route("/<int:follow_up_id>/assign", methods=["POST"])
@allow(Role.COORDINATOR)
def assign(follow_up_id: int):
    follow_up = followups.get(follow_up_id) or abort(404)
    chosen = request.form.get("volunteer", type=positive_int)
    volunteer = users.by_id(chosen) if chosen else None
    follow_up_cases.assign(follow_up, volunteer, _me())
    flash(
        _("Assigned to %(name)s.", name=volunteer.display_name) if volunteer else _("Unassigned.")
    )
    back_to_case = request.form.get("back") == "case"
    return redirect(_to_case(follow_up_id) if back_to_case else _to_queue())


def _to_case(follow_up_id: int) -> str:
    return url_for("followups.case", follow_up_id=follow_up_id)


def _to_queue() -> str:
    return url_for("followups.queue")


@bp.route("/<int:follow_up_id>/start", methods=["POST"])
@CASE_WORKERS
def start(follow_up_id: int):
    follow_up = _case_or_404(follow_up_id, work=True)
    if follow_up_cases.is_open(follow_up):
        follow_up_cases.start(follow_up, _me())
        flash(_("Marked as in progress."))
    return redirect(_to_case(follow_up_id))


@bp.route("/<int:follow_up_id>/note", methods=["POST"])
@CASE_WORKERS
def note(follow_up_id: int):
    follow_up = _case_or_404(follow_up_id, work=True)
    form = NoteForm()
    if not form.validate_on_submit():
        return _case_page(follow_up, 400, note_form=form)
    if follow_up_cases.add_note(follow_up, form.note.data.strip(), _me()):
        flash(_("The note is added."))
    return redirect(_to_case(follow_up_id))


@bp.route("/<int:follow_up_id>/due", methods=["POST"])
@CASE_WORKERS
def due(follow_up_id: int):
    follow_up = _case_or_404(follow_up_id, work=True)
    form = DueForm()
    if not form.validate_on_submit():
        return _case_page(follow_up, 400, due_form=form)
    follow_up_cases.set_due(follow_up, form.due.data, _me())
    flash(_("The due date is saved.") if form.due.data else _("The due date is removed."))
    return redirect(_to_case(follow_up_id))


@bp.route("/<int:follow_up_id>/close", methods=["POST"])
@CASE_WORKERS
def close(follow_up_id: int):
    follow_up = _case_or_404(follow_up_id, work=True)
    form = CloseForm()
    if not form.validate_on_submit():
        return _case_page(follow_up, 400, close_form=form)
    note_text = (form.closing_note.data or "").strip()
    if follow_up_cases.close(follow_up, form.outcome.data, _me(), note_text):
        flash(_("The follow-up is closed. Any contact details have been deleted."))
    else:
        flash(_("This follow-up was already closed."))
    return redirect(_to_queue())


@bp.route("/new", methods=["GET", "POST"])
@CASE_WORKERS
def new():
    log_id = request.args.get("log", type=positive_int)
    if log_id is None:  # which session is it about? The person's latest logs to choose from
        mine = None if _me().role == Role.COORDINATOR else _me()
        return render_template("followups/choose_log.html", logs=session_logs.listing(mine)[:20])
    log = followups.log_for_flagging(log_id, _me()) or abort(404)
    form = FlagForm()
    if form.validate_on_submit():
        made = follow_up_cases.flag_more(log, form.summary.data.strip(), _me(), form.due.data)
        flash(_("The follow-up is added. It is in your follow-ups now."))
        return redirect(_to_case(made.id))
    status = 400 if request.method == "POST" else 200
    return render_template("followups/new.html", form=form, log=log), status
