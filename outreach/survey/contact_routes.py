"""After the survey: an optional, separate consent to be contacted for help."""

from flask import Blueprint, current_app, redirect, render_template, session, url_for
from flask_babel import gettext as _

from outreach.access import public
from outreach.services import contacts
from outreach.survey.forms import ContactForm
from outreach.survey.spam import caught, survey_limit

bp = Blueprint("contact", __name__)


@bp.route("/survey/contact", methods=["GET", "POST"])
@survey_limit
@public
def contact():
    done = session.get("survey_done")
    if not done:
        return redirect(url_for("survey.start"))
    if contacts.already_stored(done["key"]):
        return render_template("survey/contact_sent.html")
    form = ContactForm()
    form.consent.description = _(
        "Your details are kept apart from your answers, encrypted, and deleted when the help is arranged or after %(days)d days at the latest.",
        days=current_app.config["CONTACT_RETENTION_DAYS"],
    )
    if form.validate_on_submit():
        if caught(form):
            return render_template("survey/contact_sent.html")  # as if sent; nothing stored
        details = contacts.ContactDetails(
            name=form.name.data.strip(),
            phone=(form.phone.data or "").strip(),
            address=(form.address.data or "").strip(),
            when_to_call=form.when_to_call.data or "",
            response_id=done["response"],
            area_code=None,
        )
        contacts.store(details, form.language.data, done["key"])
        return render_template("survey/contact_sent.html")
    return render_template("survey/contact.html", form=form)
